import { installJobQueue } from "./job-queue-schema";
import { readMigrationsList, withSchemaEngine } from "./schema-engine";

/**
 * Applies every pending migration in prisma/migrations, then installs or upgrades the job
 * runner's queue schema (graphile-worker's own migrations); returns the Prisma names applied.
 */
export async function applyMigrations(ownerUrl: string): Promise<string[]> {
  const migrationsList = await readMigrationsList();
  const applied = await withSchemaEngine(ownerUrl, async (engine) => {
    const out = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  });
  await installJobQueue(ownerUrl);
  return applied;
}
