-- CreateEnum
CREATE TYPE "DetectionSeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateTable
CREATE TABLE "detection_rule_set" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_rule_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "detection_rule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "current_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "detection_rule_version" (
    "rule_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "ruleset_version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "severity" "DetectionSeverity" NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "definition" JSONB NOT NULL,
    "changed_by_id" UUID,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_rule_version_pkey" PRIMARY KEY ("rule_id","version")
);

-- CreateTable
CREATE TABLE "detection_region" (
    "region" "DataRegion" NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "changed_by_id" UUID,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_region_pkey" PRIMARY KEY ("region")
);

-- CreateTable
CREATE TABLE "detection_flag" (
    "id" UUID NOT NULL,
    "message_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "rule_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_flag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "detection_signal_state" (
    "conversation_id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "rule_version" INTEGER NOT NULL,
    "signal" SMALLINT NOT NULL,
    "hits" INTEGER NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_message_id" UUID NOT NULL,

    CONSTRAINT "detection_signal_state_pkey" PRIMARY KEY ("conversation_id","rule_id","rule_version","signal")
);

-- CreateIndex
CREATE UNIQUE INDEX "detection_rule_name_key" ON "detection_rule"("name");

-- CreateIndex
CREATE UNIQUE INDEX "detection_rule_version_ruleset_version_key" ON "detection_rule_version"("ruleset_version");

-- CreateIndex
CREATE INDEX "detection_flag_case_id_idx" ON "detection_flag"("case_id");

-- CreateIndex
CREATE INDEX "detection_flag_conversation_id_idx" ON "detection_flag"("conversation_id");

-- CreateIndex
CREATE INDEX "detection_flag_rule_id_idx" ON "detection_flag"("rule_id");

-- CreateIndex
CREATE UNIQUE INDEX "detection_flag_message_id_rule_id_key" ON "detection_flag"("message_id", "rule_id");

-- CreateIndex
CREATE INDEX "detection_signal_state_rule_id_idx" ON "detection_signal_state"("rule_id");

-- AddForeignKey
ALTER TABLE "detection_rule_version" ADD CONSTRAINT "detection_rule_version_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "detection_rule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The rule set starts at version 0 (no rules).
INSERT INTO "detection_rule_set" ("id", "version") VALUES (1, 0);

-- A rule's versions and the flags are history: the application may add to them, never rewrite
-- them (as with the access log, the owner still could; the log's RULE_CHANGED events are the
-- tamper-evident record of every version).
REVOKE UPDATE, DELETE, TRUNCATE ON "detection_rule_version" FROM custody_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "detection_flag" FROM custody_app;
