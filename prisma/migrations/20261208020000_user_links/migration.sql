-- Single-use links e-mailed to users: password reset, invitation, e-mail change.
CREATE TYPE "UserLinkPurpose" AS ENUM ('PASSWORD_RESET', 'INVITATION', 'EMAIL_CHANGE');

ALTER TABLE "users" ADD COLUMN "invited_at" TIMESTAMPTZ(3);

CREATE TABLE "user_links" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "purpose" "UserLinkPurpose" NOT NULL,
    "token_hash" TEXT,
    "new_email" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_links_pkey" PRIMARY KEY ("tenant_id","id")
);

CREATE UNIQUE INDEX "user_links_tenant_id_token_hash_key" ON "user_links"("tenant_id", "token_hash");
CREATE INDEX "user_links_token_hash_idx" ON "user_links"("token_hash");
CREATE INDEX "user_links_tenant_id_user_id_purpose_idx" ON "user_links"("tenant_id", "user_id", "purpose");

ALTER TABLE "user_links" ADD CONSTRAINT "user_links_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

SELECT app_enable_tenant_rls('user_links');
