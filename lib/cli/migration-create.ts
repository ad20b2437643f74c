// Writes a new migration folder with the SQL that takes the database described by the
// existing migrations to prisma/schema.prisma. Runs against a throwaway embedded database,
// so it needs no native engine and no shadow database. Usage: npm run db:migration -- <name>
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { applyMigrations } from "../db/migrate";
import { startEmbeddedPostgres } from "../db/embedded";
import { MIGRATIONS_DIR, SCHEMA_PATH, readMigrationsList, withSchemaEngine } from "../db/schema-engine";
import { createDatabase } from "../db/admin";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}

const scratchPort = Number(process.env.CUSTODY_SCRATCH_DB_PORT ?? 54399);
const db = await startEmbeddedPostgres({ dataDir: path.resolve(`.data/pg-migration-scratch-${scratchPort}`), port: scratchPort });
try {
  const scratch = `scratch_${Date.now()}`;
  await createDatabase(db.superuserUrl("postgres"), scratch);
  const url = db.superuserUrl(scratch);
  await applyMigrations(url);
  const datamodel = await readFile(SCHEMA_PATH, "utf8");
  const sql = await withSchemaEngine(url, async (engine) => {
    const res = await engine.diff({
      // The append-only migration revokes rights on _prisma_migrations, which a fresh shadow
      // database lacks; give it a stand-in so the migrations replay as they do for real.
      from: { tag: "migrations", ...(await readMigrationsList()), shadowDbInitScript: 'CREATE TABLE "_prisma_migrations" (id varchar(36) PRIMARY KEY);' },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return res.stdout ?? "";
  });
  if (!sql.trim() || /empty migration/i.test(sql)) {
    console.log("schema.prisma matches the migrations; nothing to write");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "postgresql"\n');
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await db.stop();
}
