-- CreateIndex
CREATE INDEX "access_grant_staff_id_status_expires_at_idx" ON "access_grant"("staff_id", "status", "expires_at");
