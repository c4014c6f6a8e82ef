-- Offboarding: when the tenant was last exported (offboard-tenant export); deleting it needs one.
ALTER TABLE "tenants" ADD COLUMN "offboarding_exported_at" TIMESTAMPTZ(3);
