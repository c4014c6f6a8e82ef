-- The fleet's "low toner" rule, stored: a toner or ink supply (by type; by description where
-- the type is unknown; never a waste box) at or below 15 % or reported LOW/EMPTY. A generated
-- column is computed by PostgreSQL on every insert and update of a supply (whoever writes the
-- levels) and for every existing row by this statement; the index turns the fleet filter into
-- an index probe instead of a pattern match over all supplies.
ALTER TABLE "supplies" ADD COLUMN "low_marking" BOOLEAN NOT NULL GENERATED ALWAYS AS (
  COALESCE(
    (
      ((type ILIKE '%toner%' OR type ILIKE '%ink%') AND type NOT ILIKE '%waste%')
      OR (type IS NULL AND (description ILIKE '%toner%' OR description ILIKE '%ink%')
          AND description NOT ILIKE '%waste%')
    )
    AND (percent <= 15 OR state IN ('LOW', 'EMPTY')),
    false
  )
) STORED;

CREATE INDEX "supplies_tenant_id_low_marking_device_id_idx" ON "supplies"("tenant_id", "low_marking", "device_id");
