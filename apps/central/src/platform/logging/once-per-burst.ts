/** How often a burst of the same event is reported (one line per burst, with its count). */
export const BURST_REPORT_EVERY_MS = 10_000;

/**
 * For events that come in floods (stray rejections while the database restarts, agents
 * answered 503 during an outage): the first of a burst is reported, then at most one a
 * period, with the number of others since, so an outage is a few log lines, not thousands.
 */
export function oncePerBurst<T>(
  report: (event: T, suppressed: number) => void,
  now: () => number = Date.now,
): (event: T) => void {
  let lastReportAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (event) => {
    if (now() - lastReportAt < BURST_REPORT_EVERY_MS) {
      suppressed += 1;
      return;
    }
    lastReportAt = now();
    report(event, suppressed);
    suppressed = 0;
  };
}
