/** How often a burst of stray rejections is reported (one line per burst, with its count). */
export const REJECTION_REPORT_EVERY_MS = 10_000;

export type RejectionReport = (reason: unknown, suppressed: number) => void;

/**
 * A promise rejection nobody handled (libraries that fire and forget database calls, such as
 * the job queue completing or failing a job while the database restarts) must not stop the
 * server for every tenant: it is reported, at most once per REJECTION_REPORT_EVERY_MS with the
 * number of others since, and the process keeps running.
 */
export function containRejections(
  report: RejectionReport,
  now: () => number = Date.now,
): (reason: unknown) => void {
  let lastReportAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (reason) => {
    if (now() - lastReportAt < REJECTION_REPORT_EVERY_MS) {
      suppressed += 1;
      return;
    }
    lastReportAt = now();
    report(reason, suppressed);
    suppressed = 0;
  };
}
