-- The agent's clock versus central's at its last upload (a wrong agent clock shows in the portal).
ALTER TABLE "agents" ADD COLUMN "clock_offset_seconds" BIGINT,
ADD COLUMN "clock_checked_at" TIMESTAMPTZ(3);
