-- Device administration by people: names and IDs the dealer uses, notes, retirement with the
-- end meter, monitoring paused. The devices table already has row-level security.
ALTER TABLE "devices"
  ADD COLUMN "display_name" TEXT,
  ADD COLUMN "equipment_id" TEXT,
  ADD COLUMN "notes" TEXT,
  ADD COLUMN "manual_fields" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "retired_at" TIMESTAMPTZ(3),
  ADD COLUMN "retired_by" TEXT,
  ADD COLUMN "end_meter" JSONB,
  ADD COLUMN "monitoring_paused_at" TIMESTAMPTZ(3),
  ADD COLUMN "monitoring_paused_by" TEXT;

-- The fleet hides retired devices by default.
CREATE INDEX "devices_tenant_id_retired_at_idx" ON "devices" ("tenant_id", "retired_at");
