import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { CreateTenantDocument, TenantsDocument } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDate } from '../../shared/format';
import { Page } from '../../shared/page';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';

export function TenantsPage() {
  const pagination = useCursorPagination(25);
  const tenants = useQuery(TenantsDocument, { variables: pagination.variables });
  return (
    <Page title="Tenants">
      <CreateTenantForm onCreated={() => void tenants.refetch()} />
      <DataTable
        caption="Tenants"
        rows={nodesOf(tenants.data?.tenants)}
        rowKey={(tenant) => tenant.id}
        loading={tenants.loading}
        error={tenants.error}
        onRetry={() => void tenants.refetch()}
        emptyTitle="No tenants yet"
        pagination={pagination}
        pageInfo={tenants.data?.tenants.pageInfo}
        columns={[
          { key: 'name', header: 'Dealer', render: (tenant) => tenant.name },
          { key: 'slug', header: 'Slug', render: (tenant) => <code>{tenant.slug}</code> },
          { key: 'created', header: 'Created', render: (tenant) => formatDate(tenant.createdAt) },
          {
            key: 'state',
            header: 'State',
            render: (tenant) =>
              tenant.disabledAt ? (
                <span className="badge badge--muted">Disabled</span>
              ) : (
                <span className="badge">Active</span>
              ),
          },
        ]}
      />
    </Page>
  );
}

function CreateTenantForm({ onCreated }: { onCreated: () => void }) {
  const [createTenant, { loading, error, data, reset }] = useMutation(CreateTenantDocument);
  const empty = { name: '', slug: '', adminName: '', adminEmail: '', adminPassword: '' };
  const [form, setForm] = useState(empty);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const input = {
      name: form.name.trim(),
      slug: form.slug.trim(),
      admin: {
        name: form.adminName.trim(),
        email: form.adminEmail.trim(),
        password: form.adminPassword,
      },
    };
    const result = await createTenant({ variables: { input } }).catch(() => null);
    if (result?.data) {
      setForm(empty);
      onCreated();
    }
  };

  return (
    <details className="card disclosure">
      <summary>New tenant</summary>
      <form className="form-grid" onSubmit={(event) => void submit(event)} aria-label="New tenant">
        <div className="field">
          <label htmlFor="tenant-name">Dealer name</label>
          <input id="tenant-name" required value={form.name} onChange={set('name')} />
        </div>
        <div className="field">
          <label htmlFor="tenant-slug">Slug</label>
          <input
            id="tenant-slug"
            required
            pattern="[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?"
            aria-describedby="tenant-slug-hint"
            value={form.slug}
            onChange={set('slug')}
          />
          <small id="tenant-slug-hint">1–63 lower-case letters, digits or inner hyphens.</small>
        </div>
        <fieldset className="form-grid__wide">
          <legend>First dealer admin</legend>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="tenant-admin-name">Name</label>
              <input
                id="tenant-admin-name"
                required
                value={form.adminName}
                onChange={set('adminName')}
              />
            </div>
            <div className="field">
              <label htmlFor="tenant-admin-email">Email</label>
              <input
                id="tenant-admin-email"
                type="email"
                required
                value={form.adminEmail}
                onChange={set('adminEmail')}
              />
            </div>
            <div className="field">
              <label htmlFor="tenant-admin-password">Initial password</label>
              <input
                id="tenant-admin-password"
                type="password"
                autoComplete="new-password"
                minLength={12}
                required
                value={form.adminPassword}
                onChange={set('adminPassword')}
              />
            </div>
          </div>
        </fieldset>
        {error && <ErrorState error={error} />}
        {data && (
          <p className="form-success" role="status">
            Created {data.createTenant.tenant.name}; {data.createTenant.admin.email} can sign in
            now.
          </p>
        )}
        <div className="form-grid__wide">
          <button type="submit" className="button button--primary" disabled={loading}>
            Create tenant
          </button>
        </div>
      </form>
    </details>
  );
}
