import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { can } from '../../app/navigation';
import { CreateCustomerDocument, CustomersDocument } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDate } from '../../shared/format';
import { Page } from '../../shared/page';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';

export function CustomersPage() {
  const user = useCurrentUser();
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const pagination = useCursorPagination(25, search);
  const customers = useQuery(CustomersDocument, {
    variables: { ...pagination.variables, search: search === '' ? null : search },
  });

  return (
    <Page title="Customers">
      {can(user.role, 'createCustomer') && (
        <CreateCustomerForm onCreated={() => void customers.refetch()} />
      )}
      <form
        className="toolbar"
        role="search"
        aria-label="Customers"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(searchInput.trim());
        }}
      >
        <label htmlFor="customer-search">Name or reference</label>
        <input
          id="customer-search"
          type="search"
          value={searchInput}
          onChange={(event) => setSearchInput(event.target.value)}
        />
        <button type="submit" className="button">
          Search
        </button>
        {search !== '' && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setSearchInput('');
              setSearch('');
            }}
          >
            Clear
          </button>
        )}
      </form>
      <DataTable
        caption="Customers"
        rows={nodesOf(customers.data?.customers)}
        rowKey={(customer) => customer.id}
        loading={customers.loading}
        error={customers.error}
        onRetry={() => void customers.refetch()}
        emptyTitle={search ? `No customer matches “${search}”` : 'No customers yet'}
        emptyBody={
          search ? undefined : 'Create a customer for each company whose printers you look after.'
        }
        pagination={pagination}
        pageInfo={customers.data?.customers.pageInfo}
        columns={[
          {
            key: 'name',
            header: 'Customer',
            render: (customer) => <Link to={`/customers/${customer.id}`}>{customer.name}</Link>,
          },
          { key: 'ref', header: 'Reference', render: (customer) => customer.externalRef ?? '—' },
          {
            key: 'state',
            header: 'State',
            render: (customer) =>
              customer.deletionRequestedAt
                ? `Deletion requested ${formatDate(customer.deletionRequestedAt)}`
                : customer.archivedAt
                  ? `Archived ${formatDate(customer.archivedAt)}`
                  : 'Active',
          },
          {
            key: 'created',
            header: 'Created',
            render: (customer) => formatDate(customer.createdAt),
          },
        ]}
      />
    </Page>
  );
}

function CreateCustomerForm({ onCreated }: { onCreated: () => void }) {
  const [createCustomer, { loading, error, reset }] = useMutation(CreateCustomerDocument);
  const [name, setName] = useState('');
  const [externalRef, setExternalRef] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await createCustomer({
      variables: { input: { name: name.trim(), externalRef: externalRef.trim() || null } },
    }).catch(() => null);
    if (result?.data) {
      setName('');
      setExternalRef('');
      onCreated();
    }
  };

  return (
    <details className="card disclosure">
      <summary>New customer</summary>
      <form
        className="form-grid"
        onSubmit={(event) => void submit(event)}
        aria-label="New customer"
      >
        <div className="field">
          <label htmlFor="customer-name">Name</label>
          <input
            id="customer-name"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="customer-ref">Reference in your billing system</label>
          <input
            id="customer-ref"
            value={externalRef}
            onChange={(event) => setExternalRef(event.target.value)}
          />
        </div>
        {error && <ErrorState error={error} />}
        <div className="form-grid__wide">
          <button type="submit" className="button button--primary" disabled={loading}>
            Create customer
          </button>
        </div>
      </form>
    </details>
  );
}
