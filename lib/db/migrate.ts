import { readMigrationsList, withSchemaEngine } from "./schema-engine";

/** Applies every pending migration in prisma/migrations; returns the names applied. */
export async function applyMigrations(ownerUrl: string): Promise<string[]> {
  const migrationsList = await readMigrationsList();
  return withSchemaEngine(ownerUrl, async (engine) => {
    const out = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  });
}
