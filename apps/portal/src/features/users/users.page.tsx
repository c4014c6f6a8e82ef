import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { isCustomerRole, ROLE_LABELS, type Role } from '../../app/navigation';
import {
  CreateUserDocument,
  DisableUserDocument,
  MailDeliveryDocument,
  ResendInvitationDocument,
  RevokeInvitationDocument,
  UsersDocument,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { CustomerPicker } from '../customers/customer-picker';
import { DataTable } from '../../shared/data-table';
import { formatDate, formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';

const DEALER_ASSIGNABLE: readonly Role[] = [
  'DEALER_ADMIN',
  'DEALER_TECHNICIAN',
  'DEALER_BILLING',
  'CUSTOMER_ADMIN',
  'CUSTOMER_VIEWER',
];
const CUSTOMER_ASSIGNABLE: readonly Role[] = ['CUSTOMER_ADMIN', 'CUSTOMER_VIEWER'];

export function UsersPage() {
  const me = useCurrentUser();
  const pagination = useCursorPagination(25);
  const users = useQuery(UsersDocument, { variables: pagination.variables });
  const [disableUser, disabling] = useMutation(DisableUserDocument);
  const [resendInvitation, resending] = useMutation(ResendInvitationDocument);
  const [revokeInvitation, revoking] = useMutation(RevokeInvitationDocument);
  const [invitationNote, setInvitationNote] = useState<string | null>(null);
  const mail = useQuery(MailDeliveryDocument);
  const mailConfigured = mail.data?.mailDelivery.configured ?? false;

  const confirmDisable = async (id: string, name: string) => {
    if (
      !window.confirm(`Disable ${name}? They are signed out everywhere and cannot sign in again.`)
    )
      return;
    await disableUser({ variables: { id } }).catch(() => null);
  };

  const resend = async (id: string, email: string) => {
    setInvitationNote(null);
    const result = await resendInvitation({ variables: { userId: id } }).catch(() => null);
    if (result?.data) setInvitationNote(`A new invitation is on its way to ${email}.`);
  };

  const revoke = async (id: string, name: string) => {
    if (!window.confirm(`Revoke the invitation of ${name}? The link they received stops working.`))
      return;
    setInvitationNote(null);
    const result = await revokeInvitation({ variables: { userId: id } }).catch(() => null);
    if (result?.data) setInvitationNote(`The invitation of ${name} is revoked.`);
  };

  return (
    <Page title="Users">
      <CreateUserForm
        assignable={isCustomerRole(me.role) ? CUSTOMER_ASSIGNABLE : DEALER_ASSIGNABLE}
        fixedCustomerId={isCustomerRole(me.role) ? me.customerId : null}
        mailConfigured={mailConfigured}
        onCreated={() => void users.refetch()}
      />
      {disabling.error && <ErrorState error={disabling.error} />}
      {resending.error && <ErrorState error={resending.error} />}
      {revoking.error && <ErrorState error={revoking.error} />}
      {invitationNote && (
        <p className="form-success" role="status">
          {invitationNote}
        </p>
      )}
      <DataTable
        caption="Users"
        rows={nodesOf(users.data?.users)}
        rowKey={(user) => user.id}
        loading={users.loading}
        error={users.error}
        onRetry={() => void users.refetch()}
        emptyTitle="No users yet"
        pagination={pagination}
        pageInfo={users.data?.users.pageInfo}
        columns={[
          { key: 'name', header: 'Name', render: (user) => user.name },
          { key: 'email', header: 'Email', render: (user) => user.email },
          { key: 'role', header: 'Role', render: (user) => ROLE_LABELS[user.role] },
          {
            key: 'customer',
            header: 'Customer',
            render: (user) => user.customer?.name ?? '—',
          },
          {
            key: 'login',
            header: 'Last sign-in',
            render: (user) => formatDateTime(user.lastLoginAt),
          },
          { key: 'created', header: 'Created', render: (user) => formatDate(user.createdAt) },
          {
            key: 'state',
            header: 'State',
            render: (user) =>
              user.disabledAt ? (
                <span className="badge badge--muted">Disabled</span>
              ) : user.id === me.id ? (
                <span className="badge">You</span>
              ) : user.invitationPending ? (
                <span className="row-actions">
                  <span className="badge badge--muted">Invitation pending</span>
                  {mailConfigured && (
                    <button
                      type="button"
                      className="button"
                      disabled={resending.loading}
                      aria-label={`Resend the invitation of ${user.name}`}
                      onClick={() => void resend(user.id, user.email)}
                    >
                      Resend
                    </button>
                  )}
                  <button
                    type="button"
                    className="button"
                    disabled={revoking.loading}
                    aria-label={`Revoke the invitation of ${user.name}`}
                    onClick={() => void revoke(user.id, user.name)}
                  >
                    Revoke
                  </button>
                  <button
                    type="button"
                    className="button button--danger"
                    disabled={disabling.loading}
                    aria-label={`Disable ${user.name}`}
                    onClick={() => void confirmDisable(user.id, user.name)}
                  >
                    Disable
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="button button--danger"
                  disabled={disabling.loading}
                  aria-label={`Disable ${user.name}`}
                  onClick={() => void confirmDisable(user.id, user.name)}
                >
                  Disable
                </button>
              ),
          },
        ]}
      />
    </Page>
  );
}

/**
 * Where central sends e-mail, a new user is invited and chooses their own password by the
 * e-mailed link; where it does not, the admin sets an initial password.
 */
export function CreateUserForm({
  assignable,
  fixedCustomerId,
  mailConfigured,
  onCreated,
}: {
  assignable: readonly Role[];
  fixedCustomerId: string | null;
  mailConfigured: boolean;
  onCreated: () => void;
}) {
  const [createUser, { loading, error, reset, data }] = useMutation(CreateUserDocument);
  const [form, setForm] = useState({
    name: '',
    email: '',
    password: '',
    role: assignable[assignable.length - 1] ?? 'CUSTOMER_VIEWER',
    customerId: fixedCustomerId ?? '',
  });
  const needsCustomer = isCustomerRole(form.role);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await createUser({
      variables: {
        input: {
          name: form.name.trim(),
          email: form.email.trim(),
          password: mailConfigured ? null : form.password,
          role: form.role,
          customerId: needsCustomer ? (fixedCustomerId ?? form.customerId) : null,
        },
      },
    }).catch(() => null);
    if (result?.data) {
      setForm((current) => ({ ...current, name: '', email: '', password: '' }));
      onCreated();
    }
  };

  return (
    <details className="card disclosure">
      <summary>New user</summary>
      <form className="form-grid" onSubmit={(event) => void submit(event)} aria-label="New user">
        <div className="field">
          <label htmlFor="user-name">Name</label>
          <input
            id="user-name"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="user-email">Email</label>
          <input
            id="user-email"
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </div>
        {mailConfigured ? (
          <p className="form-grid__wide" id="user-invitation-hint">
            An invitation is e-mailed to this address: the user chooses their own password by its
            link (valid 7 days).
          </p>
        ) : (
          <div className="field">
            <label htmlFor="user-password">Initial password</label>
            <input
              id="user-password"
              type="password"
              autoComplete="new-password"
              minLength={12}
              required
              aria-describedby="user-password-hint"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
            <small id="user-password-hint">
              At least 12 characters. This Printbeat sends no e-mail, so tell the user their
              password yourself.
            </small>
          </div>
        )}
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select
            id="user-role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {assignable.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        {needsCustomer && fixedCustomerId === null && (
          <CustomerPicker
            required
            value={form.customerId}
            onChange={(customerId) => setForm({ ...form, customerId })}
          />
        )}
        {error && <ErrorState error={error} />}
        {data && !error && (
          <p className="form-success" role="status">
            {data.createUser.invitationPending
              ? `An invitation is on its way to ${data.createUser.email}.`
              : `${data.createUser.email} can sign in now.`}
          </p>
        )}
        <div className="form-grid__wide">
          <button type="submit" className="button button--primary" disabled={loading}>
            {mailConfigured ? 'Invite user' : 'Create user'}
          </button>
        </div>
      </form>
    </details>
  );
}
