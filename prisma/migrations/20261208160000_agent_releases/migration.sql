-- Agent releases (platform-wide, published by operators) and, per tenant, update targets,
-- customers' update consent and the agents' update reports.
-- CreateEnum
CREATE TYPE "ReleaseChannel" AS ENUM ('STABLE', 'BETA');

-- CreateTable
CREATE TABLE "agent_releases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "version" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "channel" "ReleaseChannel" NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "manifest_jws" TEXT NOT NULL,
    "artifact" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_releases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_update_targets" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "scope" TEXT NOT NULL,
    "customer_id" UUID,
    "agent_id" UUID,
    "channel" "ReleaseChannel" NOT NULL,
    "version" TEXT,
    "rollout_percent" INTEGER NOT NULL,
    "allow_downgrade" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_update_targets_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "agent_update_consents" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_update_consents_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "agent_update_reports" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "outcome" TEXT NOT NULL,
    "from_version" TEXT NOT NULL,
    "to_version" TEXT NOT NULL,
    "code" TEXT,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_update_reports_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "agent_releases_channel_platform_created_at_idx" ON "agent_releases"("channel", "platform", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "agent_releases_version_platform_key" ON "agent_releases"("version", "platform");

-- CreateIndex
CREATE UNIQUE INDEX "agent_update_targets_tenant_id_scope_key" ON "agent_update_targets"("tenant_id", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "agent_update_consents_tenant_id_customer_id_key" ON "agent_update_consents"("tenant_id", "customer_id");

-- CreateIndex
CREATE INDEX "agent_update_reports_tenant_id_agent_id_received_at_idx" ON "agent_update_reports"("tenant_id", "agent_id", "received_at");

-- AddForeignKey
ALTER TABLE "agent_update_targets" ADD CONSTRAINT "agent_update_targets_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_update_targets" ADD CONSTRAINT "agent_update_targets_tenant_id_customer_id_agent_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "agent_id") REFERENCES "agents"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_update_consents" ADD CONSTRAINT "agent_update_consents_tenant_id_customer_id_fkey" FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_update_reports" ADD CONSTRAINT "agent_update_reports_tenant_id_customer_id_agent_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "agent_id") REFERENCES "agents"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


SELECT app_enable_tenant_rls('agent_update_targets', 'tenant_id', 'customer_id', 'shared');
SELECT app_enable_tenant_rls('agent_update_consents', 'tenant_id', 'customer_id', 'strict');
SELECT app_enable_tenant_rls('agent_update_reports', 'tenant_id', 'customer_id', 'strict');
