-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "oidc_issuer" TEXT,
ADD COLUMN     "oidc_subject" TEXT;

-- AlterTable
ALTER TABLE "staff_session" ADD COLUMN     "token_hash" BYTEA;

-- CreateTable
CREATE TABLE "oidc_login_attempt" (
    "id" UUID NOT NULL,
    "state_hash" BYTEA NOT NULL,
    "nonce_hash" BYTEA NOT NULL,
    "verifier_hash" BYTEA NOT NULL,
    "return_to" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "consumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "oidc_login_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "oidc_login_attempt_state_hash_key" ON "oidc_login_attempt"("state_hash");

-- CreateIndex
CREATE INDEX "oidc_login_attempt_created_at_idx" ON "oidc_login_attempt"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "staff_oidc_issuer_oidc_subject_key" ON "staff"("oidc_issuer", "oidc_subject");

-- CreateIndex
CREATE UNIQUE INDEX "staff_session_token_hash_key" ON "staff_session"("token_hash");
