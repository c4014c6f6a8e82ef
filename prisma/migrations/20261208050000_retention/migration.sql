-- Per-tenant data retention (enforced nightly in batches by central's retention job).
ALTER TABLE "tenants"
  ADD COLUMN "upload_retention_days" INTEGER NOT NULL DEFAULT 90,
  ADD COLUMN "reading_retention_years" INTEGER NOT NULL DEFAULT 7,
  ADD COLUMN "audit_retention_years" INTEGER NOT NULL DEFAULT 3,
  ADD CONSTRAINT "tenants_upload_retention_days_range" CHECK ("upload_retention_days" BETWEEN 1 AND 3650),
  ADD CONSTRAINT "tenants_reading_retention_years_range" CHECK ("reading_retention_years" BETWEEN 1 AND 50),
  ADD CONSTRAINT "tenants_audit_retention_years_range" CHECK ("audit_retention_years" BETWEEN 1 AND 50);

-- The retention job finds old audit events and supply levels by time within a tenant.
CREATE INDEX "supply_levels_tenant_id_read_at_idx" ON "supply_levels" ("tenant_id", "read_at");

-- Where meter_reads is partitioned by month (infra/postgres/meter-read-partitioning.sql), the
-- retention job drops whole months that ended before `cutoff` instead of deleting their rows,
-- unless a month still holds a read that must stay: a device's newest read, or one an open
-- discontinuity points at. Returns the partitions dropped; does nothing on a plain table.
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
                           AND (d.before_read_id = r.id OR d.after_read_id = r.id)))',
      part.name) INTO keeps;
    IF keeps THEN
      CONTINUE;
    END IF;
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
