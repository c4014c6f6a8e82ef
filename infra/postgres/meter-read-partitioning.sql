-- Printbeat: monthly range partitioning of meter_reads by read_at (PostgreSQL 13+; tested on 18
-- by tools/infra-check/src/meter-read-partitioning.int-spec.ts against the real migrations).
--
-- Why: meter reads are the one table that grows without bound (every device, every changed
-- reading, forever, because billing may look back years). Partitioning by month keeps each
-- index small and hot, lets old months be detached/archived without a giant DELETE, and lets
-- "usage between two dates" prune to the months involved.
--
-- How it fits the schema: a partitioned table's primary key and unique indexes must contain the
-- partition column. (tenant_id, device_id, read_at) already does; the primary key becomes
-- (tenant_id, id, read_at), and meter_discontinuities, which points at two reads, gets the
-- read_at of each so its foreign keys can reference the new key (meter_read_reviews has the
-- read_at of its read already).
--
-- Apply it as a hand-written Prisma migration (`npm run prisma -- migrate dev --create-only`,
-- paste this file without BEGIN/COMMIT), together with these schema.prisma changes so Prisma's
-- view matches the database:
--   model MeterRead          @@id([tenantId, id, readAt])
--   model MeterDiscontinuity beforeReadAt DateTime @map("before_read_at") @db.Timestamptz(3)
--                            afterReadAt  DateTime @map("after_read_at")  @db.Timestamptz(3)
--                            relations on [tenantId, beforeReadId, beforeReadAt] /
--                            [tenantId, afterReadId, afterReadAt] → [tenantId, id, readAt]
--   model MeterReadReview    relation on [tenantId, readId, readAt] → [tenantId, id, readAt]
-- Prisma does not model partitions: it reads and writes meter_reads as one table.
--
-- Row-level security, policies and grants of the old table are copied onto the new parent.
-- Locks meter_reads and meter_discontinuities for the duration: run it in a maintenance window
-- (it rewrites the table).
--
-- On Citus, run it before infra/citus/distribute.sql (a partitioned table is distributed with
-- all its partitions), or use Citus's own create_time_partitions() for new months.

BEGIN;

DO $$
BEGIN
  IF (SELECT relkind FROM pg_class WHERE oid = 'meter_reads'::regclass) = 'p' THEN
    RAISE EXCEPTION 'meter_reads is already partitioned';
  END IF;
END
$$;

LOCK TABLE meter_reads, meter_discontinuities, meter_read_reviews IN ACCESS EXCLUSIVE MODE;

-- ── 1. Discontinuities learn the read_at of the reads they point at ─────────────────────────
ALTER TABLE meter_discontinuities
  ADD COLUMN before_read_at TIMESTAMPTZ(3),
  ADD COLUMN after_read_at TIMESTAMPTZ(3);

UPDATE meter_discontinuities d
   SET before_read_at = b.read_at,
       after_read_at = a.read_at
  FROM meter_reads b, meter_reads a
 WHERE b.tenant_id = d.tenant_id AND b.id = d.before_read_id
   AND a.tenant_id = d.tenant_id AND a.id = d.after_read_id;

ALTER TABLE meter_discontinuities
  ALTER COLUMN before_read_at SET NOT NULL,
  ALTER COLUMN after_read_at SET NOT NULL,
  DROP CONSTRAINT meter_discontinuities_tenant_id_before_read_id_fkey,
  DROP CONSTRAINT meter_discontinuities_tenant_id_after_read_id_fkey;

-- Read reviews carry their read's read_at already: only the foreign key changes.
ALTER TABLE meter_read_reviews DROP CONSTRAINT meter_read_reviews_tenant_id_read_id_fkey;

-- ── 2. The partitioned parent, under the old name (index names must stay free) ──────────────
ALTER TABLE meter_reads RENAME TO meter_reads_unpartitioned;
ALTER INDEX meter_reads_pkey RENAME TO meter_reads_unpartitioned_pkey;
ALTER INDEX meter_reads_tenant_id_device_id_read_at_key RENAME TO meter_reads_unpartitioned_device_read_key;

CREATE TABLE meter_reads (
  LIKE meter_reads_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMMENTS
) PARTITION BY RANGE (read_at);

ALTER TABLE meter_reads ADD CONSTRAINT meter_reads_pkey PRIMARY KEY (tenant_id, id, read_at);
CREATE UNIQUE INDEX meter_reads_tenant_id_device_id_read_at_key ON meter_reads (tenant_id, device_id, read_at);

-- A reading whose timestamp falls outside every month (a printer with a wild clock) must not
-- fail an upload: it lands here until a partition for its month exists.
CREATE TABLE meter_reads_default PARTITION OF meter_reads DEFAULT;

-- ── 3. Monthly partitions: meter_reads_pYYYYMM covers [first of month, first of next) ────────
-- Called here for the existing data and then monthly by a scheduled job (pg-boss or pg_cron):
--   SELECT printbeat_ensure_meter_read_partitions(date_trunc('month', now())::date, 3);
-- Rows already parked in the default partition for a new month are moved into it.
CREATE OR REPLACE FUNCTION printbeat_ensure_meter_read_partitions(first_month date, months integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
  month_start date;
  month_end date;
  partition_name text;
  created integer := 0;
BEGIN
  FOR step IN 0 .. months - 1 LOOP
    month_start := (date_trunc('month', first_month) + make_interval(months => step))::date;
    month_end := (month_start + interval '1 month')::date;
    partition_name := format('meter_reads_p%s', to_char(month_start, 'YYYYMM'));
    CONTINUE WHEN to_regclass(partition_name) IS NOT NULL;
    -- Build the month as a standalone table, move its rows out of the default partition, then
    -- attach: creating it directly as a partition would fail while the default holds its rows.
    EXECUTE format('CREATE TABLE %I (LIKE meter_reads INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name);
    EXECUTE format(
      'WITH moved AS (DELETE FROM meter_reads_default WHERE read_at >= %L AND read_at < %L RETURNING *)
       INSERT INTO %I SELECT * FROM moved',
      month_start, month_end, partition_name);
    EXECUTE format('ALTER TABLE meter_reads ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
      partition_name, month_start, month_end);
    created := created + 1;
  END LOOP;
  RETURN created;
END
$fn$;

-- Months of the existing data up to three months ahead.
SELECT printbeat_ensure_meter_read_partitions(
  first_month,
  ((extract(year FROM age(date_trunc('month', now()), first_month)) * 12
    + extract(month FROM age(date_trunc('month', now()), first_month)))::integer) + 4)
FROM (SELECT date_trunc('month', coalesce(min(read_at), now()))::date AS first_month FROM meter_reads_unpartitioned) AS bounds;

-- ── 4. Move the rows, then the foreign keys of and to meter_reads ────────────────────────────
INSERT INTO meter_reads SELECT * FROM meter_reads_unpartitioned;

ALTER TABLE meter_reads
  ADD CONSTRAINT meter_reads_tenant_id_device_id_fkey FOREIGN KEY (tenant_id, device_id)
    REFERENCES devices (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT meter_reads_tenant_id_upload_id_fkey FOREIGN KEY (tenant_id, upload_id)
    REFERENCES uploads (tenant_id, id) ON DELETE NO ACTION ON UPDATE CASCADE;

ALTER TABLE meter_discontinuities
  ADD CONSTRAINT meter_discontinuities_before_read_fkey FOREIGN KEY (tenant_id, before_read_id, before_read_at)
    REFERENCES meter_reads (tenant_id, id, read_at) ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT meter_discontinuities_after_read_fkey FOREIGN KEY (tenant_id, after_read_id, after_read_at)
    REFERENCES meter_reads (tenant_id, id, read_at) ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE meter_read_reviews
  ADD CONSTRAINT meter_read_reviews_read_fkey FOREIGN KEY (tenant_id, read_id, read_at)
    REFERENCES meter_reads (tenant_id, id, read_at) ON DELETE CASCADE ON UPDATE CASCADE;

-- ── 5. Same security as before: RLS flags, policies, grants ──────────────────────────────────
DO $$
DECLARE
  policy record;
  grant_row record;
  old_flags record;
BEGIN
  SELECT relrowsecurity, relforcerowsecurity INTO old_flags
    FROM pg_class WHERE oid = 'meter_reads_unpartitioned'::regclass;
  IF old_flags.relrowsecurity THEN
    EXECUTE 'ALTER TABLE meter_reads ENABLE ROW LEVEL SECURITY';
  END IF;
  IF old_flags.relforcerowsecurity THEN
    EXECUTE 'ALTER TABLE meter_reads FORCE ROW LEVEL SECURITY';
  END IF;
  FOR policy IN
    SELECT * FROM pg_policies WHERE schemaname = current_schema() AND tablename = 'meter_reads_unpartitioned'
  LOOP
    EXECUTE format('CREATE POLICY %I ON meter_reads AS %s FOR %s TO %s%s%s',
      policy.policyname, policy.permissive, policy.cmd,
      (SELECT string_agg(CASE WHEN role = 'public' THEN 'PUBLIC' ELSE quote_ident(role) END, ', ')
         FROM unnest(policy.roles) AS role),
      CASE WHEN policy.qual IS NOT NULL THEN format(' USING (%s)', policy.qual) ELSE '' END,
      CASE WHEN policy.with_check IS NOT NULL THEN format(' WITH CHECK (%s)', policy.with_check) ELSE '' END);
  END LOOP;
  FOR grant_row IN
    SELECT grantee, privilege_type FROM information_schema.role_table_grants
     WHERE table_schema = current_schema() AND table_name = 'meter_reads_unpartitioned'
       AND grantee <> (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'meter_reads_unpartitioned')
  LOOP
    EXECUTE format('GRANT %s ON meter_reads TO %s', grant_row.privilege_type,
      CASE WHEN grant_row.grantee = 'PUBLIC' THEN 'PUBLIC' ELSE quote_ident(grant_row.grantee) END);
  END LOOP;
END
$$;

DROP TABLE meter_reads_unpartitioned;

COMMIT;

-- ── Operations ──────────────────────────────────────────────────────────────────────────────
-- Rows waiting in the default partition (should be none; investigate the devices' clocks):
--   SELECT tenant_id, device_id, read_at FROM meter_reads_default;
-- Archive a month (billing keeps what contracts require; detach, dump, drop):
--   ALTER TABLE meter_reads DETACH PARTITION meter_reads_p202401 CONCURRENTLY;
-- Lookups by (tenant_id, id) alone cannot prune partitions: they probe every month's primary
-- key index. Central's hot paths query by (tenant_id, device_id, read_at), which prunes.
