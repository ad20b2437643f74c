import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type AuditConfig, auditConfig, checkpointSigningKey } from "@/lib/log/config";
import { CheckpointDirectory } from "@/lib/log/checkpoints/checkpoint-directory";
import type { SigningKey } from "@/lib/log/checkpoints/signing-key";
import { type SyntheticWorld, insertSyntheticEvents } from "@/lib/demo/synthetic-events";
import { createDatabase, withPgClient } from "@/lib/db/admin";
import { applyMigrations } from "@/lib/db/migrate";

// A database of its own for each access-log test that rewrites history: cloned in a fraction
// of a second from a migrated template (CREATE DATABASE … TEMPLATE), with its own checkpoint
// directory and a fixed signing key, so tampering in one test cannot leak into another and
// nothing here touches the shared test database.

const ownerUrl = process.env.TEST_OWNER_URL!;
const appUrl = process.env.DATABASE_URL!;
const SIGNING_SEED = randomBytes(32).toString("base64");
export const TEST_ORIGIN = "test.custody.example/access-log";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let template: Promise<string> | undefined;

function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `custody_audit_tpl_${randomBytes(4).toString("hex")}`;
    await createDatabase(withDatabase(ownerUrl, "postgres"), name);
    await applyMigrations(withDatabase(ownerUrl, name));
    // The schema engine's pool lingers after it is done; a template must have no sessions.
    await withPgClient(withDatabase(ownerUrl, "postgres"), (c) =>
      c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]),
    );
    return name;
  })();
  return template;
}

export interface LogDb {
  name: string;
  ownerUrl: string;
  appUrl: string;
  /** Connects as the application role (INSERT/SELECT on the log), like the server. */
  app: pg.Pool;
  /** Connects as the owner (a superuser in tests): the attacker who bypasses the triggers. */
  owner: pg.Pool;
  config: AuditConfig;
  directory: CheckpointDirectory;
  signer: SigningKey;
  drop: () => Promise<void>;
}

export async function freshLogDb(): Promise<LogDb> {
  const tpl = await migratedTemplate();
  const name = `custody_audit_${randomBytes(5).toString("hex")}`;
  await withPgClient(withDatabase(ownerUrl, "postgres"), (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${tpl}"`));
  const dir = await mkdtemp(path.join(tmpdir(), "custody-checkpoints-"));
  const config = auditConfig({ CUSTODY_CHECKPOINT_DIR: dir, CUSTODY_SIGNING_KEY: SIGNING_SEED, CUSTODY_LOG_ORIGIN: TEST_ORIGIN });
  const app = new pg.Pool({ connectionString: withDatabase(appUrl, name), max: 6 });
  const owner = new pg.Pool({ connectionString: withDatabase(ownerUrl, name), max: 2 });
  // Tests terminate backends on purpose (a killed sealer); idle pool clients may see it.
  for (const pool of [app, owner]) pool.on("error", () => {});
  return {
    name,
    ownerUrl: withDatabase(ownerUrl, name),
    appUrl: withDatabase(appUrl, name),
    app,
    owner,
    config,
    directory: new CheckpointDirectory(dir),
    signer: await checkpointSigningKey(config),
    drop: async () => {
      await Promise.all([app.end(), owner.end()]);
      await withPgClient(withDatabase(ownerUrl, "postgres"), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function dropTemplate(): Promise<void> {
  if (!template) return;
  const name = await template;
  template = undefined;
  await withPgClient(withDatabase(ownerUrl, "postgres"), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A small cast for synthetic events: three staff, four cases. */
export const TEST_WORLD: SyntheticWorld = {
  actors: [
    { id: randomUUID(), email: "reviewer@custody.test", roles: ["REVIEWER"] },
    { id: randomUUID(), email: "lead@custody.test", roles: ["LEAD"] },
    { id: randomUUID(), email: "legal@custody.test", roles: ["LEGAL"] },
  ],
  cases: Array.from({ length: 4 }, () => ({ id: randomUUID(), conversationId: randomUUID(), accountIds: [randomUUID(), randomUUID()], messageIds: [randomUUID(), randomUUID()] })),
};

/** Appends `count` events as the application would (app role), times ending now; returns their seqs. */
export async function appendEvents(db: LogDb, count: number): Promise<string[]> {
  const before = await db.app.query<{ n: string }>("SELECT coalesce(max(seq), 0)::text AS n FROM access_event");
  const to = new Date();
  await insertSyntheticEvents(db.app, { count, world: TEST_WORLD, from: new Date(to.getTime() - 60_000), to, chunk: 10_000 });
  const rows = await db.app.query<{ seq: string }>("SELECT e.seq::text FROM access_event e WHERE e.seq > $1 ORDER BY e.seq", [before.rows[0]!.n]);
  return rows.rows.map((r) => r.seq);
}
