import { Prisma } from "@/lib/generated/prisma/client";
import type { CanonicalEvent } from "./event-leaf";
import { EVENT_COLUMNS, type EventRow, type Queryable, eventOfRow, toSafeNumber } from "./event-rows";

// The log read back in leaf order, a batch at a time, for exports and the live verifier:
// sealed leaves with their events (or null where a leaf's event row is gone), then the events
// not sealed yet, by seq. Batches are bounded ranges or keyset pages, so memory stays constant
// however long the log is, and each query is short (no transaction held open for minutes).

export type LogEntry =
  | { leafIndex: number; leafHash: Buffer; seq: string; event: CanonicalEvent | null }
  | { leafIndex: null; leafHash: null; seq: string; event: CanonicalEvent };

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

type Row = EventRow & { leaf_index: string; leaf_hash: Buffer; leaf_seq: string };

export async function* logEntries(db: Queryable, range: LogRange): AsyncGenerator<LogEntry[]> {
  const batch = range.batchSize ?? 2000;
  const conditions = range.conditions ?? [];
  const filter = conditions.length > 0 ? Prisma.sql` AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const run = async <T extends object>(sql: Prisma.Sql) => (await db.query<T>(sql.text, sql.values as unknown[])).rows;
  const columns = Prisma.raw(EVENT_COLUMNS);

  if (conditions.length === 0) {
    // Leaf indices are dense, so a contiguous read is a series of index ranges.
    for (let from = range.fromLeaf; from < range.toLeaf; from += batch) {
      const to = Math.min(from + batch, range.toLeaf);
      const rows = await run<Row>(Prisma.sql`
        SELECT l.leaf_index::text, l.leaf_hash, l.seq::text AS leaf_seq, ${columns}
          FROM audit_leaf l LEFT JOIN access_event e ON e.seq = l.seq
         WHERE l.leaf_index >= ${from} AND l.leaf_index < ${to} ORDER BY l.leaf_index`);
      yield rows.map(sealedEntry);
    }
  } else {
    let last = -1;
    for (;;) {
      const rows = await run<Row>(Prisma.sql`
        SELECT l.leaf_index::text, l.leaf_hash, l.seq::text AS leaf_seq, ${columns}
          FROM audit_leaf l JOIN access_event e ON e.seq = l.seq
         WHERE l.leaf_index > ${last} AND l.leaf_index < ${range.toLeaf}${filter}
         ORDER BY l.leaf_index LIMIT ${batch}`);
      if (rows.length === 0) break;
      yield rows.map(sealedEntry);
      last = toSafeNumber(rows.at(-1)!.leaf_index, "leaf index");
      if (rows.length < batch) break;
    }
  }
  if (!range.includeUnsealed) return;

  let lastSeq = "0";
  for (;;) {
    const rows = await run<EventRow & { seq: string }>(Prisma.sql`
      SELECT ${columns} FROM access_event e
       WHERE e.seq > ${lastSeq}::bigint AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq)${filter}
       ORDER BY e.seq LIMIT ${batch}`);
    if (rows.length === 0) break;
    yield rows.map((row) => ({ leafIndex: null, leafHash: null, seq: row.seq, event: eventOfRow(row) }));
    lastSeq = rows.at(-1)!.seq;
    if (rows.length < batch) break;
  }
}

function sealedEntry(row: Row): LogEntry {
  const present = row.occurredAt !== null;
  return {
    leafIndex: toSafeNumber(row.leaf_index, "leaf index"),
    leafHash: row.leaf_hash,
    seq: row.leaf_seq,
    event: present ? eventOfRow(row) : null,
  };
}
