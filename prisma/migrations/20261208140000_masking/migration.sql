-- Privacy masking: what agents withhold or hash before an upload leaves the site, per tenant
-- and per customer (the stricter applies), and the customer's key for the hashes.
CREATE TYPE "MaskingMode" AS ENUM ('SEND', 'HASH', 'WITHHOLD');

ALTER TABLE "tenants"
  ADD COLUMN "mask_ip" "MaskingMode" NOT NULL DEFAULT 'SEND',
  ADD COLUMN "mask_mac" "MaskingMode" NOT NULL DEFAULT 'SEND',
  ADD COLUMN "mask_hostname" "MaskingMode" NOT NULL DEFAULT 'SEND',
  ADD COLUMN "mask_contact_location" "MaskingMode" NOT NULL DEFAULT 'SEND';

ALTER TABLE "customers"
  ADD COLUMN "mask_ip" "MaskingMode" NOT NULL DEFAULT 'SEND',
  ADD COLUMN "mask_mac" "MaskingMode" NOT NULL DEFAULT 'SEND',
  ADD COLUMN "mask_hostname" "MaskingMode" NOT NULL DEFAULT 'SEND',
  ADD COLUMN "mask_contact_location" "MaskingMode" NOT NULL DEFAULT 'SEND',
  ADD COLUMN "masking_key" BYTEA,
  ADD CONSTRAINT "customers_masking_key_length" CHECK ("masking_key" IS NULL OR octet_length("masking_key") = 32);
