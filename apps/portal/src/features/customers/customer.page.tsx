import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { CreateSiteDocument, CustomerSitesDocument } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDate } from '../../shared/format';
import { Page } from '../../shared/page';
import { ErrorState, LoadingState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';

export function CustomerPage() {
  const { customerId = '' } = useParams();
  const pagination = useCursorPagination(25, customerId);
  const customer = useQuery(CustomerSitesDocument, {
    variables: { id: customerId, ...pagination.variables },
  });

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
    <Page title={data.name} actions={<Link to="/customers">All customers</Link>}>
      {data.externalRef && <p>Reference: {data.externalRef}</p>}
      <h2>Sites</h2>
      <CreateSiteForm customerId={data.id} onCreated={() => void customer.refetch()} />
      <DataTable
        caption={`Sites of ${data.name}`}
        rows={nodesOf(data.sites)}
        rowKey={(site) => site.id}
        loading={customer.loading}
        error={undefined}
        emptyTitle="No sites yet"
        emptyBody="Add a site for each location where an agent will run."
        pagination={pagination}
        pageInfo={data.sites.pageInfo}
        columns={[
          { key: 'name', header: 'Site', render: (site) => site.name },
          { key: 'address', header: 'Address', render: (site) => site.address ?? '—' },
          { key: 'created', header: 'Created', render: (site) => formatDate(site.createdAt) },
        ]}
      />
    </Page>
  );
}

function CreateSiteForm({ customerId, onCreated }: { customerId: string; onCreated: () => void }) {
  const [createSite, { loading, error, reset }] = useMutation(CreateSiteDocument);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await createSite({
      variables: { input: { customerId, name: name.trim(), address: address.trim() || null } },
    }).catch(() => null);
    if (result?.data) {
      setName('');
      setAddress('');
      onCreated();
    }
  };

  return (
    <details className="card disclosure">
      <summary>New site</summary>
      <form className="form-grid" onSubmit={(event) => void submit(event)} aria-label="New site">
        <div className="field">
          <label htmlFor="site-name">Name</label>
          <input id="site-name" required value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="site-address">Address</label>
          <input id="site-address" value={address} onChange={(event) => setAddress(event.target.value)} />
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
