import type { CurrentUserFragment } from '../generated/graphql';

export type Role = CurrentUserFragment['role'];
export type NavUser = Pick<CurrentUserFragment, 'role' | 'customerId'>;

export type Section =
  | 'tenants'
  | 'fleet'
  | 'devices'
  | 'alerts'
  | 'commands'
  | 'agents'
  | 'supplies'
  | 'billing'
  | 'reconciliation'
  | 'customers'
  | 'users'
  | 'apiKeys'
  | 'webhooks'
  | 'notifications'
  | 'audit'
  | 'releases'
  | 'settings';

export type NavItem = { section: Section; path: string; label: string };

const DEALER_STAFF: readonly Role[] = ['DEALER_ADMIN', 'DEALER_TECHNICIAN'];
const CUSTOMER_STAFF: readonly Role[] = ['CUSTOMER_ADMIN', 'CUSTOMER_VIEWER'];

export function isCustomerRole(role: Role): boolean {
  return CUSTOMER_STAFF.includes(role);
}

/**
 * Who may open which part of the portal. Central enforces the same rules on every query; this
 * table only keeps people from landing on pages that would just say "forbidden".
 */
export const SECTION_ROLES: Readonly<Record<Section, readonly Role[]>> = {
  tenants: ['PLATFORM_OPERATOR'],
  fleet: [...DEALER_STAFF, ...CUSTOMER_STAFF],
  // A device page is also where billing staff check a counter: reachable from billing lists.
  devices: [...DEALER_STAFF, 'DEALER_BILLING', ...CUSTOMER_STAFF],
  alerts: [...DEALER_STAFF, ...CUSTOMER_STAFF],
  commands: DEALER_STAFF,
  agents: ['DEALER_ADMIN', 'CUSTOMER_ADMIN'],
  supplies: ['DEALER_ADMIN'],
  billing: ['DEALER_ADMIN', 'DEALER_BILLING'],
  reconciliation: [...DEALER_STAFF, 'DEALER_BILLING'],
  // Customer users see (and their admins manage) only their own customer: sites and consent.
  customers: ['DEALER_ADMIN', ...CUSTOMER_STAFF],
  users: ['DEALER_ADMIN', 'CUSTOMER_ADMIN'],
  apiKeys: ['DEALER_ADMIN'],
  webhooks: ['DEALER_ADMIN'],
  notifications: ['DEALER_ADMIN', 'CUSTOMER_ADMIN'],
  audit: ['DEALER_ADMIN', 'CUSTOMER_ADMIN'],
  releases: ['PLATFORM_OPERATOR', 'DEALER_ADMIN'],
  settings: ['DEALER_ADMIN'],
};

/** What a role may change (central checks the same; the UI hides what would be refused). */
export type Action =
  | 'createCustomer'
  | 'manageSites'
  | 'setConsent'
  | 'createUser'
  | 'manageApiKeys'
  | 'queueCommands'
  | 'manageDevices'
  | 'reviewMeters'
  | 'setMasking'
  | 'setUpdateTargets'
  | 'manageContracts'
  | 'manageRetention'
  | 'deleteCustomers';

const ACTION_ROLES: Readonly<Record<Action, readonly Role[]>> = {
  createCustomer: ['DEALER_ADMIN'],
  manageSites: ['DEALER_ADMIN', 'CUSTOMER_ADMIN'],
  setConsent: ['DEALER_ADMIN', 'CUSTOMER_ADMIN'],
  createUser: ['DEALER_ADMIN', 'CUSTOMER_ADMIN'],
  manageApiKeys: ['DEALER_ADMIN'],
  queueCommands: ['DEALER_ADMIN', 'DEALER_TECHNICIAN'],
  manageDevices: ['DEALER_ADMIN', 'DEALER_TECHNICIAN'],
  reviewMeters: ['DEALER_ADMIN', 'DEALER_BILLING'],
  setMasking: ['DEALER_ADMIN', 'CUSTOMER_ADMIN'],
  setUpdateTargets: ['DEALER_ADMIN'],
  manageContracts: ['DEALER_ADMIN', 'DEALER_TECHNICIAN', 'DEALER_BILLING'],
  manageRetention: ['DEALER_ADMIN'],
  // Archiving, requesting and cancelling a customer's deletion.
  deleteCustomers: ['DEALER_ADMIN'],
};

export function can(role: Role, action: Action): boolean {
  return ACTION_ROLES[action].includes(role);
}

const NAV_ITEMS: readonly NavItem[] = [
  { section: 'tenants', path: '/tenants', label: 'Tenants' },
  { section: 'fleet', path: '/fleet', label: 'Fleet' },
  { section: 'alerts', path: '/alerts', label: 'Alerts' },
  { section: 'commands', path: '/commands', label: 'Commands' },
  { section: 'agents', path: '/agents', label: 'Agents' },
  { section: 'releases', path: '/releases', label: 'Agent releases' },
  { section: 'supplies', path: '/supplies', label: 'Supplies' },
  { section: 'billing', path: '/billing', label: 'Billing' },
  { section: 'reconciliation', path: '/reconciliation', label: 'Reconciliation' },
  { section: 'customers', path: '/customers', label: 'Customers' },
  { section: 'users', path: '/users', label: 'Users' },
  { section: 'apiKeys', path: '/api-keys', label: 'API keys' },
  { section: 'webhooks', path: '/webhooks', label: 'Webhooks' },
  { section: 'notifications', path: '/notifications', label: 'E-mail' },
  { section: 'audit', path: '/audit', label: 'Audit log' },
  { section: 'settings', path: '/settings', label: 'Settings' },
];

export function canAccess(role: Role, section: Section): boolean {
  return SECTION_ROLES[section].includes(role);
}

export function navItemsFor(user: NavUser): NavItem[] {
  return NAV_ITEMS.filter((item) => canAccess(user.role, item.section)).map((item) =>
    item.section === 'customers' && isCustomerRole(user.role) && user.customerId !== null
      ? { ...item, path: `/customers/${user.customerId}`, label: 'Sites & consent' }
      : item,
  );
}

/** Where a role lands after signing in. */
export function homePathFor(role: Role): string {
  switch (role) {
    case 'PLATFORM_OPERATOR':
      return '/tenants';
    case 'DEALER_BILLING':
      return '/billing';
    case 'DEALER_ADMIN':
    case 'DEALER_TECHNICIAN':
    case 'CUSTOMER_ADMIN':
    case 'CUSTOMER_VIEWER':
      return '/fleet';
  }
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  PLATFORM_OPERATOR: 'Platform operator',
  DEALER_ADMIN: 'Dealer admin',
  DEALER_TECHNICIAN: 'Technician',
  DEALER_BILLING: 'Billing',
  CUSTOMER_ADMIN: 'Customer admin',
  CUSTOMER_VIEWER: 'Customer viewer',
};
