import { Prisma } from "@/lib/generated/prisma/client";
import { type CanonicalEvent, canonicalEventText } from "./event-leaf";
import { CANONICAL_EVENT_SQL, EVENT_COLUMNS, type EventRow, type Queryable, eventOfRow, toSafeNumber } from "./event-rows";
import { leafHashOfText } from "../merkle/merkle-hash";

// The log read back in leaf order, a batch at a time, for exports and the live verifier:
// sealed leaves with their events (null where a leaf's event row is gone), then the events not
// sealed yet, by seq. Batches are bounded index ranges (leaf indices are dense) or keyset
// pages, so memory stays constant however long the log is and no transaction is held open.
//
// Two shapes: logEntries gives each event's fields (the CSV needs them); logTexts gives each
// event's canonical JSON, rendered by PostgreSQL (CANONICAL_EVENT_SQL) and accepted only when it
// hashes to the stored leaf — any other row (with details, altered, unsealed) is rendered in JS
// from its fields. Same bytes either way; the fast way spares a million rows' worth of objects.

export interface LogRange {
  /** First leaf (contiguous reads; filtered reads start at 0). */
  fromLeaf: number;
  /** Leaves at or past this index are left out (the export's anchor size). */
  toLeaf: number;
  /** Filters on access_event `e`; with any, only matching events are read (keyset pages). */
  conditions?: Prisma.Sql[];
  includeUnsealed?: boolean;
  batchSize?: number;
}

export type LogEntry =
  | { leafIndex: number; leafHash: Buffer; seq: string; event: CanonicalEvent | null }
  | { leafIndex: null; leafHash: null; seq: string; event: CanonicalEvent };

export type LogText =
  | { leafIndex: number; leafHash: Buffer; seq: string; text: string | null }
  | { leafIndex: null; leafHash: null; seq: string; text: string };

type Leaf = { leaf_index: string; leaf_hash: Buffer; leaf_seq: string };

const run = async <T extends object>(db: Queryable, sql: Prisma.Sql) => (await db.query<T>(sql.text, sql.values as unknown[])).rows;

/** Sealed rows in leaf order, `columns` selected beside the leaf; a missing event has NULL columns. */
async function* sealedBatches<T extends object>(db: Queryable, range: LogRange, columns: Prisma.Sql): AsyncGenerator<(Leaf & T)[]> {
  const batch = range.batchSize ?? 1000;
  const conditions = range.conditions ?? [];
  if (conditions.length === 0) {
    const fetch = (from: number) =>
      run<Leaf & T>(db, Prisma.sql`
        SELECT l.leaf_index::text, l.leaf_hash, l.seq::text AS leaf_seq, ${columns}
          FROM audit_leaf l LEFT JOIN access_event e ON e.seq = l.seq
         WHERE l.leaf_index >= ${from} AND l.leaf_index < ${Math.min(from + batch, range.toLeaf)} ORDER BY l.leaf_index`);
    // The next range is already being read (on another pooled connection) while this one is
    // processed, so PostgreSQL and Node work side by side: two batches in memory at most.
    let pending = range.fromLeaf < range.toLeaf ? fetch(range.fromLeaf) : null;
    for (let from = range.fromLeaf; pending; from += batch) {
      const rows = await pending;
      pending = from + batch < range.toLeaf ? fetch(from + batch) : null;
      pending?.catch(() => {}); // a failure surfaces when awaited
      yield rows;
    }
    return;
  }
  for (let last = -1; ; ) {
    const rows = await run<Leaf & T>(db, Prisma.sql`
      SELECT l.leaf_index::text, l.leaf_hash, l.seq::text AS leaf_seq, ${columns}
        FROM audit_leaf l JOIN access_event e ON e.seq = l.seq
       WHERE l.leaf_index > ${last} AND l.leaf_index < ${range.toLeaf} AND ${Prisma.join(conditions, " AND ")}
       ORDER BY l.leaf_index LIMIT ${batch}`);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    last = toSafeNumber(rows.at(-1)!.leaf_index, "leaf index");
  }
}

/** Events without a leaf, by seq, as full rows. */
async function* unsealedBatches(db: Queryable, range: LogRange): AsyncGenerator<(EventRow & { seq: string })[]> {
  const batch = range.batchSize ?? 1000;
  const conditions = range.conditions ?? [];
  const filter = conditions.length > 0 ? Prisma.sql` AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  for (let lastSeq = "0"; ; ) {
    const rows = await run<EventRow & { seq: string }>(db, Prisma.sql`
      SELECT ${Prisma.raw(EVENT_COLUMNS)} FROM access_event e
       WHERE e.seq > ${lastSeq}::bigint AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq)${filter}
       ORDER BY e.seq LIMIT ${batch}`);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    lastSeq = rows.at(-1)!.seq;
  }
}

export async function* logEntries(db: Queryable, range: LogRange): AsyncGenerator<LogEntry[]> {
  for await (const rows of sealedBatches<EventRow>(db, range, Prisma.raw(EVENT_COLUMNS))) {
    yield rows.map((row) => ({
      leafIndex: toSafeNumber(row.leaf_index, "leaf index"),
      leafHash: row.leaf_hash,
      seq: row.leaf_seq,
      event: row.occurredAt === null ? null : eventOfRow(row),
    }));
  }
  if (!range.includeUnsealed) return;
  for await (const rows of unsealedBatches(db, range)) yield rows.map((row) => ({ leafIndex: null, leafHash: null, seq: row.seq, event: eventOfRow(row) }));
}

export async function* logTexts(db: Queryable, range: LogRange): AsyncGenerator<LogText[]> {
  const columns = Prisma.sql`e.seq IS NULL AS missing, ${Prisma.raw(CANONICAL_EVENT_SQL)} AS canonical`;
  for await (const rows of sealedBatches<{ missing: boolean; canonical: string | null }>(db, range, columns)) {
    const slow = rows.filter((r) => !r.missing && (r.canonical === null || !leafHashOfText(r.canonical).equals(r.leaf_hash))).map((r) => r.leaf_seq);
    const rendered = new Map<string, string>();
    if (slow.length > 0) {
      const full = await db.query<EventRow & { seq: string }>(`SELECT ${EVENT_COLUMNS} FROM access_event e WHERE e.seq = ANY($1::bigint[])`, [slow]);
      for (const row of full.rows) rendered.set(row.seq, render(row));
    }
    yield rows.map((r) => ({
      leafIndex: toSafeNumber(r.leaf_index, "leaf index"),
      leafHash: r.leaf_hash,
      seq: r.leaf_seq,
      text: r.missing ? null : (rendered.get(r.leaf_seq) ?? r.canonical!),
    }));
  }
  if (!range.includeUnsealed) return;
  for await (const rows of unsealedBatches(db, range)) {
    yield rows.map((row) => ({ leafIndex: null, leafHash: null, seq: row.seq, text: render(row) }));
  }
}

/**
 * An event's canonical JSON; for a row that no longer fits the event's shape (a NULL where a
 * list belongs — only tampering does that), its fields as plain JSON instead, which the
 * verifier then reports as a malformed event naming its seq, rather than the export failing.
 */
function render(row: EventRow): string {
  try {
    return canonicalEventText(eventOfRow(row));
  } catch {
    return JSON.stringify(row);
  }
}
