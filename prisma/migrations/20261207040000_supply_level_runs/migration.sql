-- A supply level row stands for a run of equal readings (level, max capacity, percent, state,
-- part number): ingest inserts a row only when a value changes and otherwise advances the
-- row's last_seen_at, so hourly polls of a supply that did not move add no rows. NULL: the
-- run is the one reading at read_at (most rows of a supply in use; saves eight bytes each).
-- Adding a nullable column without a default rewrites nothing; existing rows stay as they are.
ALTER TABLE "supply_levels" ADD COLUMN "last_seen_at" TIMESTAMPTZ(3);
