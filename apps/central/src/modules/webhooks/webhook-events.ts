/** Every event a webhook endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'supply_order.created',
  'alert.opened',
  'alert.closed',
  'meter_discontinuity.opened',
  'agent.silent',
  'device.silent',
  'agent.health',
  'billing_export.ready',
  'reconciliation.changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An event as the emitting feature describes it; `data` is the API-shaped object (ids, values, times). */
export type WebhookEvent = {
  type: WebhookEventType;
  data: Record<string, unknown>;
};
