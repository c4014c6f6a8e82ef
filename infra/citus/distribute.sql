-- Printbeat on Citus: distribute the tenant-owned tables by tenant_id, all colocated.
--
-- Run once on the Citus coordinator, as the schema owner, right after `prisma migrate deploy`
-- has created the tables on an empty database (distributing tables that already hold data
-- copies it into shards; do that in a maintenance window).
--
-- Why this works without schema changes (prisma/schema.prisma was written for it):
-- * every tenant-owned table has tenant_id, its primary key starts with tenant_id and every
--   unique index includes it — Citus needs the distribution column in every unique constraint;
-- * every relation between tenant-owned tables is a composite foreign key
--   (tenant_id, x_id) → (tenant_id, id) — Citus needs foreign keys between distributed tables
--   to include the distribution column, so they stay shard-local;
-- * with all tables colocated on tenant_id, everything one request touches for one tenant lives
--   on one worker: router queries, local joins, single-node transactions.
--
-- Order matters: a table's foreign keys may only point at tables that are already reference or
-- distributed tables (tools/infra-check checks this order against the migrations).
--
-- Assumptions (checked by tools/infra-check against prisma/migrations on every test run):
-- * table names as in prisma/migrations/*/migration.sql (snake_case via @@map);
-- * tenants is the only tenant-less table other tables reference;
-- * platform_audit_events and agent_releases (no tenant_id) stay plain local tables on the
--   coordinator;
-- * pg-boss's schema (pgboss.*) and _prisma_migrations stay local on the coordinator.

BEGIN;

CREATE EXTENSION IF NOT EXISTS citus;

-- Row-level security reads the tenant from `SET LOCAL app.tenant_id = …`. Citus forwards
-- SET LOCAL to the worker connections of the transaction only with this setting; without it
-- every RLS-filtered query on a worker would see no rows at all (fails closed, but fails).
-- Central must set the tenant with SET LOCAL (not SELECT set_config(...), which the RLS
-- migration uses today and Citus does not forward). The policy helpers app_current_tenant_id()
-- and app_current_customer_id() must exist on every worker. Set it cluster-wide:
--   ALTER SYSTEM SET citus.propagate_set_commands = 'local'; SELECT pg_reload_conf();
-- (on the coordinator and, for queries from any node, on every worker).

-- Shards per distributed table: enough to spread tenants over many more workers than today.
SET LOCAL citus.shard_count = 64;
-- Foreign keys from distributed tables to a reference table created in the same transaction
-- require Citus to run the shard DDL over one connection per worker.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';

-- ── Reference tables: small, read everywhere, replicated to every worker ────────────────────
-- tenants is read on every request (settings, silence thresholds) and referenced by foreign
-- keys from distributed tables, which Citus allows only towards reference tables.
SELECT create_reference_table('tenants');

-- ── Distributed tables, all colocated with customers on tenant_id ───────────────────────────
SELECT create_distributed_table('customers', 'tenant_id');
SELECT create_distributed_table('users', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('sessions', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('user_links', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('api_keys', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('sites', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('registration_keys', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('agents', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('agent_certificates', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('agent_facts_snapshots', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('agent_update_targets', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('agent_update_consents', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('agent_update_reports', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('devices', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('device_identity_changes', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('uploads', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('upload_blobs', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('meter_reads', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('meter_discontinuities', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('meter_read_reviews', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('supplies', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('supply_levels', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('replenishment_rules', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('supply_orders', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('alerts', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('commands', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('audit_events', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('webhook_endpoints', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('webhook_deliveries', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('notification_policies', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('notification_events', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('notification_messages', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('billing_export_schedules', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('billing_export_files', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('contracts', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('contract_devices', 'tenant_id', colocate_with => 'customers');
SELECT create_distributed_table('reconciliation_states', 'tenant_id', colocate_with => 'customers');

-- ── Local tables (coordinator only) ────────────────────────────────────────────────────────
-- platform_audit_events: security events before any tenant is known; append-only, written by
--   platform code, never joined with tenant data. Replicating it (reference table) would turn
--   every insert into a write on every node.
-- agent_releases: published agent releases (artifacts of a few MiB), read by platform code one
--   release at a time when an agent asks; never joined with tenant data.
-- pgboss.*: the job queue. pg-boss fetches with SELECT … FOR UPDATE SKIP LOCKED on one table;
--   it stays a local table (or moves to a small separate PostgreSQL, see infra/SCALE-OUT.md).

COMMIT;

-- ── Afterwards ──────────────────────────────────────────────────────────────────────────────
-- Check colocation (one colocation id for all 37 tables):
--   SELECT logicalrelid, colocationid FROM pg_dist_partition ORDER BY colocationid, logicalrelid;
-- A dealer that outgrows its shard (one very large tenant) gets a shard of its own, moved with
-- all colocated tables (Citus 12+):
--   SELECT isolate_tenant_to_new_shard('customers', '<tenant uuid>', 'CASCADE');
-- Rebalance after adding workers (online, logical replication):
--   SELECT citus_rebalance_start();
