import { randomBytes } from "node:crypto";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { appUrlFor, ensureAppLogin } from "@/lib/db/bootstrap";
import { createDatabase, withPgClient } from "@/lib/db/admin";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

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

let embedded: EmbeddedDatabase | null = null;
let serverUrl = "";
let dbName = "";

export async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_SERVER_URL) {
    serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  } else {
    // Port and data directory go together so that parallel runs (CUSTODY_TEST_DB_PORT) do not meet.
    const port = Number(process.env.CUSTODY_TEST_DB_PORT ?? 54330);
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(`.data/test-pg-${port}`), port });
    serverUrl = embedded.superuserUrl("postgres");
  }
  dbName = `custody_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await createDatabase(serverUrl, dbName);
  const owner = new URL(serverUrl);
  owner.pathname = `/${dbName}`;
  const ownerUrl = owner.toString();
  await applyMigrations(ownerUrl);
  const password = randomBytes(16).toString("hex");
  await ensureAppLogin(ownerUrl, "custody_test_app", password);
  project.provide("ownerUrl", ownerUrl);
  // One key-encryption key for the whole run, as a deployment has one keyring: every test file
  // can open data keys written by another (key rotation re-wraps them all).
  project.provide("kek", process.env.CUSTODY_KEK ?? randomBytes(32).toString("base64"));
  project.provide("appUrl", appUrlFor(ownerUrl, "custody_test_app", password));
}

export async function teardown() {
  if (dbName && !process.env.KEEP_TEST_DB) {
    await withPgClient(serverUrl, (c) => c.query(`drop database if exists "${dbName}" with (force)`)).catch(() => {});
  }
  await embedded?.stop();
}
