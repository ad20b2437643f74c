-- Allowed content reads, for the auditor's activity charts and anomaly signals: reads per day
-- and reader, per day and purpose, and the reads to match against case decisions, all answered
-- by index-only scans of this partial index instead of visiting millions of heap rows. The log
-- is append-only, so autovacuum's insert-triggered passes keep its pages all-visible.
-- Partial, so Prisma's migration diff (which cannot declare it) leaves it alone.
CREATE INDEX "access_event_reads_idx" ON "access_event" ("occurred_at", "actor_id", "purpose") INCLUDE ("case_id", "seq")
  WHERE "action" = 'CONTENT_READ' AND "outcome" = 'ALLOWED';
