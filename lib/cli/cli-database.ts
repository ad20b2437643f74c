import { readFile } from "node:fs/promises";
import path from "node:path";
import { prepareDatabase } from "../db/bootstrap";
import { portIsFree } from "../db/embedded";

// The database the audit CLIs work on, found the way `npm run db:migrate` finds it:
// MIGRATION_DATABASE_URL or DATABASE_URL when set, otherwise the embedded PostgreSQL under
// .data/ — started for the command if it is not running, or reached through the running one
// (Custody's own server holds its port) with the superuser password kept beside its data.

export interface CliDatabase {
  /** The schema owner: may read everything (and, for tamper tests, do anything). */
  ownerUrl: string;
  /** The application's connection: INSERT/SELECT on the log. */
  appUrl: string;
  close: () => Promise<void>;
}

export async function cliDatabase(log: (m: string) => void = () => {}): Promise<CliDatabase> {
  const dataDir = path.resolve(process.env.CUSTODY_DATA_DIR ?? ".data");
  const port = Number(process.env.CUSTODY_DB_PORT ?? 54329);
  const external = process.env.DATABASE_URL ?? process.env.MIGRATION_DATABASE_URL;
  if (external) {
    return { ownerUrl: process.env.MIGRATION_DATABASE_URL ?? external, appUrl: external, close: async () => {} };
  }
  if (!(await portIsFree(port))) {
    const password = (await readFile(path.join(dataDir, "pg.superuser-password"), "utf8").catch(() => null))?.trim();
    if (!password) throw new Error(`Port ${port} is taken and there is no embedded database under ${dataDir}: set DATABASE_URL.`);
    const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/custody`;
    return { ownerUrl: url, appUrl: url, close: async () => {} };
  }
  const db = await prepareDatabase({ dataDir, port, log });
  return { ownerUrl: db.ownerUrl, appUrl: db.appUrl, close: async () => void (await db.embedded?.stop()) };
}
