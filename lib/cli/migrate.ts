// npm run db:migrate — applies prisma/migrations with Prisma's WebAssembly schema engine
// (no native engine, no network). Uses MIGRATION_DATABASE_URL or DATABASE_URL, or the
// embedded database when neither is set.
import path from "node:path";
import { prepareDatabase } from "../db/bootstrap";

const dataDir = path.resolve(process.env.CUSTODY_DATA_DIR ?? ".data");
try {
  const db = await prepareDatabase({ dataDir, port: Number(process.env.CUSTODY_DB_PORT ?? 54329), log: console.log });
  console.log(db.applied.length ? `applied: ${db.applied.join(", ")}` : "database is up to date");
  await db.embedded?.stop();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
