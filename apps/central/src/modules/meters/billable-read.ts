/**
 * THE rule for which reads billing uses, as SQL over one counter of one read (`tenant` and
 * `readId` are SQL expressions of the read's keys, `counter` of the counter's name). A read's
 * counter is not billable when a reviewer excluded it (`meter_read_reviews` EXCLUDED, or a
 * counter drop's later read REJECTED as a bad read) or when it waits for review for any reason
 * but a counter drop (a waiting drop withholds usage instead: ROLLBACK_OPEN). A corrected read
 * bills its corrected value. Billing then uses the neighbouring billable read.
 */
export function notBillableSql(tenant: string, readId: string, counter: string): string {
  return `(EXISTS (SELECT 1 FROM meter_discontinuities x
                   WHERE x.tenant_id = ${tenant} AND x.after_read_id = ${readId} AND x.counter = ${counter}
                     AND x.status = 'REJECTED')
           OR EXISTS (SELECT 1 FROM meter_read_reviews v
                      WHERE v.tenant_id = ${tenant} AND v.read_id = ${readId} AND v.counter = ${counter}
                        AND (v.status = 'EXCLUDED' OR (v.status = 'PENDING' AND v.reason <> 'DISCONTINUITY'))))`;
}

/** The corrected value of one counter of one read; NULL when it has none. */
export function correctedValueSql(tenant: string, readId: string, counter: string): string {
  return `(SELECT v.corrected_value FROM meter_read_reviews v
           WHERE v.tenant_id = ${tenant} AND v.read_id = ${readId} AND v.counter = ${counter}
             AND v.status = 'CORRECTED')`;
}

/**
 * Whether a device has any read the rule above treats differently from its raw counters: the
 * cheap test that lets every other device skip the per-read checks.
 */
export function hasReviewedReadsSql(tenant: string, deviceId: string): string {
  return `(EXISTS (SELECT 1 FROM meter_discontinuities x
                   WHERE x.tenant_id = ${tenant} AND x.device_id = ${deviceId} AND x.status = 'REJECTED')
           OR EXISTS (SELECT 1 FROM meter_read_reviews v
                      WHERE v.tenant_id = ${tenant} AND v.device_id = ${deviceId}
                        AND v.status <> 'APPROVED' AND NOT (v.status = 'PENDING' AND v.reason = 'DISCONTINUITY')))`;
}
