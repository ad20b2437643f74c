-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('REVIEWER', 'LEAD', 'LEGAL', 'AUDITOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "DataRegion" AS ENUM ('US', 'EU');

-- CreateEnum
CREATE TYPE "ReportCategory" AS ENUM ('HARASSMENT', 'THREATS', 'GROOMING', 'SCAM', 'HATE', 'SELF_HARM');

-- CreateEnum
CREATE TYPE "CaseBasis" AS ENUM ('USER_REPORT', 'PROACTIVE_FLAG', 'LEGAL_REQUEST', 'EMERGENCY', 'APPEAL');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'IN_REVIEW', 'ESCALATED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CaseDecision" AS ENUM ('NO_VIOLATION', 'WARN', 'REMOVE_MESSAGE', 'RESTRICT_DMS', 'SUSPEND', 'ESCALATE');

-- CreateEnum
CREATE TYPE "Purpose" AS ENUM ('USER_REPORT', 'PROACTIVE_FLAG', 'LEGAL_PROCESS', 'EMERGENCY', 'APPEAL');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('PENDING', 'ACTIVE', 'REJECTED', 'ENDED');

-- CreateEnum
CREATE TYPE "EventOutcome" AS ENUM ('ALLOWED', 'DENIED', 'FAILED');

-- CreateTable
CREATE TABLE "staff" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "roles" "StaffRole"[],
    "regions" "DataRegion"[],
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "totp_secret" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_account_link" (
    "staff_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "relation" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_account_link_pkey" PRIMARY KEY ("staff_id","account_id")
);

-- CreateTable
CREATE TABLE "platform_account" (
    "id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "is_minor" BOOLEAN NOT NULL DEFAULT false,
    "data_region" "DataRegion" NOT NULL,
    "is_protected" BOOLEAN NOT NULL DEFAULT false,
    "protected_kind" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation" (
    "id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "message_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shredded_at" TIMESTAMPTZ(3),

    CONSTRAINT "conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_participant" (
    "conversation_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,

    CONSTRAINT "conversation_participant_pkey" PRIMARY KEY ("conversation_id","account_id")
);

-- CreateTable
CREATE TABLE "conversation_key" (
    "conversation_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "wrapped_key" BYTEA NOT NULL,
    "kek_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_key_pkey" PRIMARY KEY ("conversation_id","version")
);

-- CreateTable
CREATE TABLE "message" (
    "id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "conversation_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sender_id" UUID NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "has_media" BOOLEAN NOT NULL DEFAULT false,
    "ciphertext" BYTEA NOT NULL,
    "nonce" BYTEA NOT NULL,
    "key_version" INTEGER NOT NULL,

    CONSTRAINT "message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_report" (
    "id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "reporter_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reported_message" (
    "report_id" UUID NOT NULL,
    "message_id" UUID NOT NULL,

    CONSTRAINT "reported_message_pkey" PRIMARY KEY ("report_id","message_id")
);

-- CreateTable
CREATE TABLE "case" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "basis" "CaseBasis" NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'OPEN',
    "priority" INTEGER NOT NULL,
    "conversation_id" UUID NOT NULL,
    "assignee_id" UUID,
    "claimed_at" TIMESTAMPTZ(3),
    "decision" "CaseDecision",
    "decision_note" TEXT,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_grant" (
    "id" UUID NOT NULL,
    "staff_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "purpose" "Purpose" NOT NULL,
    "justification" TEXT NOT NULL,
    "scope_from" INTEGER NOT NULL,
    "scope_to" INTEGER NOT NULL,
    "status" "GrantStatus" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "ended_reason" TEXT,
    "revoked_by_id" UUID,

    CONSTRAINT "access_grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_event" (
    "seq" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" TEXT,
    "actor_roles" TEXT[],
    "action" TEXT NOT NULL,
    "outcome" "EventOutcome" NOT NULL,
    "denial_reason" TEXT,
    "case_id" UUID,
    "conversation_id" UUID,
    "account_ids" TEXT[],
    "message_ids" TEXT[],
    "purpose" TEXT,
    "justification" TEXT,
    "grant_id" UUID,
    "request_id" TEXT,
    "ip_hmac" TEXT,
    "user_agent" TEXT,
    "details" JSONB,

    CONSTRAINT "access_event_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_email_key" ON "staff"("email");

-- CreateIndex
CREATE UNIQUE INDEX "platform_account_external_id_key" ON "platform_account"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "platform_account_handle_key" ON "platform_account"("handle");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_external_id_key" ON "conversation"("external_id");

-- CreateIndex
CREATE INDEX "conversation_participant_account_id_idx" ON "conversation_participant"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "message_external_id_key" ON "message"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "message_conversation_id_position_key" ON "message"("conversation_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "user_report_external_id_key" ON "user_report"("external_id");

-- CreateIndex
CREATE INDEX "user_report_case_id_idx" ON "user_report"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_number_key" ON "case"("number");

-- CreateIndex
CREATE INDEX "case_status_priority_created_at_idx" ON "case"("status", "priority", "created_at");

-- CreateIndex
CREATE INDEX "case_assignee_id_status_idx" ON "case"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "access_grant_case_id_staff_id_status_idx" ON "access_grant"("case_id", "staff_id", "status");

-- CreateIndex
CREATE INDEX "access_event_occurred_at_idx" ON "access_event"("occurred_at" DESC);

-- CreateIndex
CREATE INDEX "access_event_actor_id_seq_idx" ON "access_event"("actor_id", "seq" DESC);

-- CreateIndex
CREATE INDEX "access_event_case_id_seq_idx" ON "access_event"("case_id", "seq" DESC);

-- CreateIndex
CREATE INDEX "access_event_action_seq_idx" ON "access_event"("action", "seq" DESC);

-- AddForeignKey
ALTER TABLE "staff_account_link" ADD CONSTRAINT "staff_account_link_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_account_link" ADD CONSTRAINT "staff_account_link_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "platform_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_participant" ADD CONSTRAINT "conversation_participant_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_participant" ADD CONSTRAINT "conversation_participant_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "platform_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_key" ADD CONSTRAINT "conversation_key_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message" ADD CONSTRAINT "message_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message" ADD CONSTRAINT "message_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "platform_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_report" ADD CONSTRAINT "user_report_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "platform_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_report" ADD CONSTRAINT "user_report_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_report" ADD CONSTRAINT "user_report_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reported_message" ADD CONSTRAINT "reported_message_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "user_report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reported_message" ADD CONSTRAINT "reported_message_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grant" ADD CONSTRAINT "access_grant_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grant" ADD CONSTRAINT "access_grant_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grant" ADD CONSTRAINT "access_grant_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grant" ADD CONSTRAINT "access_grant_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;
