-- Meter read review before billing, and stored/scheduled billing exports.
ALTER TYPE "MeterDiscontinuityStatus" ADD VALUE 'CORRECTED';

CREATE TYPE "MeterReadReviewAction" AS ENUM ('APPROVED', 'CORRECTED', 'EXCLUDED');
CREATE TYPE "MeterReadFlagReason" AS ENUM ('DISCONTINUITY', 'COUNTER_SOURCE_DISAGREEMENT');
CREATE TYPE "BillingExportTrigger" AS ENUM ('SCHEDULED', 'MANUAL');

CREATE TABLE "meter_read_reviews" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "read_id" UUID NOT NULL,
    "counter" TEXT NOT NULL,
    "reason" "MeterReadFlagReason" NOT NULL,
    "action" "MeterReadReviewAction" NOT NULL,
    "original_value" BIGINT,
    "corrected_value" BIGINT,
    "note" TEXT,
    "reviewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_by_user_id" UUID,
    "reviewed_by" TEXT NOT NULL,

    CONSTRAINT "meter_read_reviews_pkey" PRIMARY KEY ("tenant_id","id")
);

CREATE TABLE "billing_export_settings" (
    "tenant_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "day_of_month" INTEGER NOT NULL DEFAULT 1,
    "recipient_emails" TEXT[],
    "bom" BOOLEAN NOT NULL DEFAULT false,
    "last_period_start" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_export_settings_pkey" PRIMARY KEY ("tenant_id")
);

CREATE TABLE "billing_export_files" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "period_from" TIMESTAMPTZ(3) NOT NULL,
    "period_to" TIMESTAMPTZ(3) NOT NULL,
    "trigger" "BillingExportTrigger" NOT NULL,
    "file_name" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "row_count" INTEGER NOT NULL,
    "device_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "billing_export_files_pkey" PRIMARY KEY ("tenant_id","id")
);

CREATE INDEX "meter_read_reviews_tenant_id_device_id_idx" ON "meter_read_reviews"("tenant_id", "device_id");
CREATE UNIQUE INDEX "meter_read_reviews_tenant_id_read_id_counter_key" ON "meter_read_reviews"("tenant_id", "read_id", "counter");
CREATE INDEX "billing_export_files_tenant_id_created_at_idx" ON "billing_export_files"("tenant_id", "created_at");

ALTER TABLE "meter_read_reviews" ADD CONSTRAINT "meter_read_reviews_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meter_read_reviews" ADD CONSTRAINT "meter_read_reviews_tenant_id_read_id_fkey" FOREIGN KEY ("tenant_id", "read_id") REFERENCES "meter_reads"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "billing_export_settings" ADD CONSTRAINT "billing_export_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "billing_export_files" ADD CONSTRAINT "billing_export_files_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE billing_export_settings ADD CONSTRAINT billing_export_settings_day_of_month_check
  CHECK (day_of_month BETWEEN 1 AND 28);
ALTER TABLE meter_read_reviews ADD CONSTRAINT meter_read_reviews_corrected_value_check
  CHECK ((action = 'CORRECTED') = (corrected_value IS NOT NULL) AND coalesce(corrected_value, 0) >= 0);

SELECT app_enable_tenant_rls('meter_read_reviews', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('billing_export_settings', 'tenant_id');
SELECT app_enable_tenant_rls('billing_export_files', 'tenant_id');
