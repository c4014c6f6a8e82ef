import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { AgentsPage } from '../features/agents/agents.page';
import { AlertsPage } from '../features/alerts/alerts.page';
import { ApiKeysPage } from '../features/api-keys/api-keys.page';
import { AuditPage } from '../features/audit/audit.page';
import { SignInPage } from '../features/auth/sign-in.page';
import { BillingPage } from '../features/billing/billing.page';
import { CommandsPage } from '../features/commands/commands.page';
import { CustomerPage } from '../features/customers/customer.page';
import { CustomersPage } from '../features/customers/customers.page';
import { DevicePage } from '../features/devices/device.page';
import { FleetPage } from '../features/fleet/fleet.page';
import { SuppliesPage } from '../features/supplies/supplies.page';
import { TenantsPage } from '../features/tenants/tenants.page';
import { UsersPage } from '../features/users/users.page';
import { WebhooksPage } from '../features/webhooks/webhooks.page';
import { Page } from '../shared/page';
import { ErrorState, LoadingState } from '../shared/states';
import { useAuth, useCurrentUser } from './auth/auth-provider';
import { AppLayout } from './layout/app-layout';
import { RequireSection } from './layout/require-section';
import { homePathFor, type Section } from './navigation';

/** Signed out, any URL shows the sign-in form; after signing in the same URL renders. */
function AuthGate() {
  const { state } = useAuth();
  switch (state.status) {
    case 'restoring':
      return <LoadingState label="Restoring your session…" />;
    case 'signedOut':
      return <SignInPage />;
    case 'unavailable':
      return (
        <main className="sign-in">
          <ErrorState error={new Error('network')} onRetry={state.retry} />
        </main>
      );
    case 'signedIn':
      return <Outlet />;
  }
}

function Home() {
  const user = useCurrentUser();
  return <Navigate to={homePathFor(user.role)} replace />;
}

function NotFound() {
  return (
    <Page title="Page not found">
      <p>There is nothing at this address.</p>
    </Page>
  );
}

const guarded = (section: Section, element: ReactNode) => (
  <RequireSection section={section}>{element}</RequireSection>
);

export function createRouter() {
  return createBrowserRouter([
    {
      element: <AuthGate />,
      children: [
        {
          element: <AppLayout />,
          children: [
            { index: true, element: <Home /> },
            { path: 'tenants', element: guarded('tenants', <TenantsPage />) },
            { path: 'fleet', element: guarded('fleet', <FleetPage />) },
            { path: 'devices/:deviceId', element: guarded('fleet', <DevicePage />) },
            { path: 'alerts', element: guarded('alerts', <AlertsPage />) },
            { path: 'commands', element: guarded('commands', <CommandsPage />) },
            { path: 'agents', element: guarded('agents', <AgentsPage />) },
            { path: 'supplies', element: guarded('supplies', <SuppliesPage />) },
            { path: 'billing', element: guarded('billing', <BillingPage />) },
            { path: 'customers', element: guarded('customers', <CustomersPage />) },
            { path: 'customers/:customerId', element: guarded('customers', <CustomerPage />) },
            { path: 'users', element: guarded('users', <UsersPage />) },
            { path: 'api-keys', element: guarded('apiKeys', <ApiKeysPage />) },
            { path: 'webhooks', element: guarded('webhooks', <WebhooksPage />) },
            { path: 'audit', element: guarded('audit', <AuditPage />) },
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ]);
}
