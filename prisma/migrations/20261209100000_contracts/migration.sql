-- Contracts: a customer's billing agreement (cycle, billed meters, allowances) with the devices
-- under it; each membership keeps the meters at its start and end. A device is under at most
-- one contract at a time.
CREATE TYPE "BillingCycle" AS ENUM ('MONTHLY', 'QUARTERLY', 'YEARLY');

CREATE TABLE "contracts" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "start_date" TIMESTAMPTZ(3) NOT NULL,
    "end_date" TIMESTAMPTZ(3),
    "billing_cycle" "BillingCycle" NOT NULL DEFAULT 'MONTHLY',
    "billed_meters" TEXT[] NOT NULL,
    "allowances" JSONB NOT NULL DEFAULT '{}',
    "ended_at" TIMESTAMPTZ(3),
    "ended_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contracts_pkey" PRIMARY KEY ("tenant_id","id")
);

CREATE UNIQUE INDEX "contracts_tenant_id_customer_id_id_key" ON "contracts"("tenant_id", "customer_id", "id");
CREATE UNIQUE INDEX "contracts_tenant_id_reference_key" ON "contracts"("tenant_id", "reference");
CREATE INDEX "contracts_tenant_id_customer_id_created_at_idx" ON "contracts"("tenant_id", "customer_id", "created_at");

CREATE TABLE "contract_devices" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "attached_at" TIMESTAMPTZ(3) NOT NULL,
    "attached_by" TEXT NOT NULL,
    "start_meter" JSONB,
    "detached_at" TIMESTAMPTZ(3),
    "detached_by" TEXT,
    "end_meter" JSONB,
    "open_key" UUID,

    CONSTRAINT "contract_devices_pkey" PRIMARY KEY ("tenant_id","id")
);

CREATE INDEX "contract_devices_tenant_id_contract_id_attached_at_idx" ON "contract_devices"("tenant_id", "contract_id", "attached_at");
CREATE INDEX "contract_devices_tenant_id_device_id_attached_at_idx" ON "contract_devices"("tenant_id", "device_id", "attached_at");
-- At most one open membership per device: open_key is the device id while open, NULL after.
CREATE UNIQUE INDEX "contract_devices_tenant_id_open_key_key" ON "contract_devices"("tenant_id", "open_key");

CREATE TABLE "reconciliation_states" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reconciliation_states_pkey" PRIMARY KEY ("tenant_id","id")
);

CREATE UNIQUE INDEX "reconciliation_states_tenant_id_customer_id_key" ON "reconciliation_states"("tenant_id", "customer_id");

ALTER TABLE "contracts" ADD CONSTRAINT "contracts_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contract_devices" ADD CONSTRAINT "contract_devices_tenant_id_customer_id_contract_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "contract_id") REFERENCES "contracts"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contract_devices" ADD CONSTRAINT "contract_devices_tenant_id_customer_id_device_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "device_id") REFERENCES "devices"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reconciliation_states" ADD CONSTRAINT "reconciliation_states_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE contracts ADD CONSTRAINT contracts_dates_check CHECK (end_date IS NULL OR end_date >= start_date);
ALTER TABLE contracts ADD CONSTRAINT contracts_billed_meters_check CHECK (cardinality(billed_meters) >= 1);
ALTER TABLE contracts ADD CONSTRAINT contracts_allowances_check CHECK (jsonb_typeof(allowances) = 'object');
ALTER TABLE contract_devices ADD CONSTRAINT contract_devices_open_key_check
  CHECK (CASE WHEN detached_at IS NULL THEN open_key = device_id ELSE open_key IS NULL END);
ALTER TABLE contract_devices ADD CONSTRAINT contract_devices_dates_check CHECK (detached_at IS NULL OR detached_at >= attached_at);

SELECT app_enable_tenant_rls('contracts', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('contract_devices', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('reconciliation_states', 'tenant_id', 'customer_id', 'strict');
