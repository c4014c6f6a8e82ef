-- Row-level security: the second wall of tenant isolation (the first is the tenant-scoped
-- Prisma client in apps/central/src/platform/prisma).
--
-- The application role (printbeat_app, created by central's database bootstrap) is not the
-- table owner, has no BYPASSRLS and sees only rows of the tenant (and customer) set per
-- transaction with set_config('app.tenant_id' / 'app.customer_id', …, true):
--   * tenant_isolation (every role): tenant_id must match; on customer-bound tables, when
--     app.customer_id is set, customer_id must match too. No tenant set → no rows.
--   * platform_access (the table owner only, i.e. migrations and platform code): every row,
--     but only while no tenant is set; with a tenant set the owner is scoped like anyone else.
-- FORCE makes both apply to the owner as well (a superuser bypasses RLS regardless).
--
-- New tenant-owned tables in later migrations: SELECT app_enable_tenant_rls('table', …).

CREATE FUNCTION app_current_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION app_current_customer_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.customer_id', true), '')::uuid $$;

-- customer_mode: 'none'   tenant only;
--                'strict' rows must match app.customer_id when it is set (NULL customer_id hidden);
--                'shared' like strict, but rows with a NULL customer_id (tenant-wide) stay
--                         readable; writes still need the caller's own customer.
CREATE FUNCTION app_enable_tenant_rls(
  target regclass,
  tenant_column name DEFAULT 'tenant_id',
  customer_column name DEFAULT NULL,
  customer_mode text DEFAULT 'none'
) RETURNS void
  LANGUAGE plpgsql
  AS $$
DECLARE
  owner_name name;
  tenant_rule text := format('%I = app_current_tenant_id()', tenant_column);
  read_rule text;
  write_rule text;
BEGIN
  SELECT pg_get_userbyid(relowner) INTO STRICT owner_name FROM pg_class WHERE oid = target;

  IF customer_mode = 'none' THEN
    read_rule := tenant_rule;
    write_rule := tenant_rule;
  ELSIF customer_mode = 'strict' THEN
    read_rule := format('%s AND (app_current_customer_id() IS NULL OR %I = app_current_customer_id())',
                        tenant_rule, customer_column);
    write_rule := read_rule;
  ELSIF customer_mode = 'shared' THEN
    read_rule := format('%s AND (app_current_customer_id() IS NULL OR %2$I IS NULL OR %2$I = app_current_customer_id())',
                        tenant_rule, customer_column);
    write_rule := format('%s AND (app_current_customer_id() IS NULL OR %I = app_current_customer_id())',
                         tenant_rule, customer_column);
  ELSE
    RAISE EXCEPTION 'unknown customer_mode %', customer_mode;
  END IF;

  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', target);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s FOR ALL TO PUBLIC USING (%s) WITH CHECK (%s)',
                 target, read_rule, write_rule);
  EXECUTE format('DROP POLICY IF EXISTS platform_access ON %s', target);
  EXECUTE format('CREATE POLICY platform_access ON %s FOR ALL TO %I '
                 'USING (app_current_tenant_id() IS NULL) WITH CHECK (app_current_tenant_id() IS NULL)',
                 target, owner_name);
END
$$;

SELECT app_enable_tenant_rls('tenants', 'id');
SELECT app_enable_tenant_rls('users', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('sessions');
SELECT app_enable_tenant_rls('api_keys');
SELECT app_enable_tenant_rls('customers', 'tenant_id', 'id', 'strict');
SELECT app_enable_tenant_rls('sites', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('registration_keys', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('agents', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('agent_certificates', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('devices', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('device_identity_changes', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('meter_reads', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('meter_discontinuities', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('supplies', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('supply_levels', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('replenishment_rules', 'tenant_id', 'customer_id', 'shared');
SELECT app_enable_tenant_rls('supply_orders', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('alerts', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('commands', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('uploads', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('upload_blobs', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('audit_events', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('webhook_endpoints');
SELECT app_enable_tenant_rls('webhook_deliveries');

-- platform_audit_events belongs to no tenant: RLS on with no policy for anyone but the owner,
-- and the application role gets no grant on it (central's bootstrap).
ALTER TABLE platform_audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_audit_events FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
  EXECUTE format('CREATE POLICY platform_access ON platform_audit_events FOR ALL TO %I USING (true) WITH CHECK (true)',
                 (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'platform_audit_events'::regclass));
END
$$;

-- Invariants Prisma cannot express.
ALTER TABLE tenants ADD CONSTRAINT tenants_platform_kind_check
  CHECK ((kind = 'PLATFORM') = (id = '00000000-0000-0000-0000-000000000001'::uuid));
ALTER TABLE users ADD CONSTRAINT users_platform_operator_check
  CHECK ((role = 'PLATFORM_OPERATOR') = (tenant_id = '00000000-0000-0000-0000-000000000001'::uuid));
ALTER TABLE users ADD CONSTRAINT users_customer_role_check
  CHECK ((role IN ('CUSTOMER_ADMIN', 'CUSTOMER_VIEWER')) = (customer_id IS NOT NULL));
ALTER TABLE users ADD CONSTRAINT users_email_lower_check CHECK (email = lower(email));
ALTER TABLE meter_reads ADD CONSTRAINT meter_reads_counters_check CHECK (jsonb_typeof(counters) = 'object');
ALTER TABLE meter_reads ADD CONSTRAINT meter_reads_seen_check CHECK (last_seen_at >= read_at);
ALTER TABLE supply_orders ADD CONSTRAINT supply_orders_active_key_check
  CHECK (CASE WHEN status IN ('OPEN', 'EXPORTED', 'SHIPPED') THEN active_key = supply_id ELSE active_key IS NULL END);
ALTER TABLE alerts ADD CONSTRAINT alerts_open_key_check CHECK ((open_key IS NULL) = (closed_at IS NOT NULL));
ALTER TABLE alerts ADD CONSTRAINT alerts_subject_check CHECK (device_id IS NOT NULL OR agent_id IS NOT NULL);
ALTER TABLE registration_keys ADD CONSTRAINT registration_keys_use_count_check
  CHECK (use_count >= 0 AND (max_uses IS NULL OR max_uses > 0));

-- The one PLATFORM tenant: platform operators are its users.
INSERT INTO tenants (id, name, slug, kind, updated_at)
VALUES ('00000000-0000-0000-0000-000000000001', 'Printbeat platform', 'platform', 'PLATFORM', CURRENT_TIMESTAMP);
