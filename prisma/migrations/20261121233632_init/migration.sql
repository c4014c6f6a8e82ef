-- CreateEnum
CREATE TYPE "TenantKind" AS ENUM ('PLATFORM', 'DEALER');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('PLATFORM_OPERATOR', 'DEALER_ADMIN', 'DEALER_TECHNICIAN', 'DEALER_BILLING', 'CUSTOMER_ADMIN', 'CUSTOMER_VIEWER');

-- CreateEnum
CREATE TYPE "AgentStatus" AS ENUM ('ACTIVE', 'DISABLED', 'REVOKED');

-- CreateEnum
CREATE TYPE "CommandType" AS ENUM ('REFRESH_STATUS', 'SEND_METERS', 'PRINT_TEST_PAGE', 'REBOOT', 'TROUBLESHOOT', 'UPDATE_SETTINGS');

-- CreateEnum
CREATE TYPE "CommandStatus" AS ENUM ('PENDING', 'DELIVERED', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MeterDiscontinuityStatus" AS ENUM ('OPEN', 'ACCEPTED_RESET', 'REJECTED');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('INFO', 'WARNING', 'CRITICAL');

-- CreateEnum
CREATE TYPE "SupplyOrderStatus" AS ENUM ('OPEN', 'EXPORTED', 'SHIPPED', 'FULFILLED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "UploadOutcome" AS ENUM ('ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('USER', 'API_KEY', 'AGENT', 'SYSTEM', 'ANONYMOUS');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'FAILURE', 'DENIED');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "TenantKind" NOT NULL DEFAULT 'DEALER',
    "disabled_at" TIMESTAMPTZ(3),
    "agent_silence_hours" INTEGER NOT NULL DEFAULT 26,
    "device_silence_hours" INTEGER NOT NULL DEFAULT 48,
    "command_ttl_hours" INTEGER NOT NULL DEFAULT 24,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "customer_id" UUID,
    "disabled_at" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "refresh_token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "replaced_by_id" UUID,
    "last_used_at" TIMESTAMPTZ(3),
    "ip" TEXT,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_by_user_id" UUID,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "customers" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "external_ref" TEXT,
    "allowed_command_types" "CommandType"[] DEFAULT ARRAY['REFRESH_STATUS', 'SEND_METERS', 'TROUBLESHOOT']::"CommandType"[],
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "sites" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "time_zone" TEXT,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "registration_keys" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "name" TEXT,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "max_uses" INTEGER,
    "use_count" INTEGER NOT NULL DEFAULT 0,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registration_keys_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "agents" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "registration_key_id" UUID,
    "name" TEXT,
    "status" "AgentStatus" NOT NULL DEFAULT 'ACTIVE',
    "lock_down" BOOLEAN NOT NULL DEFAULT false,
    "version" TEXT,
    "hostname" TEXT,
    "os" TEXT,
    "enrolled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_contact_at" TIMESTAMPTZ(3),
    "last_upload_at" TIMESTAMPTZ(3),
    "config_version" INTEGER NOT NULL DEFAULT 1,
    "config" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "agent_certificates" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "serial" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "certificate_pem" TEXT NOT NULL,
    "not_before" TIMESTAMPTZ(3) NOT NULL,
    "not_after" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revocation_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_certificates_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "devices" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "site_id" UUID,
    "agent_id" UUID,
    "manufacturer" TEXT,
    "model" TEXT,
    "serial_number" TEXT,
    "mac_address" TEXT,
    "ip_address" TEXT,
    "hostname" TEXT,
    "firmware" TEXT,
    "location" TEXT,
    "asset_tag" TEXT,
    "sys_object_id" TEXT,
    "no_identity" BOOLEAN NOT NULL DEFAULT false,
    "needs_review" BOOLEAN NOT NULL DEFAULT false,
    "review_reason" TEXT,
    "merged_into_id" UUID,
    "printer_status" TEXT,
    "detected_errors" TEXT[],
    "console_display" TEXT,
    "status_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_meter_read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "devices_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "device_identity_changes" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "old_value" TEXT,
    "new_value" TEXT,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "upload_id" UUID,

    CONSTRAINT "device_identity_changes_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "meter_reads" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "counters" JSONB NOT NULL,
    "upload_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meter_reads_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "meter_discontinuities" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "counter" TEXT NOT NULL,
    "before_read_id" UUID NOT NULL,
    "after_read_id" UUID NOT NULL,
    "before_value" BIGINT NOT NULL,
    "after_value" BIGINT NOT NULL,
    "status" "MeterDiscontinuityStatus" NOT NULL DEFAULT 'OPEN',
    "offset" BIGINT,
    "note" TEXT,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by_user_id" UUID,

    CONSTRAINT "meter_discontinuities_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "supplies" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "supply_key" TEXT NOT NULL,
    "description" TEXT,
    "type" TEXT,
    "color" TEXT,
    "part_number" TEXT,
    "level" INTEGER,
    "max_capacity" INTEGER,
    "percent" DOUBLE PRECISION,
    "state" TEXT,
    "read_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supplies_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "supply_levels" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "supply_id" UUID NOT NULL,
    "level" INTEGER,
    "max_capacity" INTEGER,
    "percent" DOUBLE PRECISION,
    "state" TEXT,
    "part_number" TEXT,
    "read_at" TIMESTAMPTZ(3) NOT NULL,
    "upload_id" UUID,

    CONSTRAINT "supply_levels_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "replenishment_rules" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID,
    "name" TEXT NOT NULL,
    "model" TEXT,
    "supply_type" TEXT,
    "color" TEXT,
    "threshold_percent" DOUBLE PRECISION,
    "forecast_days" INTEGER,
    "lead_time_days" INTEGER NOT NULL DEFAULT 0,
    "cooldown_hours" INTEGER NOT NULL DEFAULT 72,
    "consolidate" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "replenishment_rules_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "supply_orders" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "supply_id" UUID NOT NULL,
    "supply_key" TEXT NOT NULL,
    "rule_id" UUID,
    "status" "SupplyOrderStatus" NOT NULL DEFAULT 'OPEN',
    "consolidation_group" UUID,
    "reason" TEXT NOT NULL,
    "percent_at_order" DOUBLE PRECISION,
    "days_to_empty_at_order" DOUBLE PRECISION,
    "part_number" TEXT,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "external_ref" TEXT,
    "active_key" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "exported_at" TIMESTAMPTZ(3),
    "shipped_at" TIMESTAMPTZ(3),
    "fulfilled_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "supply_orders_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "device_id" UUID,
    "agent_id" UUID,
    "code" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "source" TEXT NOT NULL,
    "message" TEXT,
    "details" JSONB,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "open_key" TEXT,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "commands" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "device_id" UUID,
    "type" "CommandType" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "status" "CommandStatus" NOT NULL DEFAULT 'PENDING',
    "requested_by_kind" "ActorKind" NOT NULL,
    "requested_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "result" JSONB,
    "error_message" TEXT,

    CONSTRAINT "commands_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "uploads" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "upload_id" TEXT NOT NULL,
    "payload_version" TEXT,
    "size_bytes" INTEGER NOT NULL,
    "uncompressed_bytes" INTEGER,
    "sha256" TEXT NOT NULL,
    "device_count" INTEGER,
    "created_at_agent" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "UploadOutcome" NOT NULL,
    "error_code" TEXT,

    CONSTRAINT "uploads_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "upload_blobs" (
    "tenant_id" UUID NOT NULL,
    "upload_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "upload_blobs_pkey" PRIMARY KEY ("tenant_id","upload_id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID,
    "actor_kind" "ActorKind" NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "ip" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "details" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "platform_audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "actor_kind" "ActorKind" NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "ip" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "details" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "url" TEXT NOT NULL,
    "description" TEXT,
    "secret_encrypted" TEXT NOT NULL,
    "event_types" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "endpoint_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "response_code" INTEGER,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "last_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE INDEX "users_email_idx" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_tenant_id_customer_id_idx" ON "users"("tenant_id", "customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_tenant_id_email_key" ON "users"("tenant_id", "email");

-- CreateIndex
CREATE INDEX "sessions_refresh_token_hash_idx" ON "sessions"("refresh_token_hash");

-- CreateIndex
CREATE INDEX "sessions_tenant_id_user_id_idx" ON "sessions"("tenant_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_tenant_id_refresh_token_hash_key" ON "sessions"("tenant_id", "refresh_token_hash");

-- CreateIndex
CREATE INDEX "api_keys_key_hash_idx" ON "api_keys"("key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_tenant_id_key_hash_key" ON "api_keys"("tenant_id", "key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_tenant_id_prefix_key" ON "api_keys"("tenant_id", "prefix");

-- CreateIndex
CREATE INDEX "customers_tenant_id_name_idx" ON "customers"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "customers_tenant_id_external_ref_key" ON "customers"("tenant_id", "external_ref");

-- CreateIndex
CREATE UNIQUE INDEX "sites_tenant_id_customer_id_id_key" ON "sites"("tenant_id", "customer_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "sites_tenant_id_customer_id_name_key" ON "sites"("tenant_id", "customer_id", "name");

-- CreateIndex
CREATE INDEX "registration_keys_key_hash_idx" ON "registration_keys"("key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "registration_keys_tenant_id_key_hash_key" ON "registration_keys"("tenant_id", "key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "registration_keys_tenant_id_prefix_key" ON "registration_keys"("tenant_id", "prefix");

-- CreateIndex
CREATE INDEX "agents_tenant_id_customer_id_idx" ON "agents"("tenant_id", "customer_id");

-- CreateIndex
CREATE INDEX "agents_tenant_id_site_id_idx" ON "agents"("tenant_id", "site_id");

-- CreateIndex
CREATE UNIQUE INDEX "agents_tenant_id_customer_id_id_key" ON "agents"("tenant_id", "customer_id", "id");

-- CreateIndex
CREATE INDEX "agent_certificates_tenant_id_agent_id_idx" ON "agent_certificates"("tenant_id", "agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "agent_certificates_tenant_id_serial_key" ON "agent_certificates"("tenant_id", "serial");

-- CreateIndex
CREATE UNIQUE INDEX "agent_certificates_tenant_id_fingerprint_key" ON "agent_certificates"("tenant_id", "fingerprint");

-- CreateIndex
CREATE INDEX "devices_tenant_id_customer_id_serial_number_idx" ON "devices"("tenant_id", "customer_id", "serial_number");

-- CreateIndex
CREATE INDEX "devices_tenant_id_customer_id_mac_address_idx" ON "devices"("tenant_id", "customer_id", "mac_address");

-- CreateIndex
CREATE INDEX "devices_tenant_id_agent_id_idx" ON "devices"("tenant_id", "agent_id");

-- CreateIndex
CREATE INDEX "devices_tenant_id_site_id_idx" ON "devices"("tenant_id", "site_id");

-- CreateIndex
CREATE INDEX "devices_tenant_id_last_meter_read_at_idx" ON "devices"("tenant_id", "last_meter_read_at");

-- CreateIndex
CREATE UNIQUE INDEX "devices_tenant_id_customer_id_id_key" ON "devices"("tenant_id", "customer_id", "id");

-- CreateIndex
CREATE INDEX "device_identity_changes_tenant_id_device_id_changed_at_idx" ON "device_identity_changes"("tenant_id", "device_id", "changed_at");

-- CreateIndex
CREATE UNIQUE INDEX "meter_reads_tenant_id_device_id_read_at_key" ON "meter_reads"("tenant_id", "device_id", "read_at");

-- CreateIndex
CREATE INDEX "meter_discontinuities_tenant_id_device_id_counter_idx" ON "meter_discontinuities"("tenant_id", "device_id", "counter");

-- CreateIndex
CREATE INDEX "meter_discontinuities_tenant_id_status_idx" ON "meter_discontinuities"("tenant_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "meter_discontinuities_tenant_id_after_read_id_counter_key" ON "meter_discontinuities"("tenant_id", "after_read_id", "counter");

-- CreateIndex
CREATE UNIQUE INDEX "supplies_tenant_id_customer_id_id_key" ON "supplies"("tenant_id", "customer_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "supplies_tenant_id_device_id_supply_key_key" ON "supplies"("tenant_id", "device_id", "supply_key");

-- CreateIndex
CREATE INDEX "supply_levels_tenant_id_device_id_read_at_idx" ON "supply_levels"("tenant_id", "device_id", "read_at");

-- CreateIndex
CREATE UNIQUE INDEX "supply_levels_tenant_id_supply_id_read_at_key" ON "supply_levels"("tenant_id", "supply_id", "read_at");

-- CreateIndex
CREATE INDEX "replenishment_rules_tenant_id_customer_id_idx" ON "replenishment_rules"("tenant_id", "customer_id");

-- CreateIndex
CREATE INDEX "supply_orders_tenant_id_status_created_at_idx" ON "supply_orders"("tenant_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "supply_orders_tenant_id_device_id_idx" ON "supply_orders"("tenant_id", "device_id");

-- CreateIndex
CREATE UNIQUE INDEX "supply_orders_tenant_id_active_key_key" ON "supply_orders"("tenant_id", "active_key");

-- CreateIndex
CREATE INDEX "alerts_tenant_id_device_id_opened_at_idx" ON "alerts"("tenant_id", "device_id", "opened_at");

-- CreateIndex
CREATE INDEX "alerts_tenant_id_closed_at_idx" ON "alerts"("tenant_id", "closed_at");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_tenant_id_open_key_key" ON "alerts"("tenant_id", "open_key");

-- CreateIndex
CREATE INDEX "commands_tenant_id_agent_id_status_idx" ON "commands"("tenant_id", "agent_id", "status");

-- CreateIndex
CREATE INDEX "commands_tenant_id_device_id_created_at_idx" ON "commands"("tenant_id", "device_id", "created_at");

-- CreateIndex
CREATE INDEX "commands_tenant_id_status_expires_at_idx" ON "commands"("tenant_id", "status", "expires_at");

-- CreateIndex
CREATE INDEX "uploads_tenant_id_received_at_idx" ON "uploads"("tenant_id", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "uploads_tenant_id_customer_id_id_key" ON "uploads"("tenant_id", "customer_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "uploads_tenant_id_agent_id_upload_id_key" ON "uploads"("tenant_id", "agent_id", "upload_id");

-- CreateIndex
CREATE UNIQUE INDEX "upload_blobs_tenant_id_customer_id_upload_id_key" ON "upload_blobs"("tenant_id", "customer_id", "upload_id");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_at_idx" ON "audit_events"("tenant_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_target_type_target_id_idx" ON "audit_events"("tenant_id", "target_type", "target_id");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_customer_id_at_idx" ON "audit_events"("tenant_id", "customer_id", "at");

-- CreateIndex
CREATE INDEX "platform_audit_events_at_idx" ON "platform_audit_events"("at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_tenant_id_created_at_idx" ON "webhook_deliveries"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_tenant_id_endpoint_id_event_id_key" ON "webhook_deliveries"("tenant_id", "endpoint_id", "event_id");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_created_by_user_id_fkey" FOREIGN KEY ("tenant_id", "created_by_user_id") REFERENCES "users"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sites" ADD CONSTRAINT "sites_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration_keys" ADD CONSTRAINT "registration_keys_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration_keys" ADD CONSTRAINT "registration_keys_tenant_id_customer_id_site_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "site_id") REFERENCES "sites"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration_keys" ADD CONSTRAINT "registration_keys_tenant_id_created_by_user_id_fkey" FOREIGN KEY ("tenant_id", "created_by_user_id") REFERENCES "users"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_tenant_id_customer_id_site_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "site_id") REFERENCES "sites"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_tenant_id_registration_key_id_fkey" FOREIGN KEY ("tenant_id", "registration_key_id") REFERENCES "registration_keys"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_certificates" ADD CONSTRAINT "agent_certificates_tenant_id_customer_id_agent_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "agent_id") REFERENCES "agents"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_id_customer_id_site_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "site_id") REFERENCES "sites"("tenant_id", "customer_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_id_customer_id_agent_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "agent_id") REFERENCES "agents"("tenant_id", "customer_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_id_customer_id_merged_into_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "merged_into_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_identity_changes" ADD CONSTRAINT "device_identity_changes_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_reads" ADD CONSTRAINT "meter_reads_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_reads" ADD CONSTRAINT "meter_reads_tenant_id_upload_id_fkey" FOREIGN KEY ("tenant_id", "upload_id") REFERENCES "uploads"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_discontinuities" ADD CONSTRAINT "meter_discontinuities_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_discontinuities" ADD CONSTRAINT "meter_discontinuities_tenant_id_before_read_id_fkey" FOREIGN KEY ("tenant_id", "before_read_id") REFERENCES "meter_reads"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_discontinuities" ADD CONSTRAINT "meter_discontinuities_tenant_id_after_read_id_fkey" FOREIGN KEY ("tenant_id", "after_read_id") REFERENCES "meter_reads"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplies" ADD CONSTRAINT "supplies_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_levels" ADD CONSTRAINT "supply_levels_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_levels" ADD CONSTRAINT "supply_levels_tenant_id_customer_id_supply_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "supply_id") REFERENCES "supplies"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_levels" ADD CONSTRAINT "supply_levels_tenant_id_upload_id_fkey" FOREIGN KEY ("tenant_id", "upload_id") REFERENCES "uploads"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replenishment_rules" ADD CONSTRAINT "replenishment_rules_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replenishment_rules" ADD CONSTRAINT "replenishment_rules_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_orders" ADD CONSTRAINT "supply_orders_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_orders" ADD CONSTRAINT "supply_orders_tenant_id_customer_id_supply_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "supply_id") REFERENCES "supplies"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_orders" ADD CONSTRAINT "supply_orders_tenant_id_rule_id_fkey" FOREIGN KEY ("tenant_id", "rule_id") REFERENCES "replenishment_rules"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_tenant_id_customer_id_agent_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "agent_id") REFERENCES "agents"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commands" ADD CONSTRAINT "commands_tenant_id_customer_id_agent_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "agent_id") REFERENCES "agents"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commands" ADD CONSTRAINT "commands_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_tenant_id_customer_id_agent_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "agent_id") REFERENCES "agents"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload_blobs" ADD CONSTRAINT "upload_blobs_tenant_id_customer_id_upload_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "upload_id") REFERENCES "uploads"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_tenant_id_endpoint_id_fkey" FOREIGN KEY ("tenant_id", "endpoint_id") REFERENCES "webhook_endpoints"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
