-- AlterEnum
ALTER TYPE "LegalRequestStatus" ADD VALUE 'VERIFYING';

-- AlterTable
ALTER TABLE "legal_request" ADD COLUMN     "non_disclosure_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "legal_user_notice" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "given_at" TIMESTAMPTZ(3),
    "given_by_id" UUID,
    "note" TEXT,

    CONSTRAINT "legal_user_notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "legal_user_notice_request_id_key" ON "legal_user_notice"("request_id");

-- CreateIndex
CREATE INDEX "legal_user_notice_given_at_idx" ON "legal_user_notice"("given_at");

-- AddForeignKey
ALTER TABLE "legal_user_notice" ADD CONSTRAINT "legal_user_notice_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "legal_request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
