-- Meter read review before billing: flagged reads (a counter drop, two sources that disagree)
-- are approved, corrected (value kept beside the read) or excluded by a person.
ALTER TYPE "MeterDiscontinuityStatus" ADD VALUE 'CORRECTED';

CREATE TYPE "MeterReadReviewReason" AS ENUM ('DISCONTINUITY', 'SOURCE_DISAGREEMENT');
CREATE TYPE "MeterReadReviewStatus" AS ENUM ('PENDING', 'APPROVED', 'CORRECTED', 'EXCLUDED');

CREATE TABLE "meter_read_reviews" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "read_id" UUID NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL,
    "counter" TEXT NOT NULL,
    "reason" "MeterReadReviewReason" NOT NULL,
    "discontinuity_id" UUID,
    "original_value" BIGINT NOT NULL,
    "details" JSONB,
    "status" "MeterReadReviewStatus" NOT NULL DEFAULT 'PENDING',
    "corrected_value" BIGINT,
    "decision_reason" TEXT,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by_user_id" UUID,

    CONSTRAINT "meter_read_reviews_pkey" PRIMARY KEY ("tenant_id","id")
);

CREATE UNIQUE INDEX "meter_read_reviews_tenant_id_read_id_counter_key" ON "meter_read_reviews"("tenant_id", "read_id", "counter");
CREATE INDEX "meter_read_reviews_tenant_id_status_detected_at_idx" ON "meter_read_reviews"("tenant_id", "status", "detected_at");
CREATE INDEX "meter_read_reviews_tenant_id_device_id_idx" ON "meter_read_reviews"("tenant_id", "device_id");

ALTER TABLE "meter_read_reviews" ADD CONSTRAINT "meter_read_reviews_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meter_read_reviews" ADD CONSTRAINT "meter_read_reviews_tenant_id_read_id_fkey" FOREIGN KEY ("tenant_id", "read_id") REFERENCES "meter_reads"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meter_read_reviews" ADD CONSTRAINT "meter_read_reviews_tenant_id_discontinuity_id_fkey" FOREIGN KEY ("tenant_id", "discontinuity_id") REFERENCES "meter_discontinuities"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A corrected value exactly when CORRECTED, never negative; a decision's reason with CORRECT/EXCLUDE.
ALTER TABLE meter_read_reviews ADD CONSTRAINT meter_read_reviews_corrected_value_check
  CHECK ((status = 'CORRECTED') = (corrected_value IS NOT NULL) AND (corrected_value IS NULL OR corrected_value >= 0));
ALTER TABLE meter_read_reviews ADD CONSTRAINT meter_read_reviews_decision_reason_check
  CHECK (status NOT IN ('CORRECTED', 'EXCLUDED') OR decision_reason IS NOT NULL);

SELECT app_enable_tenant_rls('meter_read_reviews', 'tenant_id', 'customer_id', 'strict');

-- Counter drops already on record wait (or were decided) as reads too.
INSERT INTO meter_read_reviews (tenant_id, customer_id, device_id, read_id, read_at, counter, reason, discontinuity_id,
                                original_value, status, decision_reason, detected_at, reviewed_at, reviewed_by_user_id)
SELECT d.tenant_id, d.customer_id, d.device_id, d.after_read_id, a.read_at, d.counter, 'DISCONTINUITY', d.id,
       d.after_value,
       CASE d.status WHEN 'OPEN' THEN 'PENDING' WHEN 'ACCEPTED_RESET' THEN 'APPROVED' ELSE 'EXCLUDED' END::"MeterReadReviewStatus",
       CASE WHEN d.status = 'REJECTED' THEN coalesce(d.note, 'Rejected as a bad read') END,
       d.detected_at, d.reviewed_at, d.reviewed_by_user_id
FROM meter_discontinuities d
JOIN meter_reads a ON a.tenant_id = d.tenant_id AND a.id = d.after_read_id
ON CONFLICT DO NOTHING;

-- Retention by partition (app_drop_meter_read_partitions_before, migration 20261208050000) keeps
-- a month that holds a read waiting for review, and takes decided reviews with their month.
CREATE OR REPLACE FUNCTION app_drop_meter_read_partitions_before(cutoff TIMESTAMPTZ)
RETURNS SETOF TEXT
LANGUAGE plpgsql
AS $$
DECLARE
  part RECORD;
  upper_bound TIMESTAMPTZ;
  keeps BOOLEAN;
BEGIN
  IF (SELECT relkind FROM pg_class WHERE oid = 'meter_reads'::regclass) <> 'p' THEN
    RETURN;
  END IF;
  FOR part IN
    SELECT child.oid::regclass::text AS name, pg_get_expr(child.relpartbound, child.oid) AS bound
      FROM pg_inherits
      JOIN pg_class child ON child.oid = pg_inherits.inhrelid
     WHERE pg_inherits.inhparent = 'meter_reads'::regclass
  LOOP
    IF part.bound = 'DEFAULT' THEN
      CONTINUE;
    END IF;
    upper_bound := substring(part.bound FROM 'TO \(''([^'']+)''\)')::timestamptz;
    IF upper_bound IS NULL OR upper_bound > cutoff THEN
      CONTINUE;
    END IF;
    EXECUTE format(
      'SELECT EXISTS (SELECT 1 FROM %s r
          WHERE r.read_at = (SELECT max(n.read_at) FROM meter_reads n
                              WHERE n.tenant_id = r.tenant_id AND n.device_id = r.device_id)
             OR EXISTS (SELECT 1 FROM meter_discontinuities d
                         WHERE d.tenant_id = r.tenant_id AND d.status = ''OPEN''
                           AND (d.before_read_id = r.id OR d.after_read_id = r.id))
             OR EXISTS (SELECT 1 FROM meter_read_reviews v
                         WHERE v.tenant_id = r.tenant_id AND v.read_id = r.id AND v.status = ''PENDING''))',
      part.name) INTO keeps;
    IF keeps THEN
      CONTINUE;
    END IF;
    EXECUTE format('DELETE FROM meter_read_reviews v USING %s r
                     WHERE v.tenant_id = r.tenant_id AND v.read_id = r.id', part.name);
    EXECUTE format('DELETE FROM meter_discontinuities d USING %s r
                     WHERE d.tenant_id = r.tenant_id
                       AND (d.before_read_id = r.id OR d.after_read_id = r.id)', part.name);
    EXECUTE format('ALTER TABLE meter_reads DETACH PARTITION %s', part.name);
    EXECUTE format('DROP TABLE %s', part.name);
    RETURN NEXT part.name;
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION app_drop_meter_read_partitions_before(TIMESTAMPTZ) FROM PUBLIC;
