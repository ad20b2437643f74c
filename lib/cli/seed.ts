// npm run db:seed — writes the demo data into the database named by DATABASE_URL, or into the
// embedded database when it is unset. Idempotent.
// npm run db:seed -- --events N — then also N synthetic access events, sealed (bulk path).
import path from "node:path";
import { prepareDatabase } from "../db/bootstrap";
import { PortTakenError } from "../db/embedded";

const dataDir = path.resolve(process.env.CUSTODY_DATA_DIR ?? ".data");
const log = (m: string) => console.log(`[seed] ${m}`);
const eventsAt = process.argv.indexOf("--events");
const events = eventsAt >= 0 ? Number(process.argv[eventsAt + 1]) : 0;
if (!Number.isSafeInteger(events) || events < 0) {
  console.error("usage: npm run db:seed [-- --events N]");
  process.exit(2);
}

try {
  const db = await prepareDatabase({ dataDir, port: Number(process.env.CUSTODY_DB_PORT ?? 54329), log });
  process.env.DATABASE_URL = db.appUrl;
  process.env.NEXTAUTH_SECRET ??= "seed-only-secret-not-used-for-sessions-000000";
  const { getDb, disconnectDb } = await import("../db");
  const { seedDemo } = await import("../../prisma/seed");
  await seedDemo(getDb(), { log });
  await disconnectDb();
  if (events > 0) {
    const { seedAccessEvents } = await import("@/lib/demo/seed-events");
    await seedAccessEvents(db.ownerUrl, events, log);
  }
  await db.embedded?.stop();
} catch (err) {
  if (err instanceof PortTakenError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
