import "server-only";
import { randomUUID } from "node:crypto";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { open, unwrapDataKey } from "@/lib/crypto/decrypt";
import { messageAad, NONCE_BYTES } from "@/lib/crypto/envelope";
import { getDb, withPgClient } from "@/lib/db";
import { AppError, ConflictError, ForbiddenError, GoneError, LogUnavailableError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import { moveLegalRequest } from "@/lib/legal/request-status";
import { eventInsert, recordEvent } from "@/lib/log/events/record-event";
import { decideDisclosure, PACKAGE_STATUS, STATE_REFUSALS } from "@/lib/policy/disclosure";
import { DENIAL_REASONS, type DenialReason } from "@/lib/policy/reasons";

// The third door to plaintext (ADR 028): a legal request's disclosure package. Like the content
// route, the event comes first and names exactly what is revealed: one statement re-checks the
// request and its approved grants, picks the messages (inside an approved LEGAL_PROCESS or
// EMERGENCY grant's scope, within the request's dates, conversation not shredded) and inserts
// the EXPORT event whose message_ids PostgreSQL computes from those very rows. Only once that
// has committed are messages read back — from the event's own message_ids, in its order — and
// decrypted, a batch at a time, so a package of any size is built in constant memory and can
// hold nothing the log does not name. The same transaction moves the request APPROVED →
// DISCLOSED (moveLegalRequest, ADR 031); the statement locks the request row, so of two
// packages built at once the second finds it disclosed and is refused. Refusals are logged as
// DENIED EXPORT events.

export type DisclosureRequest = {
  id: string;
  number: number;
  reference: string;
  authority: string;
  officerName: string;
  instrument: string;
  jurisdictionName: string;
  dateFrom: Date;
  dateTo: Date;
};

/** Proof that the EXPORT event committed; only logDisclosure makes one, and only it opens messages. */
export class DisclosureTicket {
  readonly #brand = true;
  constructor(
    readonly seq: bigint,
    readonly packageId: string,
    readonly messageCount: number,
    readonly builtAt: Date,
    readonly builtBy: { id: string; email: string; name: string },
    readonly request: DisclosureRequest,
  ) {}
  static is(t: unknown): t is DisclosureTicket {
    return typeof t === "object" && t !== null && #brand in t;
  }
}

export type DisclosedMessage = {
  id: string;
  conversationId: string;
  position: number;
  sender: { accountId: string; handle: string };
  sentAt: string;
  text: string;
  hasMedia: boolean;
};

// Picks the messages and writes the event in one statement: either the event names them all
// and commits, or nothing is written. $1 is the request id; the event's parameters follow.
function pickAndLog(eventValues: string): string {
  return `
WITH req AS (
  SELECT r.id, r.date_from, r.date_to FROM legal_request r
   WHERE r.id = $1::uuid AND r.verified_by_id IS NOT NULL AND r.status::text = '${PACKAGE_STATUS}'
     FOR UPDATE
),
approved AS (
  SELECT g.conversation_id, g.scope_from, g.scope_to FROM access_grant g
    JOIN "case" c ON c.id = g.case_id JOIN req ON c.legal_request_id = req.id
   WHERE g.approved_by_id IS NOT NULL AND g.status::text IN ('ACTIVE', 'ENDED') AND g.purpose::text IN ('LEGAL_PROCESS', 'EMERGENCY')
),
picked AS MATERIALIZED (
  SELECT m.id, m.conversation_id, m.position FROM message m
    JOIN conversation conv ON conv.id = m.conversation_id AND conv.shredded_at IS NULL
    JOIN req ON m.sent_at BETWEEN req.date_from AND req.date_to
   WHERE EXISTS (SELECT 1 FROM approved a WHERE a.conversation_id = m.conversation_id AND m.position BETWEEN a.scope_from AND a.scope_to)
),
event AS (
  INSERT INTO access_event (COLUMNS) SELECT ${eventValues} FROM req WHERE EXISTS (SELECT 1 FROM picked) RETURNING seq
)
SELECT (SELECT seq::text FROM event) AS seq, (SELECT count(*)::int FROM picked) AS n, EXISTS (SELECT 1 FROM req) AS answerable`;
}

const MESSAGE_IDS_FROM_STATEMENT = "coalesce((SELECT array_agg(id::text ORDER BY conversation_id, position) FROM picked), '{}')";

/** 409 for the request's state (not approved, already disclosed, nothing to disclose), 403 for the person's. */
function refusal(reason: string, message: string): AppError {
  return STATE_REFUSALS.includes(reason) ? new ConflictError(reason, message) : new ForbiddenError(reason, message);
}

export async function logDisclosure(staff: StaffContext, requestId: string, meta: RequestMeta, now = new Date()): Promise<DisclosureTicket> {
  const db = getDb();
  const denied = async (reason: string, accountIds?: string[]) => {
    try {
      await recordEvent(db, { actor: toActor(staff), action: "EXPORT", outcome: "DENIED", denialReason: reason, accountIds, meta, details: { requestId: requestId.slice(0, 100) } });
    } catch {
      throw new LogUnavailableError();
    }
  };
  const r = UUID_RE.test(requestId)
    ? await db.legalRequest.findUnique({
        where: { id: requestId },
        select: {
          id: true, number: true, reference: true, authority: true, officerName: true, instrument: true, jurisdiction: true, jurisdictionName: true,
          status: true, verifiedById: true, namedAccountIds: true, dateFrom: true, dateTo: true,
        },
      })
    : null;
  if (!r) {
    await denied("LEGAL_NOT_FOUND");
    throw new NotFoundError(DENIAL_REASONS.LEGAL_NOT_FOUND);
  }
  const approvedGrants = await db.accessGrant.count({
    where: { case: { legalRequestId: r.id }, approvedById: { not: null }, status: { in: ["ACTIVE", "ENDED"] }, purpose: { in: ["LEGAL_PROCESS", "EMERGENCY"] } },
  });
  const decision = decideDisclosure({ roles: staff.roles, disabled: toStaffFacts(staff).disabled, stepUpAt: staff.stepUpAt, now, request: r, approvedGrants });
  if (!decision.allow) {
    await denied(decision.reason, r.namedAccountIds);
    throw refusal(decision.reason, decision.message);
  }
  const packageId = randomUUID();
  const ev = eventInsert(
    {
      actor: toActor(staff),
      action: "EXPORT",
      outcome: "ALLOWED",
      accountIds: r.namedAccountIds,
      purpose: "LEGAL_PROCESS",
      justification: `Disclosure package for legal request L-${r.number} (${r.reference})`,
      meta,
      details: { kind: "disclosure-package", requestId: r.id, requestNumber: r.number, instrument: r.instrument, packageId },
    },
    { message_ids: MESSAGE_IDS_FROM_STATEMENT },
  );
  // The event's own placeholders start at $2: $1 is the request id.
  const values = ev.values.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 1}`);
  type Picked = { seq: string | null; n: number; answerable: boolean };
  let row: Picked;
  try {
    row = await db.$transaction(async (tx) => {
      const [picked] = await tx.$queryRawUnsafe<Picked[]>(pickAndLog(values).replace("COLUMNS", ev.columns), r.id, ...ev.params);
      if (picked!.seq === null) return picked!;
      // Same transaction as the EXPORT event: the request is disclosed exactly when its package's event commits.
      const moved = await moveLegalRequest(tx, staff, r.id, { to: "DISCLOSED", kind: "package", note: `Disclosure package ${packageId}` }, meta);
      if (moved.kind !== "done") throw moved.kind === "missing" ? new NotFoundError(DENIAL_REASONS.LEGAL_NOT_FOUND) : refusal(moved.denial.reason, moved.denial.message);
      return picked!;
    }, { timeout: 60_000 });
  } catch (error) {
    if (error instanceof AppError) {
      if (error.status !== 404) await denied(error.code, r.namedAccountIds);
      throw error;
    }
    // The event could not be committed: fail closed, nothing has been decrypted.
    console.error("disclosure aborted before its EXPORT event committed; nothing built", { requestId: r.id, error: (error as Error).message });
    throw new LogUnavailableError();
  }
  if (row.seq === null) {
    // Between the check and the write the request stopped being approved, or nothing approved covers a message.
    const reason: DenialReason = row.answerable ? "DISCLOSURE_EMPTY" : "PACKAGE_NOT_APPROVED";
    await denied(reason, r.namedAccountIds);
    throw refusal(reason, DENIAL_REASONS[reason]);
  }
  return new DisclosureTicket(BigInt(row.seq), packageId, row.n, now, { id: staff.id, email: staff.email, name: staff.name }, {
    id: r.id, number: r.number, reference: r.reference, authority: r.authority, officerName: r.officerName, instrument: r.instrument,
    jurisdictionName: r.jurisdictionName, dateFrom: r.dateFrom, dateTo: r.dateTo,
  });
}

type Row = {
  ord: string;
  id: string;
  conversation_id: string;
  position: number;
  sender_id: string;
  handle: string;
  sent_at: Date;
  has_media: boolean;
  sealed: Buffer;
  key_version: number;
  wrapped_key: Buffer | null;
  kek_id: string | null;
};

// A page of the event's own message ids, in the event's order, joined to the rows to open.
const PAGE = `
SELECT u.ord::text, m.id, m.conversation_id, m.position, m.sender_id, a.handle, m.sent_at, m.has_media, m.nonce || m.ciphertext AS sealed, m.key_version,
       k.wrapped_key, k.kek_id
  FROM (SELECT x.id, x.ord FROM access_event e, unnest(e.message_ids) WITH ORDINALITY AS x(id, ord)
         WHERE e.seq = $1::bigint AND e.action = 'EXPORT' AND e.outcome = 'ALLOWED' AND x.ord > $2::bigint ORDER BY x.ord LIMIT $3::int) u
  JOIN message m ON m.id = u.id::uuid
  JOIN platform_account a ON a.id = m.sender_id
  LEFT JOIN conversation k_conv ON k_conv.id = m.conversation_id
  LEFT JOIN conversation_key k ON k.conversation_id = m.conversation_id AND k.version = m.key_version AND k_conv.shredded_at IS NULL
 ORDER BY u.ord`;

/**
 * The messages the ticket's EXPORT event names, decrypted, in its order, `batchSize` at a time.
 * Read twice by the package (records, then the PDF listing); each pass holds one batch.
 */
export async function* disclosedMessages(ticket: DisclosureTicket, batchSize = 500): AsyncGenerator<DisclosedMessage[]> {
  if (!DisclosureTicket.is(ticket)) throw new Error("disclosedMessages needs the ticket of a committed EXPORT event");
  const keys = new Map<string, Buffer>();
  try {
    let last = 0;
    let seen = 0;
    for (;;) {
      const rows = await withPgClient(async (c) => (await c.query<Row>({ name: "custody-disclosed-page", text: PAGE, values: [ticket.seq.toString(), last, batchSize] })).rows);
      if (rows.length === 0) break;
      const out: DisclosedMessage[] = [];
      for (const r of rows) {
        if (Number(r.ord) !== seen + 1) throw new Error(`disclosure ${ticket.packageId}: message ${seen + 1} of the EXPORT event is gone`);
        seen++;
        if (!r.wrapped_key || !r.kek_id) throw new GoneError("SHREDDED", DENIAL_REASONS.SHREDDED);
        const keyName = `${r.conversation_id}:${r.key_version}`;
        let key = keys.get(keyName);
        if (!key) {
          key = await unwrapDataKey({ conversationId: r.conversation_id, version: r.key_version, wrappedKey: r.wrapped_key, kekId: r.kek_id });
          keys.set(keyName, key);
        }
        out.push({
          id: r.id,
          conversationId: r.conversation_id,
          position: r.position,
          sender: { accountId: r.sender_id, handle: r.handle },
          sentAt: r.sent_at.toISOString(),
          text: open(key, { nonce: r.sealed.subarray(0, NONCE_BYTES), ciphertext: r.sealed.subarray(NONCE_BYTES) }, messageAad(r.conversation_id, r.id, r.key_version)).toString("utf8"),
          hasMedia: r.has_media,
        });
      }
      last = seen;
      yield out;
    }
    if (seen !== ticket.messageCount) throw new Error(`disclosure ${ticket.packageId}: the EXPORT event names ${ticket.messageCount} messages, ${seen} were read`);
  } finally {
    for (const k of keys.values()) k.fill(0);
  }
}
