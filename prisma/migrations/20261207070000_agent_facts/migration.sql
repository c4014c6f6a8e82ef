-- The agent's latest facts (host, spool backlog, lock-down), reported with every call to the gateway.
ALTER TABLE "agents" ADD COLUMN "facts" JSONB,
ADD COLUMN "facts_at" TIMESTAMPTZ(3);
