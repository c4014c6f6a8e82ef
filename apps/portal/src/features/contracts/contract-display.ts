import { formatCount } from '../../shared/format';

/** "mono 760 · color 340" from a meter's counters (JSON), in the billed meters' order. */
export function meterText(counters: unknown, order: readonly string[]): string {
  if (!counters || typeof counters !== 'object') return '—';
  const values = counters as Record<string, unknown>;
  const names = [
    ...order.filter((name) => name in values),
    ...Object.keys(values).filter((name) => !order.includes(name)),
  ];
  const parts = names
    .filter((name) => typeof values[name] === 'number' || typeof values[name] === 'string')
    .map((name) => `${name} ${formatCount(values[name] as number | string)}`);
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/** The billed meters typed as a list: "total, mono color" → ['total', 'mono', 'color']. */
export function parseMeters(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Allowances typed as "mono=5000, color 1000": meter and pages per pair; null when a pair is
 * not a meter name followed by a whole number.
 */
export function parseAllowances(text: string): { meter: string; pages: number }[] | null {
  const pairs = text
    .split(/[,;]+/)
    .map((pair) => pair.trim())
    .filter(Boolean);
  const allowances: { meter: string; pages: number }[] = [];
  for (const pair of pairs) {
    const match = /^([A-Za-z][A-Za-z0-9:._-]*?)\s*[=:\s]\s*(\d+)$/.exec(pair);
    if (!match) return null;
    allowances.push({ meter: match[1]!, pages: Number(match[2]) });
  }
  return allowances;
}

/** A date input's value (YYYY-MM-DD) as the start of that day in UTC. */
export function dayToIso(day: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00.000Z` : null;
}

export const BILLING_CYCLE_LABELS = {
  MONTHLY: 'Monthly',
  QUARTERLY: 'Quarterly',
  YEARLY: 'Yearly',
} as const;
