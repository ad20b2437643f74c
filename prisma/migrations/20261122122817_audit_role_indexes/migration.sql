-- The actor-role filter of the auditor's search (lib/audit/filter-sql.ts). A GIN index on
-- actor_roles could not give the newest events first, and for a role with few or no events the
-- planner walked the whole log by time instead (seconds at millions of events). One partial
-- index per role, ordered like the search, answers the first page of any role from its own
-- entries. Prisma cannot declare partial indexes; its migration diff leaves them alone.

-- DropIndex
DROP INDEX "access_event_actor_roles_idx";

CREATE INDEX "access_event_role_reviewer_idx" ON "access_event" ("occurred_at" DESC, "seq" DESC) WHERE "actor_roles" @> '{REVIEWER}'::text[];
CREATE INDEX "access_event_role_lead_idx" ON "access_event" ("occurred_at" DESC, "seq" DESC) WHERE "actor_roles" @> '{LEAD}'::text[];
CREATE INDEX "access_event_role_legal_idx" ON "access_event" ("occurred_at" DESC, "seq" DESC) WHERE "actor_roles" @> '{LEGAL}'::text[];
CREATE INDEX "access_event_role_auditor_idx" ON "access_event" ("occurred_at" DESC, "seq" DESC) WHERE "actor_roles" @> '{AUDITOR}'::text[];
CREATE INDEX "access_event_role_admin_idx" ON "access_event" ("occurred_at" DESC, "seq" DESC) WHERE "actor_roles" @> '{ADMIN}'::text[];
