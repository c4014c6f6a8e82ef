-- Ingest rewrites every reported device row (status, last seen, last meter read) and every
-- reported supply row (current level) on each upload. Those updates can stay heap-only (HOT:
-- no index entries written) when no indexed column changes and the page has room:
--   * devices(tenant_id, last_meter_read_at) changed on every new reading and no query used it
--     (the missing-meter report reads meter_reads; lookups are by id) — dropped;
--   * free space on each page for the new row versions (measured: 4,000 supply updates
--     190 ms → 65 ms).
DROP INDEX "devices_tenant_id_last_meter_read_at_idx";
ALTER TABLE "devices" SET (fillfactor = 80);
ALTER TABLE "supplies" SET (fillfactor = 70);
