/** Which policies want an event: pure rules shared by the recorder, dispatch and digests. */

/** Events whose policy filters on the alert's severity and code. */
const ALERT_EVENTS = new Set(['alert.opened', 'alert.closed']);

export type PolicyFilter = {
  customerId: string | null;
  eventTypes: readonly string[];
  alertSeverities: readonly string[];
  alertCodes: readonly string[];
};

export type EventFacts = {
  type: string;
  customerId: string | null;
  severity: string | null;
  code: string | null;
};

export function eventFacts(event: { type: string; data: Record<string, unknown> }): EventFacts {
  const text = (key: string) => {
    const value = event.data[key];
    return typeof value === 'string' ? value : null;
  };
  return {
    type: event.type,
    customerId: text('customerId'),
    severity: text('severity'),
    code: text('code'),
  };
}

/**
 * A policy wants an event of its types, of its customer (a tenant-wide policy: any), and for
 * alert.opened / alert.closed of its severities and codes (an empty list: all of them).
 */
export function policyWants(policy: PolicyFilter, event: EventFacts): boolean {
  if (!policy.eventTypes.includes(event.type)) return false;
  if (policy.customerId !== null && policy.customerId !== event.customerId) return false;
  if (!ALERT_EVENTS.has(event.type)) return true;
  if (
    policy.alertSeverities.length > 0 &&
    (event.severity === null || !policy.alertSeverities.includes(event.severity))
  )
    return false;
  const codes = policy.alertCodes.map((code) => code.toUpperCase());
  return codes.length === 0 || (event.code !== null && codes.includes(event.code.toUpperCase()));
}

const CUSTOMER_ROLES = new Set(['CUSTOMER_ADMIN', 'CUSTOMER_VIEWER']);

/**
 * A policy's addresses for one event: its explicit addresses, the dealer's users of its dealer
 * roles and the event's customer's users of its customer roles; lower-cased, each once.
 */
export function recipientsFor(
  policy: { recipientRoles: readonly string[]; recipientEmails: readonly string[] },
  event: { customerId: string | null },
  users: readonly { email: string; role: string; customerId: string | null }[],
): string[] {
  const fromUsers = users.filter(
    (user) =>
      policy.recipientRoles.includes(user.role) &&
      (CUSTOMER_ROLES.has(user.role)
        ? user.customerId !== null && user.customerId === event.customerId
        : user.customerId === null),
  );
  return [
    ...new Set(
      [...policy.recipientEmails, ...fromUsers.map((user) => user.email)].map((address) =>
        address.trim().toLowerCase(),
      ),
    ),
  ];
}
