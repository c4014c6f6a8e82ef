import { eventFacts, policyWants, recipientsFor, type PolicyFilter } from './policy-match.js';

const policy = (over: Partial<PolicyFilter> = {}): PolicyFilter => ({
  customerId: null,
  eventTypes: ['alert.opened', 'alert.closed', 'device.silent'],
  alertSeverities: [],
  alertCodes: [],
  ...over,
});
const alert = (type: string, severity: string, code: string, customerId = 'c1') =>
  eventFacts({ type, data: { customerId, severity, code } });

describe('which policies want an event', () => {
  it('wants its event types only', () => {
    expect(policyWants(policy(), alert('alert.opened', 'WARNING', 'JAM'))).toBe(true);
    expect(policyWants(policy(), alert('supply_order.created', 'WARNING', 'JAM'))).toBe(false);
  });

  it('a customer policy wants its customer only; a tenant-wide one every customer', () => {
    expect(policyWants(policy({ customerId: 'c2' }), alert('alert.opened', 'INFO', 'JAM'))).toBe(
      false,
    );
    expect(policyWants(policy({ customerId: 'c1' }), alert('alert.opened', 'INFO', 'JAM'))).toBe(
      true,
    );
  });

  it('filters alert events by severity and code (case-insensitive), not other events', () => {
    const critical = policy({ alertSeverities: ['CRITICAL'], alertCodes: ['jam'] });
    expect(policyWants(critical, alert('alert.opened', 'CRITICAL', 'JAM'))).toBe(true);
    expect(policyWants(critical, alert('alert.closed', 'WARNING', 'JAM'))).toBe(false);
    expect(policyWants(critical, alert('alert.opened', 'CRITICAL', 'TONER_EMPTY'))).toBe(false);
    expect(policyWants(critical, alert('device.silent', 'WARNING', 'DEVICE_SILENT'))).toBe(true);
  });
});

describe('a policy’s recipients', () => {
  const users = [
    { email: 'boss@dealer.test', role: 'DEALER_ADMIN', customerId: null },
    { email: 'tech@dealer.test', role: 'DEALER_TECHNICIAN', customerId: null },
    { email: 'it@acme.test', role: 'CUSTOMER_ADMIN', customerId: 'c1' },
    { email: 'it@other.test', role: 'CUSTOMER_ADMIN', customerId: 'c2' },
  ];

  it('sends customer roles to the event’s customer only, dealer roles to the dealer, addresses once', () => {
    expect(
      recipientsFor(
        {
          recipientRoles: ['DEALER_TECHNICIAN', 'CUSTOMER_ADMIN'],
          recipientEmails: ['Tech@Dealer.test', 'desk@acme.test'],
        },
        { customerId: 'c1' },
        users,
      ),
    ).toEqual(['tech@dealer.test', 'desk@acme.test', 'it@acme.test']);
  });
});
