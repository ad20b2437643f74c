-- CreateTable
CREATE TABLE "audit_cosignature" (
    "tree_size" BIGINT NOT NULL,
    "witness_name" TEXT NOT NULL,
    "key_id" BIGINT NOT NULL,
    "cosigned_at" TIMESTAMPTZ(6) NOT NULL,
    "line" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_cosignature_pkey" PRIMARY KEY ("tree_size","witness_name","key_id")
);

-- CreateIndex
CREATE INDEX "audit_cosignature_witness_name_tree_size_idx" ON "audit_cosignature"("witness_name", "tree_size" DESC);

-- Append-only, like the checkpoints: the application role (which runs the in-server sealer and
-- its witness client) may only INSERT and SELECT, and ENABLE ALWAYS triggers reject changes
-- even from the owner and in replica mode.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_cosignature" FROM custody_app;
CREATE TRIGGER audit_cosignature_reject_update_delete BEFORE UPDATE OR DELETE ON "audit_cosignature"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_log_change();
CREATE TRIGGER audit_cosignature_reject_truncate BEFORE TRUNCATE ON "audit_cosignature"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_log_change();
ALTER TABLE "audit_cosignature" ENABLE ALWAYS TRIGGER audit_cosignature_reject_update_delete;
ALTER TABLE "audit_cosignature" ENABLE ALWAYS TRIGGER audit_cosignature_reject_truncate;
