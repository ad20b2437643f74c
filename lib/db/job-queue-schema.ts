import { Logger, runMigrations } from "graphile-worker";
import { withPgClient } from "./admin";

// The job runner's queue (graphile-worker) lives in its own schema, graphile_worker, which
// graphile-worker creates and migrates itself. It is installed by the same step that applies
// Prisma's migrations, as the schema owner, so the application role never needs CREATE: it gets
// exactly what a worker and a transaction that enqueues need (docs/decisions/015).

export const JOB_SCHEMA = "graphile_worker";

/** graphile-worker's logger, quiet below warnings: its info lines say nothing an operator needs. */
export function jobRunnerLogger(prefix: string): Logger {
  return new Logger(() => (level, message) => {
    const kind = String(level);
    if (kind === "error") console.error(`${prefix} ${message}`);
    else if (kind === "warning") console.warn(`${prefix} ${message}`);
  });
}

export async function installJobQueue(ownerUrl: string): Promise<void> {
  await runMigrations({ connectionString: ownerUrl, schema: JOB_SCHEMA, logger: jobRunnerLogger("[job queue]") });
  await withPgClient(ownerUrl, (c) =>
    c.query(`
      GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO custody_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO custody_app;
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO custody_app;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO custody_app;
      REVOKE ALL ON ${JOB_SCHEMA}.migrations FROM custody_app;
      GRANT SELECT ON ${JOB_SCHEMA}.migrations TO custody_app;
      -- graphile-worker turns row-level security on for its tables (so that nothing reaches
      -- them by accident); the application role is meant to, so it gets a policy on each.
      DO $$
      DECLARE t record;
      BEGIN
        FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = '${JOB_SCHEMA}' AND c.relkind = 'r' AND c.relrowsecurity LOOP
          IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = '${JOB_SCHEMA}' AND tablename = t.relname AND policyname = 'custody_app_all') THEN
            EXECUTE format('CREATE POLICY custody_app_all ON ${JOB_SCHEMA}.%I TO custody_app USING (true) WITH CHECK (true)', t.relname);
          END IF;
        END LOOP;
      END $$;
    `),
  );
}
