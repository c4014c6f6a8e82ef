import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, type Role } from '../../app/navigation';
import { CreateUserDocument, UserCustomerOptionsDocument, UsersDocument } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDate } from '../../shared/format';
import { Page } from '../../shared/page';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';

/** Roles a dealer admin can hand out inside their tenant. */
const ASSIGNABLE_ROLES: readonly Role[] = [
  'DEALER_ADMIN',
  'DEALER_TECHNICIAN',
  'DEALER_BILLING',
  'CUSTOMER_ADMIN',
  'CUSTOMER_VIEWER',
];

const isCustomerRole = (role: Role) => role === 'CUSTOMER_ADMIN' || role === 'CUSTOMER_VIEWER';

export function UsersPage() {
  const pagination = useCursorPagination(25);
  const users = useQuery(UsersDocument, { variables: pagination.variables });
  return (
    <Page title="Users">
      <CreateUserForm onCreated={() => void users.refetch()} />
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
          { key: 'customer', header: 'Customer', render: (user) => user.customer?.name ?? '—' },
          { key: 'created', header: 'Created', render: (user) => formatDate(user.createdAt) },
        ]}
      />
    </Page>
  );
}

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const [createUser, { loading, error, reset }] = useMutation(CreateUserDocument);
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'DEALER_TECHNICIAN' as Role, customerId: '' });
  const needsCustomer = isCustomerRole(form.role);
  const customers = useQuery(UserCustomerOptionsDocument, { skip: !needsCustomer });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await createUser({
      variables: {
        input: {
          name: form.name.trim(),
          email: form.email.trim(),
          password: form.password,
          role: form.role,
          customerId: needsCustomer ? form.customerId : null,
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
          <input id="user-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
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
        <div className="field">
          <label htmlFor="user-password">Initial password</label>
          <input
            id="user-password"
            type="password"
            autoComplete="new-password"
            minLength={12}
            required
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select
            id="user-role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {ASSIGNABLE_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        {needsCustomer && (
          <div className="field">
            <label htmlFor="user-customer">Customer</label>
            <select
              id="user-customer"
              required
              value={form.customerId}
              onChange={(e) => setForm({ ...form, customerId: e.target.value })}
            >
              <option value="">Choose a customer…</option>
              {nodesOf(customers.data?.customers)?.map((customer) => (
                <option key={customer.id} value={customer.id}>
                  {customer.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {error && <ErrorState error={error} />}
        <div className="form-grid__wide">
          <button type="submit" className="button button--primary" disabled={loading}>
            Create user
          </button>
        </div>
      </form>
    </details>
  );
}
