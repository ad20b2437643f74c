-- The application connects as a member of custody_app. It may read and write the working
-- tables, but on the access log it may only INSERT and SELECT: no UPDATE, DELETE or TRUNCATE.
-- Creating the role needs CREATEROLE; on a managed database create it beforehand (README).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'custody_app') THEN
    CREATE ROLE custody_app NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO custody_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO custody_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO custody_app;
REVOKE ALL ON "_prisma_migrations" FROM custody_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "access_event" FROM custody_app;

-- Tables created by later migrations get the working-table grants by default; any further
-- append-only table must REVOKE UPDATE, DELETE in its own migration.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO custody_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO custody_app;

-- Defence in depth against a role that was granted too much: triggers reject every change to
-- a logged event. ENABLE ALWAYS keeps them firing under session_replication_role = replica.
CREATE FUNCTION custody_reject_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on %: the access log is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER access_event_reject_update_delete
  BEFORE UPDATE OR DELETE ON "access_event"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_log_change();
CREATE TRIGGER access_event_reject_truncate
  BEFORE TRUNCATE ON "access_event"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_log_change();
ALTER TABLE "access_event" ENABLE ALWAYS TRIGGER access_event_reject_update_delete;
ALTER TABLE "access_event" ENABLE ALWAYS TRIGGER access_event_reject_truncate;
