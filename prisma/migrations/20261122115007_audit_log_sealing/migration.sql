-- CreateTable
CREATE TABLE "audit_leaf" (
    "leaf_index" BIGINT NOT NULL,
    "seq" BIGINT NOT NULL,
    "leaf_hash" BYTEA NOT NULL,

    CONSTRAINT "audit_leaf_pkey" PRIMARY KEY ("leaf_index")
);

-- CreateTable
CREATE TABLE "audit_checkpoint" (
    "tree_size" BIGINT NOT NULL,
    "root_hash" BYTEA NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("tree_size")
);

-- CreateTable
CREATE TABLE "audit_subtree" (
    "level" SMALLINT NOT NULL,
    "idx" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_subtree_pkey" PRIMARY KEY ("level","idx")
);

-- CreateTable
CREATE TABLE "audit_sealer_state" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "tree_size" BIGINT NOT NULL,
    "frontier" BYTEA[],
    "floor_seq" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_sealer_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_export_manifest" (
    "export_id" UUID NOT NULL,
    "manifest" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_export_manifest_pkey" PRIMARY KEY ("export_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_leaf_seq_key" ON "audit_leaf"("seq");

-- The sealer keeps exactly one state row; it starts as the empty tree.
ALTER TABLE "audit_sealer_state" ADD CONSTRAINT "audit_sealer_state_single_row" CHECK ("id" = 1);
INSERT INTO "audit_sealer_state" ("id", "tree_size", "frontier", "floor_seq") VALUES (1, 0, '{}', 0);

-- The tree, its checkpoints, its subtree cache and export manifests are as append-only as the
-- log they seal: the application role (which runs the in-server sealer) may only INSERT and
-- SELECT, and ENABLE ALWAYS triggers reject changes even from the owner and in replica mode.
-- Only the sealer's state row may be updated, never deleted.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_leaf", "audit_checkpoint", "audit_subtree", "audit_export_manifest" FROM custody_app;
REVOKE DELETE, TRUNCATE ON "audit_sealer_state" FROM custody_app;

CREATE TRIGGER audit_leaf_reject_update_delete BEFORE UPDATE OR DELETE ON "audit_leaf"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_log_change();
CREATE TRIGGER audit_leaf_reject_truncate BEFORE TRUNCATE ON "audit_leaf"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_log_change();
ALTER TABLE "audit_leaf" ENABLE ALWAYS TRIGGER audit_leaf_reject_update_delete;
ALTER TABLE "audit_leaf" ENABLE ALWAYS TRIGGER audit_leaf_reject_truncate;

CREATE TRIGGER audit_checkpoint_reject_update_delete BEFORE UPDATE OR DELETE ON "audit_checkpoint"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_log_change();
CREATE TRIGGER audit_checkpoint_reject_truncate BEFORE TRUNCATE ON "audit_checkpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_log_change();
ALTER TABLE "audit_checkpoint" ENABLE ALWAYS TRIGGER audit_checkpoint_reject_update_delete;
ALTER TABLE "audit_checkpoint" ENABLE ALWAYS TRIGGER audit_checkpoint_reject_truncate;

CREATE TRIGGER audit_subtree_reject_update_delete BEFORE UPDATE OR DELETE ON "audit_subtree"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_log_change();
CREATE TRIGGER audit_subtree_reject_truncate BEFORE TRUNCATE ON "audit_subtree"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_log_change();
ALTER TABLE "audit_subtree" ENABLE ALWAYS TRIGGER audit_subtree_reject_update_delete;
ALTER TABLE "audit_subtree" ENABLE ALWAYS TRIGGER audit_subtree_reject_truncate;

CREATE TRIGGER audit_export_manifest_reject_update_delete BEFORE UPDATE OR DELETE ON "audit_export_manifest"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_log_change();
CREATE TRIGGER audit_export_manifest_reject_truncate BEFORE TRUNCATE ON "audit_export_manifest"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_log_change();
ALTER TABLE "audit_export_manifest" ENABLE ALWAYS TRIGGER audit_export_manifest_reject_update_delete;
ALTER TABLE "audit_export_manifest" ENABLE ALWAYS TRIGGER audit_export_manifest_reject_truncate;

CREATE TRIGGER audit_sealer_state_reject_delete BEFORE DELETE ON "audit_sealer_state"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_log_change();
CREATE TRIGGER audit_sealer_state_reject_truncate BEFORE TRUNCATE ON "audit_sealer_state"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_log_change();
ALTER TABLE "audit_sealer_state" ENABLE ALWAYS TRIGGER audit_sealer_state_reject_delete;
ALTER TABLE "audit_sealer_state" ENABLE ALWAYS TRIGGER audit_sealer_state_reject_truncate;
