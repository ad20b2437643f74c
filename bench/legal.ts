// `npm run bench:legal`: the retention sweep (crypto-shredding) over CONVERSATIONS conversations
// past retention, a tenth of whose accounts are under an active preservation hold, on a fresh
// embedded database. Target (issue 11): 100,000 conversations shredded in ≤ 60 s with every hold
// respected. (The disclosure package's target is not measured: the package is not built yet.)
import { availableParallelism, loadavg } from "node:os";
import pg from "pg";
import { benchEnv, freshDatabase } from "./harness";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const ACCOUNTS = Math.max(20, Math.ceil(CONVERSATIONS / 10));
const TARGET_S = 60;

const db = await freshDatabase("legal");
Object.assign(process.env, benchEnv(db.appUrl, 0));
const { getDb, disconnectDb } = await import("../lib/db");
const { shredExpiredConversations } = await import("../lib/jobs/shred-expired");
try {
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const t0 = performance.now();
  // Accounts a0..aN (US), conversation i between accounts i % N and (i + 1) % N, one message two years old, one key.
  await owner.query(`INSERT INTO platform_account (id, external_id, handle, display_name, data_region)
    SELECT gen_random_uuid(), 'a' || g, 'acct' || g, 'Account ' || g, 'US' FROM generate_series(0, $1 - 1) g`, [ACCOUNTS]);
  await owner.query(`CREATE TEMP TABLE acct AS SELECT id, substr(external_id, 2)::int AS n FROM platform_account`);
  await owner.query(`INSERT INTO conversation (id, external_id, message_count) SELECT gen_random_uuid(), 'c' || g, 1 FROM generate_series(0, $1 - 1) g`, [CONVERSATIONS]);
  await owner.query(`CREATE TEMP TABLE conv AS SELECT id, substr(external_id, 2)::int AS n FROM conversation`);
  await owner.query(`INSERT INTO conversation_participant (conversation_id, account_id)
    SELECT c.id, a.id FROM conv c JOIN acct a ON a.n IN (c.n % $1, (c.n + 1) % $1)`, [ACCOUNTS]);
  await owner.query(`INSERT INTO message (id, external_id, conversation_id, position, sender_id, sent_at, ciphertext, nonce, key_version)
    SELECT gen_random_uuid(), 'm' || c.n, c.id, 1, a.id, now() - interval '2 years', '\\x00'::bytea, '\\x000000000000000000000000'::bytea, 1
      FROM conv c JOIN acct a ON a.n = c.n % $1`, [ACCOUNTS]);
  await owner.query(`INSERT INTO conversation_key (conversation_id, version, wrapped_key, kek_id) SELECT id, 1, '\\x00'::bytea, 'bench' FROM conv`);
  // A hold on every tenth account: the conversations touching one of them must survive.
  const staff = await owner.query<{ id: string }>(`INSERT INTO staff (id, email, name, roles, regions, updated_at) VALUES (gen_random_uuid(), 'legal@bench', 'Bench', '{LEGAL}', '{US}', now()) RETURNING id`);
  await owner.query(`INSERT INTO preservation_hold (id, kind, account_ids, reason, placed_by_id, expires_at)
    SELECT gen_random_uuid(), 'PRESERVATION', array_agg(id), 'bench', $1, now() + interval '90 days' FROM acct WHERE n % 10 = 0`, [staff.rows[0]!.id]);
  await owner.query("ANALYZE");
  const held = Number((await owner.query(`SELECT count(DISTINCT c.id)::int AS n FROM conv c JOIN acct a ON a.n IN (c.n % $1, (c.n + 1) % $1) WHERE a.n % 10 = 0`, [ACCOUNTS])).rows[0].n);
  console.log(`setup: ${CONVERSATIONS} conversations (${held} touching a held account) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const start = performance.now();
  const result = await shredExpiredConversations(getDb());
  const seconds = (performance.now() - start) / 1000;
  const left = await owner.query<{ keys: number; unshredded: number; heldShredded: number; events: number }>(`SELECT
      (SELECT count(*)::int FROM conversation_key) AS keys,
      (SELECT count(*)::int FROM conversation WHERE shredded_at IS NULL) AS unshredded,
      (SELECT count(DISTINCT c.id)::int FROM conv c JOIN acct a ON a.n IN (c.n % $1, (c.n + 1) % $1) JOIN conversation x ON x.id = c.id WHERE a.n % 10 = 0 AND x.shredded_at IS NOT NULL) AS "heldShredded",
      (SELECT count(*)::int FROM access_event WHERE action = 'KEY_SHREDDED') AS events`, [ACCOUNTS]);
  await owner.end();
  const l = left.rows[0]!;
  const holdsRespected = l.heldShredded === 0 && l.unshredded === held && l.keys === held && result.shredded === CONVERSATIONS - held && l.events === result.shredded;
  const [load1] = loadavg();
  console.log(`retention sweep: ${result.shredded} shredded in ${seconds.toFixed(1)} s (${Math.round(result.shredded / seconds)}/s), ${held} kept under holds; target ≤ ${TARGET_S} s for 100,000 — ${seconds <= TARGET_S * (CONVERSATIONS / 100_000) ? "MET" : "MISSED"}`);
  console.log(`holds respected: ${holdsRespected ? "yes" : "NO"} (held shredded ${l.heldShredded}, keys left ${l.keys}, KEY_SHREDDED events ${l.events}); machine: ${availableParallelism()} cores, load ${load1!.toFixed(2)}`);
  if (!holdsRespected) process.exitCode = 1;
} finally {
  await disconnectDb();
  await db.close();
}
