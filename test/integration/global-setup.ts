import { randomBytes } from "node:crypto";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createFreshDatabase, type FreshDatabase } from "@/lib/db/fresh-database";

// Integration tests run against a real PostgreSQL: TEST_DATABASE_SERVER_URL (a superuser URL
// to any PostgreSQL ≥ 15) if set, otherwise an embedded one under .data/test-pg. Every run
// gets a fresh database, migrated by the same code as production, and an application login
// that is a member of custody_app, exactly like the real deployment.

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    ownerUrl: string;
    kek: string;
  }
}

let db: FreshDatabase | null = null;

export async function setup(project: TestProject) {
  // Port and data directory go together so that parallel runs (CUSTODY_TEST_DB_PORT) do not meet.
  const port = Number(process.env.CUSTODY_TEST_DB_PORT ?? 54330);
  // The application login is a role of the whole server, and each run sets its password anew:
  // Stryker's workers share one server (scripts/mutation.ts), so each gets a login of its own,
  // or the second to start would lock the first out of new connections.
  const worker = process.env.STRYKER_MUTATOR_WORKER;
  const appRole = worker === undefined ? "custody_test_app" : `custody_test_app_w${Number(worker)}`;
  db = await createFreshDatabase({ prefix: "custody_test", appRole, embedded: { port, dataDir: path.resolve(`.data/test-pg-${port}`) } });
  project.provide("ownerUrl", db.ownerUrl);
  // One key-encryption key for the whole run, as a deployment has one keyring: every test file
  // can open data keys written by another (key rotation re-wraps them all).
  project.provide("kek", process.env.CUSTODY_KEK ?? randomBytes(32).toString("base64"));
  project.provide("appUrl", db.appUrl);
}

export async function teardown() {
  await db?.close({ keep: Boolean(process.env.KEEP_TEST_DB) });
}
