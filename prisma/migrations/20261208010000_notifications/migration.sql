-- E-mail notifications: per-tenant and per-customer policies, the events they wanted (the
-- outbox of dispatch and the source of daily digests) and one message row per e-mail sent
-- (the delivery log).
-- CreateEnum
CREATE TYPE "NotificationDeliveryMode" AS ENUM ('IMMEDIATE', 'DAILY_DIGEST');

-- CreateEnum
CREATE TYPE "NotificationMessageStatus" AS ENUM ('PENDING', 'HELD', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "notification_policies" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID,
    "name" TEXT NOT NULL,
    "event_types" TEXT[],
    "alert_severities" "AlertSeverity"[],
    "alert_codes" TEXT[],
    "recipient_roles" "UserRole"[],
    "recipient_emails" TEXT[],
    "delivery_mode" "NotificationDeliveryMode" NOT NULL DEFAULT 'IMMEDIATE',
    "quiet_start_minute" INTEGER,
    "quiet_end_minute" INTEGER,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "digest_hour" INTEGER NOT NULL DEFAULT 7,
    "digest_sent_until" TIMESTAMPTZ(3),
    "locale" TEXT NOT NULL DEFAULT 'en',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_policies_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "notification_events" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID,
    "event_type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_events_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "notification_messages" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID,
    "event_id" UUID,
    "event_type" TEXT NOT NULL,
    "policy_id" UUID,
    "policy_name" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "subject" TEXT,
    "status" "NotificationMessageStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_messages_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "notification_policies_tenant_id_customer_id_idx" ON "notification_policies"("tenant_id", "customer_id");

-- CreateIndex
CREATE INDEX "notification_events_tenant_id_occurred_at_idx" ON "notification_events"("tenant_id", "occurred_at");

-- CreateIndex
CREATE INDEX "notification_events_dispatched_at_occurred_at_idx" ON "notification_events"("dispatched_at", "occurred_at");

-- CreateIndex
CREATE INDEX "notification_messages_status_next_attempt_at_idx" ON "notification_messages"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notification_messages_tenant_id_created_at_idx" ON "notification_messages"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_messages_tenant_id_event_id_recipient_key" ON "notification_messages"("tenant_id", "event_id", "recipient");

-- AddForeignKey
ALTER TABLE "notification_policies" ADD CONSTRAINT "notification_policies_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_policies" ADD CONSTRAINT "notification_policies_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_messages" ADD CONSTRAINT "notification_messages_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant-wide policies (no customer) stay readable to customer-scoped callers; their own
-- customer's events and messages only.
SELECT app_enable_tenant_rls('notification_policies', 'tenant_id', 'customer_id', 'shared');
SELECT app_enable_tenant_rls('notification_events', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('notification_messages', 'tenant_id', 'customer_id', 'strict');

ALTER TABLE notification_policies ADD CONSTRAINT notification_policies_quiet_hours_check
  CHECK ((quiet_start_minute IS NULL) = (quiet_end_minute IS NULL)
         AND coalesce(quiet_start_minute, 0) BETWEEN 0 AND 1439
         AND coalesce(quiet_end_minute, 0) BETWEEN 0 AND 1439);
ALTER TABLE notification_policies ADD CONSTRAINT notification_policies_digest_hour_check
  CHECK (digest_hour BETWEEN 0 AND 23);
