/**
 * Replenishment decisions: which rule applies to a supply, whether it is due, and which other
 * supplies of the same device ship with it. Pure: no I/O, no clock (pass `now`).
 */
import { isRefill, type SupplyForecast } from './supply-forecast.js';

export type ReplenishmentRuleSpec = {
  id: string;
  /** null: every customer of the tenant. */
  customerId: string | null;
  /** Device model, compared case-insensitively; null: any. */
  model: string | null;
  supplyType: string | null;
  color: string | null;
  thresholdPercent: number | null;
  forecastDays: number | null;
  leadTimeDays: number;
  cooldownHours: number;
  consolidate: boolean;
  enabled: boolean;
};

export type SupplySubject = {
  customerId: string;
  model: string | null;
  supplyType: string | null;
  color: string | null;
};

const same = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

export function ruleMatches(rule: ReplenishmentRuleSpec, subject: SupplySubject): boolean {
  return (
    rule.enabled &&
    (rule.customerId === null || rule.customerId === subject.customerId) &&
    (rule.model === null || same(rule.model, subject.model)) &&
    (rule.supplyType === null || same(rule.supplyType, subject.supplyType)) &&
    (rule.color === null || same(rule.color, subject.color))
  );
}

/** Customer outweighs model, model outweighs supply type, supply type outweighs colour. */
function specificity(rule: ReplenishmentRuleSpec): number {
  return (
    (rule.customerId ? 8 : 0) +
    (rule.model ? 4 : 0) +
    (rule.supplyType ? 2 : 0) +
    (rule.color ? 1 : 0)
  );
}

/** The most specific enabled rule for the supply (ties: the first in `rules`), or null. */
export function selectRule<R extends ReplenishmentRuleSpec>(
  rules: readonly R[],
  subject: SupplySubject,
): R | null {
  let best: R | null = null;
  for (const rule of rules) {
    if (ruleMatches(rule, subject) && (best === null || specificity(rule) > specificity(best)))
      best = rule;
  }
  return best;
}

export type SupplyState = {
  percent: number | null;
  forecast: SupplyForecast | null;
  /** An OPEN / EXPORTED / SHIPPED order exists for this device supply. */
  hasActiveOrder: boolean;
  /** Creation time of the newest order for this device supply, whatever its status. */
  lastOrderAt: Date | null;
};

export type DueReason = 'THRESHOLD' | 'FORECAST';
export type NotDueReason = 'NO_LEVEL' | 'NOT_DUE' | 'ACTIVE_ORDER' | 'COOLDOWN';
export type OrderDecision =
  { order: true; reason: DueReason } | { order: false; reason: NotDueReason };

/** A forecast good enough to order on: a low-confidence extrapolation does not spend money. */
function trustedDays(forecast: SupplyForecast | null): number | null {
  return forecast?.kind === 'forecast' && forecast.confidence !== 'LOW'
    ? forecast.daysToEmpty
    : null;
}

export function decideOrder(
  rule: ReplenishmentRuleSpec,
  state: SupplyState,
  now: Date,
): OrderDecision {
  if (state.hasActiveOrder) return { order: false, reason: 'ACTIVE_ORDER' };
  if (
    state.lastOrderAt &&
    now.getTime() - state.lastOrderAt.getTime() < rule.cooldownHours * 3_600_000
  ) {
    return { order: false, reason: 'COOLDOWN' };
  }
  const days = trustedDays(state.forecast);
  if (state.percent === null && days === null) return { order: false, reason: 'NO_LEVEL' };
  if (
    rule.thresholdPercent !== null &&
    state.percent !== null &&
    state.percent <= rule.thresholdPercent
  ) {
    return { order: true, reason: 'THRESHOLD' };
  }
  if (
    rule.forecastDays !== null &&
    days !== null &&
    days <= rule.forecastDays + rule.leadTimeDays
  ) {
    return { order: true, reason: 'FORECAST' };
  }
  return { order: false, reason: 'NOT_DUE' };
}

export type ConsolidationMargins = {
  /** A supply within this many points above its threshold ships along (default 15). */
  percentPoints: number;
  /** … or one forecast empty within this many days after its due horizon (default 14). */
  days: number;
};

/** Not due yet, but close enough that shipping it with a due one saves a trip. */
export function isNearDue(
  rule: ReplenishmentRuleSpec,
  state: SupplyState,
  now: Date,
  margins: ConsolidationMargins = { percentPoints: 15, days: 14 },
): boolean {
  if (state.hasActiveOrder) return false;
  if (
    state.lastOrderAt &&
    now.getTime() - state.lastOrderAt.getTime() < rule.cooldownHours * 3_600_000
  )
    return false;
  if (
    rule.thresholdPercent !== null &&
    state.percent !== null &&
    state.percent <= rule.thresholdPercent + margins.percentPoints
  )
    return true;
  const days = trustedDays(state.forecast);
  return (
    rule.forecastDays !== null &&
    days !== null &&
    days <= rule.forecastDays + rule.leadTimeDays + margins.days
  );
}

export type DeviceSupplyCandidate = SupplyState & { supplyKey: string; subject: SupplySubject };
export type PlannedOrder<R> = { supplyKey: string; rule: R; reason: DueReason | 'CONSOLIDATED' };

/**
 * The orders to create for one device now. Supplies that are due get an order; if any due
 * order's rule consolidates, near-due supplies whose own rule consolidates join the same
 * shipment (reason CONSOLIDATED). Callers give every order of one plan the same group id.
 */
export function planDeviceOrders<R extends ReplenishmentRuleSpec>(
  candidates: readonly DeviceSupplyCandidate[],
  rules: readonly R[],
  now: Date,
  margins?: ConsolidationMargins,
): PlannedOrder<R>[] {
  const due: PlannedOrder<R>[] = [];
  const rest: { candidate: DeviceSupplyCandidate; rule: R }[] = [];
  for (const candidate of candidates) {
    const rule = selectRule(rules, candidate.subject);
    if (!rule) continue;
    const decision = decideOrder(rule, candidate, now);
    if (decision.order) due.push({ supplyKey: candidate.supplyKey, rule, reason: decision.reason });
    else rest.push({ candidate, rule });
  }
  if (!due.some((order) => order.rule.consolidate)) return due;
  const along = rest
    .filter(({ candidate, rule }) => rule.consolidate && isNearDue(rule, candidate, now, margins))
    .map(({ candidate, rule }) => ({
      supplyKey: candidate.supplyKey,
      rule,
      reason: 'CONSOLIDATED' as const,
    }));
  return [...due, ...along];
}

/**
 * A cartridge swap fulfils the active order: a reading ingest marked SWAP (another serial, see
 * `supplyChange`, even without a level jump) or a level jump `isRefill` accepts; a shaken
 * cartridge does not.
 */
export function orderFulfilledBy(
  previousPercent: number | null,
  currentPercent: number | null,
  options?: { jump?: number; toPercent?: number; change?: string | null },
): boolean {
  if (options?.change === 'SWAP') return true;
  if (previousPercent === null || currentPercent === null) return false;
  return isRefill(previousPercent, currentPercent, options);
}
