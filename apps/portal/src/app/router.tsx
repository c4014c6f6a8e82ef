import {
  lazy,
  Suspense,
  type ComponentType,
  type LazyExoticComponent,
  type ReactNode,
} from 'react';
import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { SignInPage } from '../features/auth/sign-in.page';
import { Page } from '../shared/page';
import { ErrorState, LoadingState } from '../shared/states';
import { useAuth, useCurrentUser } from './auth/auth-provider';
import { AppLayout } from './layout/app-layout';
import { RequireSection } from './layout/require-section';
import { homePathFor, type Section } from './navigation';

/** Feature screens load on first visit, so signing in does not download every screen. */
function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => {
    const component: ComponentType = (await load())[name];
    return { default: component };
  });
}

const AgentsPage = lazyPage(() => import('../features/agents/agents.page'), 'AgentsPage');
const AgentPage = lazyPage(() => import('../features/agents/agent.page'), 'AgentPage');
const ReleasesPage = lazyPage(() => import('../features/releases/releases.page'), 'ReleasesPage');
const SettingsPage = lazyPage(() => import('../features/settings/settings.page'), 'SettingsPage');
const AlertsPage = lazyPage(() => import('../features/alerts/alerts.page'), 'AlertsPage');
const ApiKeysPage = lazyPage(() => import('../features/api-keys/api-keys.page'), 'ApiKeysPage');
const AuditPage = lazyPage(() => import('../features/audit/audit.page'), 'AuditPage');
const BillingPage = lazyPage(() => import('../features/billing/billing.page'), 'BillingPage');
const ReconciliationPage = lazyPage(
  () => import('../features/reconciliation/reconciliation.page'),
  'ReconciliationPage',
);
const ChangePasswordPage = lazyPage(
  () => import('../features/account/change-password.page'),
  'ChangePasswordPage',
);
const ChangeEmailPage = lazyPage(
  () => import('../features/account/change-email.page'),
  'ChangeEmailPage',
);
const CommandsPage = lazyPage(() => import('../features/commands/commands.page'), 'CommandsPage');
const CustomerPage = lazyPage(() => import('../features/customers/customer.page'), 'CustomerPage');
const CustomersPage = lazyPage(
  () => import('../features/customers/customers.page'),
  'CustomersPage',
);
const DevicePage = lazyPage(() => import('../features/devices/device.page'), 'DevicePage');
const FleetPage = lazyPage(() => import('../features/fleet/fleet.page'), 'FleetPage');
const SuppliesPage = lazyPage(() => import('../features/supplies/supplies.page'), 'SuppliesPage');
const TenantsPage = lazyPage(() => import('../features/tenants/tenants.page'), 'TenantsPage');
const UsersPage = lazyPage(() => import('../features/users/users.page'), 'UsersPage');
const ForgotPasswordPage = lazyPage(
  () => import('../features/auth/forgot-password.page'),
  'ForgotPasswordPage',
);
const ResetPasswordPage = lazyPage(
  () => import('../features/auth/set-password.page'),
  'ResetPasswordPage',
);
const AcceptInvitationPage = lazyPage(
  () => import('../features/auth/set-password.page'),
  'AcceptInvitationPage',
);
const ConfirmEmailPage = lazyPage(
  () => import('../features/auth/confirm-email.page'),
  'ConfirmEmailPage',
);
const WebhooksPage = lazyPage(() => import('../features/webhooks/webhooks.page'), 'WebhooksPage');
const NotificationsPage = lazyPage(
  () => import('../features/notifications/notifications.page'),
  'NotificationsPage',
);

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

const publicPage = (element: ReactNode) => (
  <Suspense fallback={<LoadingState />}>{element}</Suspense>
);

export const routes: RouteObject[] = [
  // Opened from e-mailed links or the sign-in form: no session needed.
  { path: 'forgot-password', element: publicPage(<ForgotPasswordPage />) },
  { path: 'reset-password', element: publicPage(<ResetPasswordPage />) },
  { path: 'invitation', element: publicPage(<AcceptInvitationPage />) },
  { path: 'confirm-email', element: publicPage(<ConfirmEmailPage />) },
  {
    element: <AuthGate />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Home /> },
          { path: 'tenants', element: guarded('tenants', <TenantsPage />) },
          { path: 'fleet', element: guarded('fleet', <FleetPage />) },
          { path: 'devices/:deviceId', element: guarded('devices', <DevicePage />) },
          { path: 'alerts', element: guarded('alerts', <AlertsPage />) },
          { path: 'commands', element: guarded('commands', <CommandsPage />) },
          { path: 'agents', element: guarded('agents', <AgentsPage />) },
          { path: 'agents/:agentId', element: guarded('agents', <AgentPage />) },
          { path: 'releases', element: guarded('releases', <ReleasesPage />) },
          { path: 'settings', element: guarded('settings', <SettingsPage />) },
          { path: 'supplies', element: guarded('supplies', <SuppliesPage />) },
          { path: 'billing', element: guarded('billing', <BillingPage />) },
          {
            path: 'reconciliation',
            element: guarded('reconciliation', <ReconciliationPage />),
          },
          { path: 'customers', element: guarded('customers', <CustomersPage />) },
          { path: 'customers/:customerId', element: guarded('customers', <CustomerPage />) },
          { path: 'users', element: guarded('users', <UsersPage />) },
          { path: 'api-keys', element: guarded('apiKeys', <ApiKeysPage />) },
          { path: 'webhooks', element: guarded('webhooks', <WebhooksPage />) },
          { path: 'notifications', element: guarded('notifications', <NotificationsPage />) },
          { path: 'audit', element: guarded('audit', <AuditPage />) },
          { path: 'account/password', element: <ChangePasswordPage /> },
          { path: 'account/email', element: <ChangeEmailPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
