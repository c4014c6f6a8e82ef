-- Kept billing export files come under per-tenant data retention (central's nightly job).
ALTER TABLE "tenants"
  ADD COLUMN "export_file_retention_months" INTEGER NOT NULL DEFAULT 24,
  ADD CONSTRAINT "tenants_export_file_retention_months_range" CHECK ("export_file_retention_months" BETWEEN 1 AND 120);
