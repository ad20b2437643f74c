-- AlterTable
ALTER TABLE "access_grant" ADD COLUMN     "approval_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "approval_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "rejected_at" TIMESTAMPTZ(3),
ADD COLUMN     "rejected_by_id" UUID,
ADD COLUMN     "replaces_grant_id" UUID,
ADD COLUMN     "review_note" TEXT;

-- AlterTable
ALTER TABLE "case" ADD COLUMN     "appeal_of_id" UUID,
ADD COLUMN     "flagged_message_ids" UUID[] DEFAULT ARRAY[]::UUID[];

-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "totp_enrolled_at" TIMESTAMPTZ(3),
ADD COLUMN     "totp_last_step" INTEGER;

-- CreateTable
CREATE TABLE "staff_session" (
    "id" UUID NOT NULL,
    "staff_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "ended_reason" TEXT,
    "step_up_at" TIMESTAMPTZ(3),
    "pending_totp_secret" TEXT,

    CONSTRAINT "staff_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_read_tally" (
    "staff_id" UUID NOT NULL,
    "minute" TIMESTAMPTZ(0) NOT NULL,
    "reads" INTEGER NOT NULL,

    CONSTRAINT "content_read_tally_pkey" PRIMARY KEY ("staff_id","minute")
);

-- CreateTable
CREATE TABLE "legal_request" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "authority" TEXT NOT NULL,
    "named_account_ids" UUID[],
    "date_from" TIMESTAMPTZ(3) NOT NULL,
    "date_to" TIMESTAMPTZ(3) NOT NULL,
    "verified_by_id" UUID,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "legal_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "staff_session_staff_id_ended_at_idx" ON "staff_session"("staff_id", "ended_at");

-- CreateIndex
CREATE UNIQUE INDEX "legal_request_case_id_key" ON "legal_request"("case_id");

-- CreateIndex
CREATE INDEX "access_grant_status_approval_due_at_idx" ON "access_grant"("status", "approval_due_at");

-- AddForeignKey
ALTER TABLE "staff_session" ADD CONSTRAINT "staff_session_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_appeal_of_id_fkey" FOREIGN KEY ("appeal_of_id") REFERENCES "case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_request" ADD CONSTRAINT "legal_request_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_request" ADD CONSTRAINT "legal_request_verified_by_id_fkey" FOREIGN KEY ("verified_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grant" ADD CONSTRAINT "access_grant_rejected_by_id_fkey" FOREIGN KEY ("rejected_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;
