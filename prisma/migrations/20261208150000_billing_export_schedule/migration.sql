-- Monthly billing exports: a schedule per tenant and the produced files, kept for download.
CREATE TABLE "billing_export_schedules" (
    "tenant_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "day_of_month" INTEGER NOT NULL DEFAULT 1,
    "recipient_emails" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "bom" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_export_schedules_pkey" PRIMARY KEY ("tenant_id")
);

CREATE TABLE "billing_export_files" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "period_from" TIMESTAMPTZ(3) NOT NULL,
    "period_to" TIMESTAMPTZ(3) NOT NULL,
    "schedule_period" TIMESTAMPTZ(3),
    "file_name" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "row_count" INTEGER NOT NULL,
    "device_count" INTEGER NOT NULL,
    "mailed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "billing_export_files_pkey" PRIMARY KEY ("tenant_id","id")
);

CREATE INDEX "billing_export_files_tenant_id_created_at_idx" ON "billing_export_files"("tenant_id", "created_at");
CREATE UNIQUE INDEX "billing_export_files_tenant_id_schedule_period_key" ON "billing_export_files"("tenant_id", "schedule_period");

ALTER TABLE "billing_export_schedules" ADD CONSTRAINT "billing_export_schedules_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "billing_export_files" ADD CONSTRAINT "billing_export_files_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE billing_export_schedules ADD CONSTRAINT billing_export_schedules_day_of_month_check
  CHECK (day_of_month BETWEEN 1 AND 28);

SELECT app_enable_tenant_rls('billing_export_schedules');
SELECT app_enable_tenant_rls('billing_export_files');
