import type {
  AlertSeverity,
  CreateNotificationPolicyInput,
  NotificationDeliveryMode,
  UserRole,
  WebhookEventType,
} from '../../generated/graphql';

export const EVENT_LABELS: Readonly<Record<WebhookEventType, string>> = {
  ALERT_OPENED: 'Alert opened',
  ALERT_CLOSED: 'Alert cleared',
  SUPPLY_ORDER_CREATED: 'Supply order created',
  DEVICE_SILENT: 'Device not read',
  AGENT_SILENT: 'Agent silent',
  METER_DISCONTINUITY_OPENED: 'Counter drop detected',
  AGENT_HEALTH: 'Agent health',
  BILLING_EXPORT_READY: 'Billing export ready',
  RECONCILIATION_CHANGED: 'Reconciliation changed',
};
export const EVENT_TYPES = Object.keys(EVENT_LABELS) as WebhookEventType[];

export const SEVERITIES: readonly AlertSeverity[] = ['CRITICAL', 'WARNING', 'INFO'];

export const ROLE_LABELS: Readonly<Partial<Record<UserRole, string>>> = {
  DEALER_ADMIN: 'Dealer admins',
  DEALER_TECHNICIAN: 'Dealer technicians',
  DEALER_BILLING: 'Dealer billing',
  CUSTOMER_ADMIN: "The customer's admins",
  CUSTOMER_VIEWER: "The customer's viewers",
};
const CUSTOMER_ROLES: readonly UserRole[] = ['CUSTOMER_ADMIN', 'CUSTOMER_VIEWER'];

/** The roles a policy may address: a customer admin only their own customer's people. */
export function recipientRolesFor(role: UserRole): UserRole[] {
  const all = Object.keys(ROLE_LABELS) as UserRole[];
  return CUSTOMER_ROLES.includes(role) ? all.filter((r) => CUSTOMER_ROLES.includes(r)) : all;
}

export type PolicyFormState = {
  name: string;
  customerId: string;
  eventTypes: WebhookEventType[];
  alertSeverities: AlertSeverity[];
  alertCodes: string;
  recipientRoles: UserRole[];
  recipientEmails: string;
  deliveryMode: NotificationDeliveryMode;
  digestHour: string;
  quietFrom: string;
  quietUntil: string;
  timeZone: string;
  locale: string;
};

export function emptyPolicyForm(): PolicyFormState {
  return {
    name: '',
    customerId: '',
    eventTypes: ['ALERT_OPENED', 'ALERT_CLOSED'],
    alertSeverities: [],
    alertCodes: '',
    recipientRoles: [],
    recipientEmails: '',
    deliveryMode: 'IMMEDIATE',
    digestHour: '7',
    quietFrom: '',
    quietUntil: '',
    timeZone: 'UTC',
    locale: 'en',
  };
}

/** "22:30" → 1350; "" → null. */
export function minuteOfDay(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes < 1440 ? minutes : null;
}

/** 1350 → "22:30". */
export function timeOfMinute(minute: number | null): string {
  if (minute === null) return '';
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function list(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** What is wrong with the form before it goes to central (central checks again). */
export function policyFormProblem(form: PolicyFormState): string | null {
  if (!form.name.trim()) return 'Give the policy a name.';
  if (form.eventTypes.length === 0) return 'Choose at least one event.';
  if (form.recipientRoles.length === 0 && list(form.recipientEmails).length === 0)
    return 'Choose recipients: roles, addresses or both.';
  const from = minuteOfDay(form.quietFrom);
  const until = minuteOfDay(form.quietUntil);
  if ((form.quietFrom.trim() !== '') !== (form.quietUntil.trim() !== ''))
    return 'Quiet hours need a start and an end.';
  if (form.quietFrom.trim() && (from === null || until === null))
    return 'Quiet hours are times like 22:00.';
  if (from !== null && from === until)
    return 'Quiet hours must end at another time than they start.';
  return null;
}

export function toPolicyInput(form: PolicyFormState): CreateNotificationPolicyInput {
  return {
    name: form.name.trim(),
    customerId: form.customerId || null,
    eventTypes: form.eventTypes,
    alertSeverities: form.alertSeverities,
    alertCodes: list(form.alertCodes).map((code) => code.toUpperCase()),
    recipientRoles: form.recipientRoles,
    recipientEmails: list(form.recipientEmails),
    deliveryMode: form.deliveryMode,
    digestHour: Number(form.digestHour),
    quietStartMinute: minuteOfDay(form.quietFrom),
    quietEndMinute: minuteOfDay(form.quietUntil),
    timeZone: form.timeZone.trim() || 'UTC',
    locale: form.locale,
  };
}
