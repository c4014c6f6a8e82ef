-- Deleting a customer: requested now, carried out by the nightly retention job once the
-- tenant's grace period has passed (cancellable until then).
ALTER TABLE "tenants" ADD COLUMN "customer_deletion_grace_days" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "customers" ADD COLUMN "deletion_requested_at" TIMESTAMPTZ(3);
