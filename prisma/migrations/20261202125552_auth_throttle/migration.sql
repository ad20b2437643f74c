-- CreateTable
CREATE TABLE "auth_throttle" (
    "scope" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "auth_throttle_pkey" PRIMARY KEY ("scope","subject")
);

-- CreateIndex
CREATE INDEX "auth_throttle_updated_at_idx" ON "auth_throttle"("updated_at");
