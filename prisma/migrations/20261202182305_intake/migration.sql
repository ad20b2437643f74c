-- AlterTable
ALTER TABLE "user_report" ADD COLUMN     "opened_case" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "intake_replay" (
    "webhook_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "intake_replay_pkey" PRIMARY KEY ("webhook_id")
);

-- CreateTable
CREATE TABLE "intake_counter" (
    "route" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "shard" SMALLINT NOT NULL,
    "count" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "intake_counter_pkey" PRIMARY KEY ("route","outcome","shard")
);

-- CreateTable
CREATE TABLE "message_attachment" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "message_id" UUID,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "nonce" BYTEA NOT NULL,
    "key_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appeal" (
    "id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "case_id" UUID NOT NULL,
    "appellant_id" UUID NOT NULL,
    "decision_ref" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "opened_case" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appeal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "intake_replay_received_at_idx" ON "intake_replay"("received_at");

-- CreateIndex
CREATE INDEX "message_attachment_message_id_idx" ON "message_attachment"("message_id");

-- CreateIndex
CREATE INDEX "message_attachment_conversation_id_created_at_idx" ON "message_attachment"("conversation_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "appeal_external_id_key" ON "appeal"("external_id");

-- CreateIndex
CREATE INDEX "appeal_case_id_idx" ON "appeal"("case_id");

-- AddForeignKey
ALTER TABLE "message_attachment" ADD CONSTRAINT "message_attachment_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_attachment" ADD CONSTRAINT "message_attachment_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_appellant_id_fkey" FOREIGN KEY ("appellant_id") REFERENCES "platform_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (Prisma cannot declare CHECK constraints and leaves these alone).
-- Attachments are the four image types intake accepts, 12-byte nonces like messages
-- (lib/crypto/envelope.ts), at most 5 MiB of image each.
ALTER TABLE "message_attachment" ADD CONSTRAINT "message_attachment_content_type" CHECK ("content_type" IN ('image/jpeg', 'image/png', 'image/webp', 'image/gif'));
ALTER TABLE "message_attachment" ADD CONSTRAINT "message_attachment_nonce_length" CHECK (octet_length("nonce") = 12);
ALTER TABLE "message_attachment" ADD CONSTRAINT "message_attachment_byte_size" CHECK ("byte_size" BETWEEN 1 AND 5242880);
ALTER TABLE "intake_counter" ADD CONSTRAINT "intake_counter_outcome" CHECK ("outcome" IN ('accepted', 'duplicate', 'refused'));

-- Reports written before this column: the earliest report of each user-report case opened it.
UPDATE "user_report" r SET "opened_case" = true
WHERE r."id" = (SELECT r2."id" FROM "user_report" r2 JOIN "case" c ON c."id" = r2."case_id" WHERE r2."case_id" = r."case_id" AND c."basis" = 'USER_REPORT' ORDER BY r2."created_at", r2."id" LIMIT 1);
