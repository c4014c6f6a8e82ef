import { describe, expect, it } from 'vitest';
import { canAccess, homePathFor, navItemsFor, type Role } from './navigation';

const labels = (role: Role) => navItemsFor(role).map((item) => item.label);

describe('role-aware navigation', () => {
  it('shows the platform operator only tenants', () => {
    expect(labels('PLATFORM_OPERATOR')).toEqual(['Tenants']);
    expect(homePathFor('PLATFORM_OPERATOR')).toBe('/tenants');
  });

  it('shows the dealer admin everything in the tenant, but not tenants', () => {
    expect(labels('DEALER_ADMIN')).toEqual([
      'Fleet',
      'Alerts',
      'Commands',
      'Agents',
      'Supplies',
      'Billing',
      'Customers',
      'Users',
      'API keys',
      'Webhooks',
      'Audit log',
    ]);
  });

  it('shows technicians devices, alerts and commands', () => {
    expect(labels('DEALER_TECHNICIAN')).toEqual(['Fleet', 'Alerts', 'Commands']);
  });

  it('shows billing staff meters and exports only', () => {
    expect(labels('DEALER_BILLING')).toEqual(['Billing']);
    expect(homePathFor('DEALER_BILLING')).toBe('/billing');
  });

  it('gives customer admins their devices and agents but no dealer pages', () => {
    expect(labels('CUSTOMER_ADMIN')).toEqual(['Fleet', 'Alerts', 'Agents']);
    for (const section of ['customers', 'users', 'apiKeys', 'billing', 'commands', 'tenants'] as const) {
      expect(canAccess('CUSTOMER_ADMIN', section)).toBe(false);
    }
  });

  it('gives customer viewers read-only pages', () => {
    expect(labels('CUSTOMER_VIEWER')).toEqual(['Fleet', 'Alerts']);
    expect(canAccess('CUSTOMER_VIEWER', 'agents')).toBe(false);
  });
});
