import pg from "pg";
import { auditConfig } from "@/lib/log/config";
import { Sealer } from "@/lib/log/sealer/sealer";
import { type SyntheticWorld, insertSyntheticEvents } from "./synthetic-events";

// `npm run db:seed -- --events N`: a long access log for the auditor workspace and its
// benchmarks. The events are attributed to the demo staff plus forty synthetic reviewers,
// leads and legal specialists (created here, with no password, so they cannot sign in), and
// point at the demo's real cases, conversations, participants and messages. Then they are
// sealed through the bulk path: the same sealer, 65,536 events per transaction and checkpoint.

const SYNTHETIC_STAFF = 40;
const DAYS = 60;
const BULK_BATCH = 65_536;

export async function seedAccessEvents(ownerUrl: string, count: number, log: (m: string) => void): Promise<void> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  try {
    const world = await loadWorld(pool);
    // Backdated events sealed after newer ones would read as inserted late (the verifier flags
    // that), so a log that already has events only grows forward from its newest one.
    const newest = await pool.query<{ at: Date | null }>("SELECT max(occurred_at) AS at FROM access_event");
    const today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
    const from = new Date(today.getTime() - DAYS * 86_400_000);
    const after = newest.rows[0]?.at;
    const range = after && after > from ? { from: after, to: new Date() } : { from, to: today };
    if (range.from !== from) log(`the log already has events; the new ones follow its newest (${after!.toISOString()})`);

    const started = Date.now();
    let reported = 0;
    await insertSyntheticEvents(pool, {
      count,
      world,
      ...range,
      chunk: 100_000,
      onProgress: (done, total) => {
        if (done - reported >= 500_000 || done === total) {
          reported = done;
          log(`events: ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} (${Math.round(done / ((Date.now() - started) / 1000)).toLocaleString("en-US")}/s)`);
        }
      },
    });
    log(`sealing (bulk, ${BULK_BATCH.toLocaleString("en-US")} events per checkpoint)`);
    const sealStart = Date.now();
    const sealer = new Sealer({ connectionString: ownerUrl, config: auditConfig(), log });
    try {
      const sealed = await sealer.sealAll({ maxBatch: BULK_BATCH, waitMs: 10_000 });
      log(`sealed ${sealed.toLocaleString("en-US")} events in ${((Date.now() - sealStart) / 1000).toFixed(0)} s; tree size ${sealer.stats.treeSize.toLocaleString("en-US")}`);
    } catch (error) {
      if (!(error instanceof Error) || !/holds the lock/.test(error.message)) throw error;
      log("another sealer (the running server's) holds the lock and will seal them");
    }
  } finally {
    await pool.end();
  }
}

async function loadWorld(db: pg.Pool): Promise<SyntheticWorld> {
  await db.query(
    `INSERT INTO staff (id, email, name, roles, regions, updated_at)
     SELECT gen_random_uuid(), format('synthetic-reader-%s@custody.test', lpad(n::text, 2, '0')), format('Synthetic reader %s', n),
            CASE WHEN n % 10 = 0 THEN '{LEAD}' WHEN n % 10 = 5 THEN '{LEGAL}' ELSE '{REVIEWER}' END::"StaffRole"[],
            CASE WHEN n % 3 = 0 THEN '{EU}' ELSE '{US,EU}' END::"DataRegion"[], now()
       FROM generate_series(1, $1) n
     ON CONFLICT (email) DO NOTHING`,
    [SYNTHETIC_STAFF],
  );
  const actors = await db.query<{ id: string; email: string; roles: string[] }>(
    `SELECT id::text, email, roles::text[] AS roles FROM staff
      WHERE NOT disabled AND roles && '{REVIEWER,LEAD,LEGAL}'::"StaffRole"[] ORDER BY email`,
  );
  const cases = await db.query<{ id: string; conversationId: string; accountIds: string[]; messageIds: string[] }>(
    `SELECT c.id::text, c.conversation_id::text AS "conversationId",
            ARRAY(SELECT p.account_id::text FROM conversation_participant p WHERE p.conversation_id = c.conversation_id ORDER BY p.account_id) AS "accountIds",
            ARRAY(SELECT m.id::text FROM message m WHERE m.conversation_id = c.conversation_id ORDER BY m.position LIMIT 5) AS "messageIds"
       FROM "case" c ORDER BY c.created_at, c.id`,
  );
  if (cases.rows.length === 0) throw new Error("no cases to attribute events to: run `npm run db:seed` without --events first");
  return { actors: actors.rows, cases: cases.rows };
}
