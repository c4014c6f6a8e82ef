import type { PollResult } from '../polling/poll-result.js';

/**
 * What of a printer's state is worth telling central at once: whether it answers, its
 * hrDeviceStatus / hrPrinterStatus, its detected error bits, its alert table, and for each
 * supply the lowest configured level it is at or below. Counters are not part of it (meters
 * keep their own schedule). Pure.
 */
export type DeviceCondition = {
  reachable: boolean;
  /** hrPrinterStatus, with idle, printing and warmup as one `operating` state. */
  printer: string | null;
  device: string | null;
  /** hrPrinterDetectedErrorState bit names, sorted. */
  errors: string[];
  /** One key per alert table row (severity, group, code, text; not its index), sorted. */
  alerts: string[];
  /** Per supply (index and description): how many configured levels its percentage is at or below. */
  supplyBands: Record<string, number>;
};

export type ConditionChange = 'reachability' | 'status' | 'errors' | 'alerts' | 'supplyLevel';

/**
 * RFC 2790 hrPrinterStatus values of a printer at work: every print job moves a printer between
 * them, so they are no event; other(1) (an error, with hrDeviceStatus and the error bits) and
 * unknown(2) are.
 */
const OPERATING = new Set(['idle', 'printing', 'warmup']);

/** Supply levels (percent) an event is sent at when a supply crosses one, either way. */
export const DEFAULT_SUPPLY_LEVELS: readonly number[] = [20, 10, 0];

/**
 * The condition a poll shows, or null when it shows none: a printer that answered the probe but
 * not the rest of the poll is neither unreachable nor known to be in any state.
 */
export function conditionOf(
  result: PollResult,
  supplyLevels: readonly number[],
): DeviceCondition | null {
  if (!result.reachable)
    return {
      reachable: false,
      printer: null,
      device: null,
      errors: [],
      alerts: [],
      supplyBands: {},
    };
  if (result.error || !result.status) return null;
  const supplyBands: Record<string, number> = {};
  for (const supply of result.supplies) {
    if (supply.percent === null) continue;
    supplyBands[`${supply.index}|${supply.description}`] = supplyBand(supply.percent, supplyLevels);
  }
  return {
    reachable: true,
    printer: OPERATING.has(result.status.printer ?? '') ? 'operating' : result.status.printer,
    device: result.status.device,
    errors: [...result.status.errors].sort(),
    alerts: result.alerts
      .map((alert) => [alert.severity, alert.group, alert.code, alert.description].join('|'))
      .sort(),
    supplyBands,
  };
}

/** How many of the levels `percent` is at or below: 25 % with [20, 10, 0] is 0, 10 % is 2. */
export function supplyBand(percent: number, levels: readonly number[]): number {
  return levels.filter((level) => percent <= level).length;
}

/**
 * What changed between two conditions of one printer. A first condition (`before` null) is a
 * change only when the printer does not answer (a printer that answers was just read in full).
 * Going silent and answering again are each one change, `reachability`, whatever else differs.
 */
export function conditionChanges(
  before: DeviceCondition | null,
  after: DeviceCondition,
): ConditionChange[] {
  if (!before) return after.reachable ? [] : ['reachability'];
  if (before.reachable !== after.reachable) return ['reachability'];
  if (!after.reachable) return [];
  const changes: ConditionChange[] = [];
  if (before.printer !== after.printer || before.device !== after.device) changes.push('status');
  if (!sameList(before.errors, after.errors)) changes.push('errors');
  if (!sameList(before.alerts, after.alerts)) changes.push('alerts');
  for (const [key, band] of Object.entries(after.supplyBands)) {
    const previous = before.supplyBands[key];
    if (previous !== undefined && previous !== band) {
      changes.push('supplyLevel');
      break;
    }
  }
  return changes;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
