// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { can, canAccess, homePathFor, navItemsFor, type Role } from './navigation';

const labels = (role: Role) =>
  navItemsFor({ role, customerId: role.startsWith('CUSTOMER') ? 'customer-1' : null }).map(
    (item) => item.label,
  );

describe('role-aware navigation', () => {
  it('shows the platform operator tenants and agent releases only', () => {
    expect(labels('PLATFORM_OPERATOR')).toEqual(['Tenants', 'Agent releases']);
    expect(can('PLATFORM_OPERATOR', 'setUpdateTargets')).toBe(false);
    expect(homePathFor('PLATFORM_OPERATOR')).toBe('/tenants');
  });

  it('shows the dealer admin everything in the tenant, but not tenants', () => {
    expect(labels('DEALER_ADMIN')).toEqual([
      'Fleet',
      'Alerts',
      'Commands',
      'Agents',
      'Agent releases',
      'Supplies',
      'Billing',
      'Reconciliation',
      'Customers',
      'Users',
      'API keys',
      'Webhooks',
      'E-mail',
      'Audit log',
      'Settings',
    ]);
    expect(can('DEALER_ADMIN', 'setUpdateTargets')).toBe(true);
    expect(can('DEALER_ADMIN', 'setMasking')).toBe(true);
  });

  it('shows technicians devices, alerts, commands and reconciliation', () => {
    expect(labels('DEALER_TECHNICIAN')).toEqual(['Fleet', 'Alerts', 'Commands', 'Reconciliation']);
  });

  it('shows billing staff meters, exports and reconciliation only', () => {
    expect(labels('DEALER_BILLING')).toEqual(['Billing', 'Reconciliation']);
    expect(homePathFor('DEALER_BILLING')).toBe('/billing');
  });

  it('gives customer admins their own customer, agents and users, but no dealer pages', () => {
    expect(labels('CUSTOMER_ADMIN')).toEqual([
      'Fleet',
      'Alerts',
      'Agents',
      'Sites & consent',
      'Users',
      'E-mail',
      'Audit log',
    ]);
    const own = navItemsFor({ role: 'CUSTOMER_ADMIN', customerId: 'customer-1' }).find(
      (item) => item.section === 'customers',
    );
    expect(own?.path).toBe('/customers/customer-1');
    for (const section of [
      'apiKeys',
      'billing',
      'commands',
      'tenants',
      'supplies',
      'webhooks',
      'releases',
      'settings',
    ] as const) {
      expect(canAccess('CUSTOMER_ADMIN', section)).toBe(false);
    }
    expect(can('CUSTOMER_ADMIN', 'createCustomer')).toBe(false);
    expect(can('CUSTOMER_ADMIN', 'setConsent')).toBe(true);
    expect(can('CUSTOMER_ADMIN', 'setMasking')).toBe(true);
  });

  it('gives customer viewers read-only pages', () => {
    expect(labels('CUSTOMER_VIEWER')).toEqual(['Fleet', 'Alerts', 'Sites & consent']);
    expect(canAccess('CUSTOMER_VIEWER', 'agents')).toBe(false);
    expect(can('CUSTOMER_VIEWER', 'manageSites')).toBe(false);
    expect(can('CUSTOMER_VIEWER', 'setConsent')).toBe(false);
    expect(can('CUSTOMER_VIEWER', 'setMasking')).toBe(false);
  });
});
