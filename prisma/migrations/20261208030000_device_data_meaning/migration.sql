-- A cartridge's own serial, and on each level row what the reading means for the cartridge:
-- SWAP (another cartridge: a new serial, or a level jump where no serial is known) or REFILL
-- (the same serial rising), with the level the removed cartridge had.
ALTER TABLE "supplies" ADD COLUMN "serial_number" TEXT;
ALTER TABLE "supply_levels" ADD COLUMN "serial_number" TEXT,
ADD COLUMN "change" TEXT,
ADD COLUMN "removed_percent" DOUBLE PRECISION;

-- Which source each canonical meter of a read came from (meter name -> source name).
ALTER TABLE "meter_reads" ADD COLUMN "sources" JSONB;

-- Two sources of one meter that disagree on the device's newest read (null: they agree).
ALTER TABLE "devices" ADD COLUMN "counter_review" JSONB;

-- prtAlertTrainingLevel (RFC 3805) of the alert-table row that opened the alert.
ALTER TABLE "alerts" ADD COLUMN "training_level" TEXT;
