-- CreateEnum
CREATE TYPE "LegalInstrument" AS ENUM ('SUBPOENA', 'COURT_ORDER_2703D', 'SEARCH_WARRANT', 'EMERGENCY_DISCLOSURE', 'PRESERVATION', 'NON_DISCLOSURE_ORDER', 'MLAT');

-- CreateEnum
CREATE TYPE "LegalJurisdiction" AS ENUM ('US', 'CLOUD_ACT_PARTNER', 'OTHER_FOREIGN');

-- CreateEnum
CREATE TYPE "LegalRequestStatus" AS ENUM ('RECEIVED', 'VERIFIED', 'APPROVED', 'DISCLOSED', 'REJECTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "VerificationMethod" AS ENUM ('CALLBACK', 'PORTAL', 'IN_PERSON');

-- CreateEnum
CREATE TYPE "HoldKind" AS ENUM ('PRESERVATION', 'NCMEC_REPORT');

-- DropForeignKey
ALTER TABLE "legal_request" DROP CONSTRAINT "legal_request_case_id_fkey";

-- DropIndex
DROP INDEX "legal_request_case_id_key";

-- AlterTable
ALTER TABLE "case" ADD COLUMN     "legal_request_id" UUID;

-- AlterTable
ALTER TABLE "legal_request" DROP COLUMN "case_id",
ADD COLUMN     "category" "ReportCategory" NOT NULL,
ADD COLUMN     "data_types" TEXT[],
ADD COLUMN     "due_at" TIMESTAMPTZ(3) NOT NULL,
ADD COLUMN     "emergency_justification" TEXT,
ADD COLUMN     "instrument" "LegalInstrument" NOT NULL,
ADD COLUMN     "jurisdiction" "LegalJurisdiction" NOT NULL,
ADD COLUMN     "jurisdiction_name" TEXT NOT NULL,
ADD COLUMN     "number" SERIAL NOT NULL,
ADD COLUMN     "officer_email" TEXT NOT NULL,
ADD COLUMN     "officer_name" TEXT NOT NULL,
ADD COLUMN     "officer_phone" TEXT NOT NULL,
ADD COLUMN     "received_by_id" UUID NOT NULL,
ADD COLUMN     "status" "LegalRequestStatus" NOT NULL DEFAULT 'RECEIVED',
ADD COLUMN     "verification_method" "VerificationMethod",
ADD COLUMN     "verification_note" TEXT,
ADD COLUMN     "verification_passed" BOOLEAN;

-- CreateTable
CREATE TABLE "legal_document" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "nonce" BYTEA NOT NULL,
    "wrapped_key" BYTEA NOT NULL,
    "kek_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "legal_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preservation_hold" (
    "id" UUID NOT NULL,
    "kind" "HoldKind" NOT NULL,
    "request_id" UUID,
    "account_ids" UUID[],
    "reason" TEXT NOT NULL,
    "placed_by_id" UUID NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "renewals" INTEGER NOT NULL DEFAULT 0,
    "released_at" TIMESTAMPTZ(3),
    "released_by_id" UUID,

    CONSTRAINT "preservation_hold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "legal_document_request_id_key" ON "legal_document"("request_id");

-- CreateIndex
CREATE INDEX "preservation_hold_released_at_expires_at_idx" ON "preservation_hold"("released_at", "expires_at");

-- CreateIndex
CREATE INDEX "case_legal_request_id_idx" ON "case"("legal_request_id");

-- CreateIndex
CREATE UNIQUE INDEX "legal_request_number_key" ON "legal_request"("number");

-- CreateIndex
CREATE INDEX "legal_request_status_due_at_idx" ON "legal_request"("status", "due_at");

-- CreateIndex
CREATE INDEX "legal_request_officer_email_idx" ON "legal_request"("officer_email");

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_legal_request_id_fkey" FOREIGN KEY ("legal_request_id") REFERENCES "legal_request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_request" ADD CONSTRAINT "legal_request_received_by_id_fkey" FOREIGN KEY ("received_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_document" ADD CONSTRAINT "legal_document_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "legal_request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "preservation_hold" ADD CONSTRAINT "preservation_hold_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "legal_request"("id") ON DELETE SET NULL ON UPDATE CASCADE;
