-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('QUEUED', 'DELIVERED', 'FAILING', 'GIVEN_UP');

-- CreateTable
CREATE TABLE "decision" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "action" "CaseDecision" NOT NULL,
    "target_account_id" UUID NOT NULL,
    "target_message_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "category" "ReportCategory" NOT NULL,
    "basis" "CaseBasis" NOT NULL,
    "policy_ground" TEXT NOT NULL,
    "automated_detection" BOOLEAN NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "appeal_of_id" UUID,

    CONSTRAINT "decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_delivery" (
    "decision_id" UUID NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attempt_started_at" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_status" INTEGER,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "given_up_at" TIMESTAMPTZ(3),
    "window_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbound_delivery_pkey" PRIMARY KEY ("decision_id")
);

-- CreateTable
CREATE TABLE "job_runner" (
    "pool_id" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "beat_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_runner_pkey" PRIMARY KEY ("pool_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "decision_case_id_key" ON "decision"("case_id");

-- CreateIndex
CREATE INDEX "decision_decided_at_idx" ON "decision"("decided_at");

-- CreateIndex
CREATE INDEX "outbound_delivery_status_created_at_idx" ON "outbound_delivery"("status", "created_at");

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_target_account_id_fkey" FOREIGN KEY ("target_account_id") REFERENCES "platform_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_delivery" ADD CONSTRAINT "outbound_delivery_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ESCALATE hands a case to the leads; it is not a final decision and is never delivered.
ALTER TABLE "decision" ADD CONSTRAINT "decision_final_action" CHECK ("action" <> 'ESCALATE');

-- A decision, once made, is what the platform was (or will be) told: the application may
-- record it, never rewrite or remove it. Its delivery row is the working state and changes.
REVOKE UPDATE, DELETE, TRUNCATE ON "decision" FROM custody_app;
