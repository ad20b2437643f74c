-- CreateEnum
CREATE TYPE "PostHocVerdict" AS ENUM ('JUSTIFIED', 'NOT_JUSTIFIED');

-- AlterTable
ALTER TABLE "access_grant" ADD COLUMN     "post_hoc_note" TEXT,
ADD COLUMN     "post_hoc_reviewed_at" TIMESTAMPTZ(3),
ADD COLUMN     "post_hoc_reviewed_by_id" UUID,
ADD COLUMN     "post_hoc_verdict" "PostHocVerdict";

-- AddForeignKey
ALTER TABLE "access_grant" ADD CONSTRAINT "access_grant_post_hoc_reviewed_by_id_fkey" FOREIGN KEY ("post_hoc_reviewed_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;
