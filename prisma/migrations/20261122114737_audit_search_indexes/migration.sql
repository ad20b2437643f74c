-- Indexes for the auditor's search (lib/audit/search-events.ts). pg_trgm serves ILIKE
-- on the justification; it is a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "access_event_actor_id_occurred_at_seq_idx" ON "access_event"("actor_id", "occurred_at" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "access_event_action_occurred_at_seq_idx" ON "access_event"("action", "occurred_at" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "access_event_outcome_occurred_at_seq_idx" ON "access_event"("outcome", "occurred_at" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "access_event_purpose_occurred_at_seq_idx" ON "access_event"("purpose", "occurred_at" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "access_event_case_id_occurred_at_seq_idx" ON "access_event"("case_id", "occurred_at" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "access_event_conversation_id_occurred_at_seq_idx" ON "access_event"("conversation_id", "occurred_at" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "access_event_actor_roles_idx" ON "access_event" USING GIN ("actor_roles");

-- CreateIndex
CREATE INDEX "access_event_account_ids_idx" ON "access_event" USING GIN ("account_ids");

-- CreateIndex
CREATE INDEX "access_event_justification_idx" ON "access_event" USING GIN ("justification" gin_trgm_ops);
