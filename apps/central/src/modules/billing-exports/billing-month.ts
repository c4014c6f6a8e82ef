/** The calendar month (UTC) a scheduled billing export covers: the one before `now`'s month. */
export function previousMonth(now: Date): { from: Date; to: Date } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { from, to };
}

/** `billing-2026-11.csv` for a whole month, else `billing-<from day>-<to day>.csv`. */
export function exportFileName(period: { from: Date; to: Date }): string {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const month = previousMonth(period.to);
  return month.from.getTime() === period.from.getTime() &&
    month.to.getTime() === period.to.getTime()
    ? `billing-${day(period.from).slice(0, 7)}.csv`
    : `billing-${day(period.from)}-${day(period.to)}.csv`;
}
