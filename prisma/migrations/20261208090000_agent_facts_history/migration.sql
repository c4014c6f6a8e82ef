-- A short history of each agent's facts: one snapshot per quarter hour at most, a week kept.
CREATE TABLE "agent_facts_snapshots" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "facts" JSONB NOT NULL,

    CONSTRAINT "agent_facts_snapshots_pkey" PRIMARY KEY ("tenant_id","id")
);

CREATE INDEX "agent_facts_snapshots_tenant_id_agent_id_at_idx" ON "agent_facts_snapshots"("tenant_id", "agent_id", "at");

ALTER TABLE "agent_facts_snapshots" ADD CONSTRAINT "agent_facts_snapshots_tenant_id_customer_id_agent_id_fkey" FOREIGN KEY ("tenant_id", "customer_id", "agent_id") REFERENCES "agents"("tenant_id", "customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

SELECT app_enable_tenant_rls('agent_facts_snapshots', 'tenant_id', 'customer_id', 'strict');
