/** A billing period chosen as two calendar days, inclusive, in the browser's time zone. */
export type BillingPeriod = { fromDay: string; toDay: string };

/** `from` is the start of the first day; `to` the start of the day after the last (readings at or before it count). */
export function periodBounds({ fromDay, toDay }: BillingPeriod): { from: string; to: string } {
  const from = new Date(`${fromDay}T00:00:00`);
  const to = new Date(`${toDay}T00:00:00`);
  to.setDate(to.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

function isoDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Dealers bill monthly: default to the last complete calendar month. */
export function previousMonth(today: Date): BillingPeriod {
  const first = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const last = new Date(today.getFullYear(), today.getMonth(), 0);
  return { fromDay: isoDay(first), toDay: isoDay(last) };
}

export function isValidPeriod({ fromDay, toDay }: BillingPeriod): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(fromDay) && /^\d{4}-\d{2}-\d{2}$/.test(toDay) && fromDay <= toDay
  );
}

/**
 * The period the billing page opens on: the last complete month when the devices were read in
 * it; otherwise the month of the newest reading, up to today when that is the current month
 * (a fleet read only since this month bills nothing in the last one). Without any reading,
 * the last complete month.
 */
export function periodWithData(
  span: { firstReadAt: string | null; lastReadAt: string | null } | null,
  today: Date,
): BillingPeriod {
  const previous = previousMonth(today);
  if (!span?.firstReadAt || !span.lastReadAt) return previous;
  const bounds = periodBounds(previous);
  const first = Date.parse(span.firstReadAt);
  const last = Date.parse(span.lastReadAt);
  if (first < Date.parse(bounds.to) && last >= Date.parse(bounds.from)) return previous;
  const newest = new Date(last);
  const start = new Date(newest.getFullYear(), newest.getMonth(), 1);
  const end = new Date(newest.getFullYear(), newest.getMonth() + 1, 0);
  return { fromDay: isoDay(start), toDay: isoDay(end < today ? end : today) };
}
