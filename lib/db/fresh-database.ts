import { randomBytes } from "node:crypto";
import { appUrlFor, ensureAppLogin } from "./bootstrap";
import { createDatabase, withPgClient } from "./admin";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { applyMigrations } from "./migrate";

// A throwaway database for integration tests, end-to-end runs and benchmarks: on the server
// named by TEST_DATABASE_SERVER_URL (a superuser URL to any PostgreSQL ≥ 15), or on an
// embedded cluster otherwise; migrated by the production code, with an application login that
// is a member of custody_app exactly like a deployment's.

export type FreshDatabase = {
  name: string;
  appUrl: string;
  ownerUrl: string;
  /** Drops the database (unless `keep`) and stops the embedded cluster, if one was started. */
  close: (opts?: { keep?: boolean }) => Promise<void>;
};

export async function createFreshDatabase(opts: { prefix: string; appRole: string; embedded: { port: number; dataDir: string } }): Promise<FreshDatabase> {
  const embedded: EmbeddedDatabase | null = process.env.TEST_DATABASE_SERVER_URL ? null : await startEmbeddedPostgres(opts.embedded);
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? embedded!.superuserUrl("postgres");
  const name = `${opts.prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const close = async ({ keep = false } = {}) => {
    if (!keep) await withPgClient(serverUrl, (c) => c.query(`drop database if exists "${name}" with (force)`)).catch(() => {});
    await embedded?.stop();
  };
  try {
    await createDatabase(serverUrl, name);
    const owner = new URL(serverUrl);
    owner.pathname = `/${name}`;
    const ownerUrl = owner.toString();
    await applyMigrations(ownerUrl);
    const password = randomBytes(16).toString("hex");
    await ensureAppLogin(ownerUrl, opts.appRole, password);
    return { name, ownerUrl, appUrl: appUrlFor(ownerUrl, opts.appRole, password), close };
  } catch (err) {
    await close();
    throw err;
  }
}
