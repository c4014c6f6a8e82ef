-- Device capabilities learned by the agent while running actions (issue #14): raw-print port,
-- PJL, write credential configured, outcome of the last SET; each with the time it was checked.
ALTER TABLE "devices" ADD COLUMN "capabilities" JSONB;
