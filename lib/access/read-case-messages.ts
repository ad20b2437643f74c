import "server-only";
import { recordEvent, type Actor } from "@/lib/audit/record-event";
import type { StaffContext } from "@/lib/auth/current-staff";
import { unwrapDataKey } from "@/lib/crypto/conversation-keys";
import { messageAad, open } from "@/lib/crypto/envelope";
import { getDb, type Tx } from "@/lib/db";
import type { CaseMessagesResponse } from "@/lib/dto";
import { AppError, ForbiddenError, LogUnavailableError, UnauthenticatedError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import { decideContentRead } from "@/lib/policy/content-access";
import type { DenialReason } from "@/lib/policy/reasons";

// The one path to DM plaintext. Order matters and is the product's promise:
//   authenticate → authorise (role, claim, live grant, scope) → insert the access event naming
//   exactly the message ids to be revealed, in the same transaction → commit → only then
//   unwrap the key and decrypt. Every refusal is logged as a DENIED event. If the log cannot
//   be written, the caller gets 503 and no content. Nothing else in Custody decrypts messages.

export type ReadRequest = { caseId: string; messageIds?: readonly string[] };

type Loaded = Awaited<ReturnType<typeof loadCase>>;

function loadCase(tx: Tx, caseId: string, staffId: string) {
  return tx.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      status: true,
      assigneeId: true,
      conversationId: true,
      conversation: {
        select: { messageCount: true, participants: { select: { account: { select: { id: true, dataRegion: true } } } } },
      },
      reports: { select: { messages: { select: { messageId: true } } } },
      grants: {
        where: { staffId },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, staffId: true, status: true, purpose: true, justification: true, expiresAt: true, scopeFrom: true, scopeTo: true },
      },
    },
  });
}

class Denied extends Error {
  constructor(
    readonly reason: DenialReason,
    readonly message: string,
    readonly kase: Loaded | null,
  ) {
    super(message);
  }
}

function actorOf(staff: StaffContext): Actor {
  return { id: staff.id, email: staff.email, roles: staff.roles };
}

export async function readCaseMessages(staff: StaffContext | null, req: ReadRequest, meta: RequestMeta): Promise<CaseMessagesResponse> {
  const db = getDb();
  const validCaseId = UUID_RE.test(req.caseId) ? req.caseId : null;
  if (!staff) {
    await logDenial(null, "UNAUTHENTICATED", validCaseId, null, req, meta);
    throw new UnauthenticatedError();
  }
  const now = new Date();
  let revealed: { rows: { id: string; position: number; senderId: string; sentAt: Date; hasMedia: boolean; ciphertext: Uint8Array; nonce: Uint8Array; keyVersion: number }[]; kase: NonNullable<Loaded>; grant: NonNullable<Loaded>["grants"][number]; seq: bigint };
  try {
    revealed = await db.$transaction(async (tx) => {
      const kase = validCaseId ? await loadCase(tx, validCaseId, staff.id) : null;
      if (!kase) throw new Denied("CASE_NOT_FOUND", "No such case.", null);
      const grant = kase.grants[0] ?? null;
      const requested = req.messageIds?.length
        ? await tx.message.findMany({ where: { id: { in: req.messageIds.filter((id) => UUID_RE.test(id)) }, conversationId: kase.conversationId }, select: { position: true } })
        : [];
      const decision = decideContentRead({
        staff: { ...staff, disabled: false },
        kase: { status: kase.status, assigneeId: kase.assigneeId, participants: kase.conversation.participants.map((p) => ({ accountId: p.account.id, dataRegion: p.account.dataRegion })) },
        grant,
        now,
        // An id that is not a message of this conversation is out of scope by definition.
        requestedPositions: req.messageIds?.length ? (requested.length === req.messageIds.length ? requested.map((r) => r.position) : [-1]) : undefined,
      });
      if (!decision.allow) throw new Denied(decision.reason, decision.message, kase);
      const rows = await tx.message.findMany({
        where: req.messageIds?.length
          ? { conversationId: kase.conversationId, id: { in: [...req.messageIds] } }
          : { conversationId: kase.conversationId, position: { gte: decision.scope.from, lte: decision.scope.to } },
        orderBy: { position: "asc" },
        select: { id: true, position: true, senderId: true, sentAt: true, hasMedia: true, ciphertext: true, nonce: true, keyVersion: true },
      });
      const seq = await recordEvent(tx, {
        actor: actorOf(staff),
        action: "CONTENT_READ",
        outcome: "ALLOWED",
        caseId: kase.id,
        conversationId: kase.conversationId,
        accountIds: [...new Set(rows.map((r) => r.senderId))],
        messageIds: rows.map((r) => r.id),
        purpose: grant!.purpose,
        justification: grant!.justification,
        grantId: grant!.id,
        meta,
      });
      return { rows, kase, grant: grant!, seq };
    });
  } catch (err) {
    if (err instanceof Denied) {
      await logDenial(staff, err.reason, validCaseId && err.kase ? validCaseId : null, err.kase, req, meta);
      throw new ForbiddenError(err.reason, err.message);
    }
    if (err instanceof AppError) throw err;
    // The event could not be committed: fail closed. Nothing has been decrypted yet.
    console.error("access log write failed; content withheld", { caseId: validCaseId, error: (err as Error).message });
    throw new LogUnavailableError();
  }

  // The event is durably committed; only now does plaintext come into existence.
  return decryptForResponse(revealed);
}

async function decryptForResponse({ rows, kase, grant, seq }: { rows: { id: string; position: number; senderId: string; sentAt: Date; hasMedia: boolean; ciphertext: Uint8Array; nonce: Uint8Array; keyVersion: number }[]; kase: NonNullable<Loaded>; grant: NonNullable<Loaded>["grants"][number]; seq: bigint }): Promise<CaseMessagesResponse> {
  const db = getDb();
  const versions = [...new Set(rows.map((r) => r.keyVersion))];
  const [keyRows, senders] = await Promise.all([
    db.conversationKey.findMany({ where: { conversationId: kase.conversationId, version: { in: versions } }, select: { conversationId: true, version: true, wrappedKey: true, kekId: true } }),
    db.platformAccount.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.senderId))] } }, select: { id: true, handle: true } }),
  ]);
  const keys = new Map<number, Buffer>();
  for (const k of keyRows) keys.set(k.version, await unwrapDataKey(k));
  const handles = new Map(senders.map((s) => [s.id, s.handle]));
  const reported = new Set(kase.reports.flatMap((r) => r.messages.map((m) => m.messageId)));
  const messageCount = kase.conversation.messageCount;
  return {
    caseId: kase.id,
    grant: { id: grant.id, purpose: grant.purpose, expiresAt: grant.expiresAt.toISOString(), scopeFrom: grant.scopeFrom, scopeTo: grant.scopeTo },
    messageCount,
    messages: rows.map((r) => ({
      id: r.id,
      position: r.position,
      sender: { accountId: r.senderId, handle: handles.get(r.senderId) ?? "unknown" },
      sentAt: r.sentAt.toISOString(),
      text: open(keys.get(r.keyVersion)!, { ciphertext: Buffer.from(r.ciphertext), nonce: Buffer.from(r.nonce) }, messageAad(kase.conversationId, r.id, r.keyVersion)).toString("utf8"),
      hasMedia: r.hasMedia,
      reported: reported.has(r.id),
    })),
    scope: { from: grant.scopeFrom, to: grant.scopeTo, hasEarlier: grant.scopeFrom > 1, hasLater: grant.scopeTo < messageCount },
    eventSeq: seq.toString(),
  };
}

async function logDenial(staff: StaffContext | null, reason: DenialReason, caseId: string | null, kase: Loaded | null, req: ReadRequest, meta: RequestMeta) {
  try {
    await recordEvent(getDb(), {
      actor: staff ? actorOf(staff) : null,
      action: "CONTENT_READ",
      outcome: "DENIED",
      denialReason: reason,
      caseId: caseId ?? undefined,
      conversationId: kase?.conversationId,
      grantId: kase?.grants[0]?.id,
      details: caseId ? undefined : { requestedCaseId: req.caseId.slice(0, 100) },
      meta,
    });
  } catch {
    throw new LogUnavailableError();
  }
}
