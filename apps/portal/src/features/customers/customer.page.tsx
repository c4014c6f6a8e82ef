import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { can, isCustomerRole } from '../../app/navigation';
import {
  CreateSiteDocument,
  CustomerDocument,
  CustomerSitesDocument,
  SetCustomerConsentDocument,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDate } from '../../shared/format';
import { Page } from '../../shared/page';
import { ReasonedButton } from '../../shared/disabled-reason';
import { toggled } from '../../shared/selection';
import { ErrorState, LoadingState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { CustomerContracts } from '../contracts/customer-contracts';
import { CustomerMasking } from '../masking/customer-masking';
import { UpdateConsent } from '../releases/update-consent';
import { CustomerDeletion } from '../retention/customer-deletion';
import { COMMAND_TYPE_OPTIONS, type CommandType } from './command-types';

export function CustomerPage() {
  const { customerId = '' } = useParams();
  const user = useCurrentUser();
  // A customer user asking for another customer's page (edited URL) is refused here already;
  // central would answer NOT_FOUND anyway.
  const foreign = isCustomerRole(user.role) && user.customerId !== customerId;
  const customer = useQuery(CustomerDocument, { variables: { id: customerId }, skip: foreign });

  if (foreign) {
    return (
      <Page title="Customer">
        <p role="alert">This customer is not yours to see.</p>
      </Page>
    );
  }
  if (customer.error) {
    return (
      <Page title="Customer">
        <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />
      </Page>
    );
  }
  const data = customer.data?.customer;
  if (!data) return <LoadingState />;

  return (
    <Page
      title={data.name}
      actions={isCustomerRole(user.role) ? undefined : <Link to="/customers">All customers</Link>}
    >
      {data.externalRef && <p className="lead">Reference: {data.externalRef}</p>}
      {(data.archivedAt ?? data.deletionRequestedAt) && (
        <p className="lead">
          {data.deletionRequestedAt ? 'Archived, deletion requested' : 'Archived'}: see{' '}
          <a href="#archive-and-deletion">Archive and deletion</a>.
        </p>
      )}
      <h2>Sites</h2>
      <Sites customerId={data.id} canManage={can(user.role, 'manageSites')} />
      <h2>Contracts</h2>
      <CustomerContracts customerId={data.id} canManage={can(user.role, 'manageContracts')} />
      <h2>Remote actions</h2>
      <Consent
        key={data.id}
        customerId={data.id}
        allowed={data.allowedCommandTypes}
        canChange={can(user.role, 'setConsent')}
      />
      <h2>Agent updates</h2>
      <UpdateConsent customerId={data.id} canChange={can(user.role, 'setConsent')} />
      <h2>Privacy masking</h2>
      <CustomerMasking customerId={data.id} canChange={can(user.role, 'setMasking')} />
      <h2 id="archive-and-deletion">Archive and deletion</h2>
      <CustomerDeletion customer={data} canChange={can(user.role, 'deleteCustomers')} />
    </Page>
  );
}

function Sites({ customerId, canManage }: { customerId: string; canManage: boolean }) {
  const pagination = useCursorPagination(25, customerId);
  const sites = useQuery(CustomerSitesDocument, {
    variables: { customerId, ...pagination.variables },
  });
  return (
    <>
      {canManage && (
        <CreateSiteForm customerId={customerId} onCreated={() => void sites.refetch()} />
      )}
      <DataTable
        caption="Sites"
        rows={nodesOf(sites.data?.sites)}
        rowKey={(site) => site.id}
        loading={sites.loading}
        error={sites.error}
        onRetry={() => void sites.refetch()}
        emptyTitle="No sites yet"
        emptyBody="Add a site for each location where an agent will run."
        pagination={pagination}
        pageInfo={sites.data?.sites.pageInfo}
        columns={[
          { key: 'name', header: 'Site', render: (site) => site.name },
          { key: 'address', header: 'Address', render: (site) => site.address ?? '—' },
          { key: 'zone', header: 'Time zone', render: (site) => site.timeZone ?? '—' },
          { key: 'created', header: 'Created', render: (site) => formatDate(site.createdAt) },
        ]}
      />
    </>
  );
}

function Consent({
  customerId,
  allowed,
  canChange,
}: {
  customerId: string;
  allowed: readonly CommandType[];
  canChange: boolean;
}) {
  const [selected, setSelected] = useState<CommandType[]>([...allowed]);
  const [save, { loading, error, data }] = useMutation(SetCustomerConsentDocument);
  const toggle = (type: CommandType) => setSelected((current) => toggled(current, type));
  const changed =
    selected.length !== allowed.length || selected.some((type) => !allowed.includes(type));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await save({ variables: { input: { customerId, allowedCommandTypes: selected } } }).catch(
      () => null,
    );
  };

  return (
    <form
      className="card"
      onSubmit={(event) => void submit(event)}
      aria-label="Remote actions allowed"
    >
      <fieldset>
        <legend>Actions the dealer may run on this customer&apos;s printers and agents</legend>
        <div className="checkbox-list checkbox-list--stacked">
          {COMMAND_TYPE_OPTIONS.map((option) => (
            <label key={option.type} className="checkbox">
              <input
                type="checkbox"
                checked={selected.includes(option.type)}
                disabled={!canChange}
                onChange={() => toggle(option.type)}
              />
              <span>
                {option.label} <small>— {option.effect}</small>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && <ErrorState error={error} />}
      {data && !changed && (
        <p className="form-success" role="status">
          Saved.
        </p>
      )}
      {canChange ? (
        <ReasonedButton
          type="submit"
          className="button button--primary"
          busy={loading}
          reason={changed ? null : 'No changes to save.'}
        >
          Save remote actions
        </ReasonedButton>
      ) : (
        <p className="disabled-reason">Only an administrator can change the allowed actions.</p>
      )}
    </form>
  );
}

function CreateSiteForm({ customerId, onCreated }: { customerId: string; onCreated: () => void }) {
  const { hash } = useLocation();
  const [createSite, { loading, error, reset }] = useMutation(CreateSiteDocument);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await createSite({
      variables: {
        input: {
          customerId,
          name: name.trim(),
          address: address.trim() || null,
          timeZone: timeZone.trim() || null,
        },
      },
    }).catch(() => null);
    if (result?.data) {
      setName('');
      setAddress('');
      onCreated();
    }
  };

  return (
    <details id="new-site" className="card disclosure" open={hash === '#new-site' || undefined}>
      <summary>New site</summary>
      <form className="form-grid" onSubmit={(event) => void submit(event)} aria-label="New site">
        <div className="field">
          <label htmlFor="site-name">Name</label>
          <input
            id="site-name"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="site-address">Address</label>
          <input
            id="site-address"
            value={address}
            onChange={(event) => setAddress(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="site-zone">Time zone</label>
          <input
            id="site-zone"
            placeholder="Europe/Berlin"
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
          />
        </div>
        {error && <ErrorState error={error} />}
        <div className="form-grid__wide">
          <button type="submit" className="button button--primary" disabled={loading}>
            Create site
          </button>
        </div>
      </form>
    </details>
  );
}
