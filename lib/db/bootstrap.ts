import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createDatabase, withPgClient } from "./admin";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { applyMigrations } from "./migrate";

// Gets a migrated database ready and returns the URL the application connects with.
// Embedded (DATABASE_URL unset): a PostgreSQL under .data/pg, migrated as its superuser, and a
// login role `custody` that is a member of `custody_app` (INSERT/SELECT only on the log).
// External: migrations run as MIGRATION_DATABASE_URL (the schema owner) if given, else as
// DATABASE_URL; the application then connects as DATABASE_URL.

export type PreparedDatabase = { appUrl: string; ownerUrl: string; embedded: EmbeddedDatabase | null; applied: string[] };

export const APP_LOGIN_ROLE = "custody";

export async function ensureAppLogin(ownerUrl: string, role: string, password: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`bad role name ${role}`);
  await withPgClient(ownerUrl, async (c) => {
    const exists = await c.query("select 1 from pg_roles where rolname = $1", [role]);
    const pw = c.escapeLiteral(password);
    await c.query(exists.rowCount ? `alter role ${role} with login password ${pw}` : `create role ${role} login password ${pw}`);
    await c.query(`grant custody_app to ${role}`);
  });
}

async function secretFile(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const value = randomBytes(24).toString("base64url");
  await writeFile(file, value, { mode: 0o600 });
  return value;
}

export function appUrlFor(superuserUrl: string, role: string, password: string) {
  const u = new URL(superuserUrl);
  u.username = role;
  u.password = password;
  return u.toString();
}

export async function prepareDatabase(opts: { dataDir: string; port: number; log: (m: string) => void }): Promise<PreparedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? external;
    const applied = await applyMigrations(ownerUrl);
    return { appUrl: external, ownerUrl, embedded: null, applied };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(opts.dataDir, "pg"), port: opts.port, notice: opts.log });
  opts.log(`embedded PostgreSQL listening on 127.0.0.1:${opts.port} (data in ${path.join(opts.dataDir, "pg")})`);
  await createDatabase(embedded.superuserUrl("postgres"), "custody", true);
  const ownerUrl = embedded.superuserUrl("custody");
  const applied = await applyMigrations(ownerUrl);
  const password = await secretFile(path.join(opts.dataDir, "app-db-password"));
  await ensureAppLogin(ownerUrl, APP_LOGIN_ROLE, password);
  return { appUrl: appUrlFor(ownerUrl, APP_LOGIN_ROLE, password), ownerUrl, embedded, applied };
}

/** NEXTAUTH_SECRET from the environment, or generated once into .data/ for the embedded demo. */
export async function localSecret(dataDir: string, name: string): Promise<string> {
  return secretFile(path.join(dataDir, name));
}
