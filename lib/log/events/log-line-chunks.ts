import { Prisma } from "@/lib/generated/prisma/client";
import { CANONICAL_EVENT_SQL, type Queryable, toSafeNumber } from "./event-rows";
import { exportEventLine, exportMissingLine } from "../format/export-format";
import { logTexts } from "./log-entries";

// A contiguous stretch of the sealed log as export lines, one text chunk per batch, for the
// million-event exports and the live verifier. PostgreSQL renders each event's canonical JSON
// (CANONICAL_EVENT_SQL), checks it against the stored leaf hash, writes the whole export line
// and joins the batch into one string, so Node receives one value per thousand events instead
// of a thousand rows of objects — which is what keeps an export's memory flat and its garbage
// collection out of the way. A batch with any row PostgreSQL could not vouch for (an event with
// details, an altered or deleted event) is rendered row by row in JavaScript instead.

export interface LineChunk {
  /** Export lines, each ending in a newline, in leaf order. */
  text: string;
  events: number;
  firstLeaf: number | null;
  lastLeaf: number | null;
  firstSeq: string | null;
  lastSeq: string | null;
}

/**
 * Events per piece of text: about 100 KB, under V8's large-object threshold (128 KB), so each
 * piece is allocated and freed in the young generation. Megabyte strings would go straight to
 * the large-object space, which only a full collection frees, and the server's resident memory
 * would climb between collections.
 */
const PIECE = 100;

type ChunkRow = { piece: string; n: number; chunk: string | null; all_ok: boolean | null; first_leaf: string | null; last_leaf: string | null; first_seq: string | null; last_seq: string | null };

function chunkQuery(from: number, to: number): Prisma.Sql {
  // The innermost query has a LIMIT, so PostgreSQL keeps it a subquery and renders each
  // event's canonical JSON once, for both the hash check and the line.
  return Prisma.sql`
    SELECT (x.leaf_index - ${from}::bigint) / ${PIECE} AS piece, count(*)::int AS n, string_agg(x.line, '' ORDER BY x.leaf_index) AS chunk,
           bool_and(coalesce(x.ok, false)) AS all_ok, min(x.leaf_index)::text AS first_leaf, max(x.leaf_index)::text AS last_leaf,
           (array_agg(x.leaf_seq ORDER BY x.leaf_index))[1] AS first_seq, (array_agg(x.leaf_seq ORDER BY x.leaf_index DESC))[1] AS last_seq
      FROM (SELECT y.leaf_index, y.leaf_seq, sha256('\\x00'::bytea || convert_to(y.c, 'UTF8')) = y.leaf_hash AS ok,
                   '{"type":"event","leafIndex":' || y.leaf_index || ',"leafHash":"' || encode(y.leaf_hash, 'base64') || '","event":' || y.c || E'}\\n' AS line
              FROM (SELECT l.leaf_index, l.seq::text AS leaf_seq, l.leaf_hash, ${Prisma.raw(CANONICAL_EVENT_SQL)} AS c
                      FROM audit_leaf l LEFT JOIN access_event e ON e.seq = l.seq
                     WHERE l.leaf_index >= ${from}::bigint AND l.leaf_index < ${to}::bigint
                     ORDER BY l.leaf_index LIMIT ${to - from}) y) x
     GROUP BY 1 ORDER BY 1`;
}

export async function* contiguousLineChunks(db: Queryable, fromLeaf: number, toLeaf: number, batch = 500): AsyncGenerator<LineChunk> {
  const fetch = async (from: number) => {
    const q = chunkQuery(from, Math.min(from + batch, toLeaf));
    return { from, rows: (await db.query<ChunkRow>(q.text, q.values as unknown[])).rows };
  };
  // One batch is read ahead while the previous one is sent: PostgreSQL and Node work side by side.
  let pending = fromLeaf < toLeaf ? fetch(fromLeaf) : null;
  while (pending) {
    const { from, rows } = await pending;
    pending = from + batch < toLeaf ? fetch(from + batch) : null;
    pending?.catch(() => {}); // a failure surfaces when awaited
    for (const row of rows) {
      const stats = {
        events: row.n,
        firstLeaf: row.first_leaf === null ? null : toSafeNumber(row.first_leaf, "leaf index"),
        lastLeaf: row.last_leaf === null ? null : toSafeNumber(row.last_leaf, "leaf index"),
        firstSeq: row.first_seq,
        lastSeq: row.last_seq,
      };
      if (row.all_ok && row.chunk !== null) {
        yield { text: row.chunk, ...stats };
        continue;
      }
      const start = from + Number(row.piece) * PIECE;
      yield { text: await renderInNode(db, start, Math.min(start + PIECE, toLeaf)), ...stats };
    }
  }
}

/** A piece PostgreSQL could not vouch for, rendered event by event in JavaScript. */
async function renderInNode(db: Queryable, fromLeaf: number, toLeaf: number): Promise<string> {
  let text = "";
  for await (const entries of logTexts(db, { fromLeaf, toLeaf, batchSize: PIECE })) {
    for (const e of entries) {
      if (e.leafIndex === null) continue;
      const line = e.text === null ? exportMissingLine({ leafIndex: e.leafIndex, leafHash: e.leafHash, seq: e.seq }) : exportEventLine({ canonicalText: e.text }, { leafIndex: e.leafIndex, leafHash: e.leafHash });
      text += line + "\n";
    }
  }
  return text;
}
