import "server-only";
import { recordEvent, type Actor } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { open, unwrapDataKey } from "@/lib/crypto/decrypt";
import { messageAad, NONCE_BYTES } from "@/lib/crypto/envelope";
import { getDb, withPgClient } from "@/lib/db";
import type { CaseMessagesResponse } from "@/lib/dto";
import { AppError, CaseNotFoundError, ForbiddenError, GoneError, LogUnavailableError, UnauthenticatedError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import { env } from "@/lib/env";
import { hidesHeldCase } from "@/lib/policy/case-secrecy";
import { decideContentRead, refusalAtReveal } from "@/lib/policy/content-access";
import { decidePermission } from "@/lib/policy/permissions";
import { loadReadContext, positionsOf, reveal, type ReadContext, type SealedMessage } from "./read-queries";
import { DENIAL_REASONS, type DenialReason } from "@/lib/policy/reasons";
import { metrics } from "@/lib/observability/metrics";

// The one path to DM plaintext. Order matters and is the product's promise:
//   authenticate → authorise (role, claim, residency, conflicts, live grant, scope, step-up,
//   hourly limit: lib/policy/content-access.ts) → in one statement, re-check the grant, its
//   scope and the limit, count the read and insert the access event naming exactly the
//   message ids it returns → commit (the statement's own) → only then unwrap the key and decrypt.
//   Every refusal is logged as a DENIED event. If the log cannot be written, the caller gets
//   503 and no content. Nothing else in Custody decrypts messages. A case that is not the
//   reader's answers as one that does not exist (lib/policy/case-secrecy.ts); the event keeps
//   the true reason.

export type ReadRequest = { caseId: string; messageIds?: readonly string[] };

class Denied extends Error {
  constructor(
    readonly reason: DenialReason,
    readonly message: string,
    readonly kase: ReadContext | null,
  ) {
    super(message);
  }
}

function actorOf(staff: StaffContext): Actor {
  return toActor(staff);
}

type Revealed = { rows: SealedMessage[]; kase: ReadContext; grant: NonNullable<ReadContext["grant"]>; seq: bigint };

export async function readCaseMessages(staff: StaffContext | null, req: ReadRequest, meta: RequestMeta): Promise<CaseMessagesResponse> {
  const validCaseId = UUID_RE.test(req.caseId) ? req.caseId : null;
  if (!staff) {
    await logDenial(null, "UNAUTHENTICATED", validCaseId, null, req, meta);
    throw new UnauthenticatedError();
  }
  // The role is asked before the case is looked up, so its refusal is the same for any id. The
  // event still names the case when there is one, so the auditor finds the refusal in its history.
  const role = decidePermission(staff.roles, "content:read");
  if (!role.allow) {
    await logDenial(staff, role.reason, await existingCaseId(validCaseId), null, req, meta);
    throw new ForbiddenError(role.reason, role.message);
  }
  const now = new Date();
  const wantedIds = req.messageIds?.length ? [...new Set(req.messageIds)] : null;
  let revealed: Revealed;
  try {
    revealed = await withPgClient(async (db) => {
      const kase = validCaseId ? await loadReadContext(db, validCaseId, staff.id, now) : null;
      if (!kase) throw new Denied("CASE_NOT_FOUND", "No such case.", null);
      // Specific ids are looked up first only to learn their positions; an id that is not a
      // message of this conversation is out of scope by definition.
      const asked = wantedIds ? await positionsOf(db, kase.conversationId, wantedIds.filter((id) => UUID_RE.test(id))) : null;
      const readLimitPerHour = env().CUSTODY_READ_LIMIT_PER_HOUR;
      const decision = decideContentRead({
        staff: toStaffFacts(staff),
        kase,
        grant: kase.grant,
        now,
        requestedPositions: asked ? (asked.length === wantedIds!.length ? asked.map((r) => r.position) : [-1]) : undefined,
        stepUpAt: staff.stepUpAt,
        readsInLastHour: kase.readsInLastHour,
        readLimitPerHour,
      });
      if (!decision.allow) throw new Denied(decision.reason, decision.message, kase);
      // Past retention the data keys are gone: nothing can be opened, and the reader is told so (410).
      if (kase.shreddedAt) throw new Denied("SHREDDED", `${DENIAL_REASONS.SHREDDED} Shredded ${kase.shreddedAt.toISOString()}.`, kase);
      const grant = kase.grant!;
      const result = await reveal(db, {
        staffId: staff.id,
        now,
        readLimitPerHour,
        grantId: grant.id,
        conversationId: kase.conversationId,
        messages: asked ? { ids: asked.map((r) => r.id) } : decision.scope,
        event: {
          actor: actorOf(staff),
          action: "CONTENT_READ",
          outcome: "ALLOWED",
          caseId: kase.id,
          conversationId: kase.conversationId,
          grantId: grant.id,
          meta,
        },
      });
      if (!result.revealed) {
        // The grant ended or the limit was reached between the check and the write.
        const late = refusalAtReveal({ grantLive: result.grantLive, inScope: result.inScope, grantExpiresAt: grant.expiresAt, now, readLimitPerHour });
        throw new Denied(late.reason, late.message, kase);
      }
      return { rows: result.rows, kase, grant, seq: result.seq };
    });
  } catch (err) {
    if (err instanceof Denied) {
      await logDenial(staff, err.reason, err.kase ? validCaseId : null, err.kase, req, meta);
      if (!err.kase || hidesHeldCase(staff, err.kase)) throw new CaseNotFoundError();
      if (err.reason === "SHREDDED") throw new GoneError(err.reason, err.message);
      throw new ForbiddenError(err.reason, err.message);
    }
    if (err instanceof AppError) throw err;
    // The event could not be committed: fail closed. Nothing has been decrypted yet.
    console.error("content read aborted before commit; content withheld", { caseId: validCaseId, error: (err as Error).message });
    throw new LogUnavailableError();
  }

  // The event is durably committed; only now does plaintext come into existence.
  metrics().contentReads.inc({ outcome: "ALLOWED", reason: "" });
  return decryptForResponse(revealed);
}

async function decryptForResponse({ rows, kase, grant, seq }: Revealed): Promise<CaseMessagesResponse> {
  const keys = new Map<number, Buffer>();
  for (const k of kase.keys) {
    if (!rows.some((r) => r.keyVersion === k.version)) continue;
    keys.set(k.version, await unwrapDataKey({ conversationId: kase.conversationId, version: k.version, wrappedKey: Buffer.from(k.wrappedKey, "base64"), kekId: k.kekId }));
  }
  const reported = new Set(kase.reportedMessageIds);
  // Senders are participants (intake refuses anyone else), so their handles came with the
  // context; each sender is one object, shared by their messages.
  const senders = new Map(kase.participants.map((p) => [p.accountId, { accountId: p.accountId, handle: p.handle }]));
  return {
    caseId: kase.id,
    grant: { id: grant.id, purpose: grant.purpose, expiresAt: grant.expiresAt.toISOString(), scopeFrom: grant.scopeFrom, scopeTo: grant.scopeTo },
    messageCount: kase.messageCount,
    messages: rows.map((r) => ({
      id: r.id,
      position: r.position,
      sender: senders.get(r.senderId) ?? { accountId: r.senderId, handle: r.senderId },
      sentAt: new Date(Number(r.sentAtMs)).toISOString(),
      text: open(keys.get(r.keyVersion)!, { nonce: r.sealed.subarray(0, NONCE_BYTES), ciphertext: r.sealed.subarray(NONCE_BYTES) }, messageAad(kase.conversationId, r.id, r.keyVersion)).toString("utf8"),
      hasMedia: r.hasMedia,
      reported: reported.has(r.id),
    })),
    scope: { from: grant.scopeFrom, to: grant.scopeTo, hasEarlier: grant.scopeFrom > 1, hasLater: grant.scopeTo < kase.messageCount },
    eventSeq: seq.toString(),
  };
}

/** The id if it names a case, else null: only for the event, never for the answer. */
async function existingCaseId(caseId: string | null): Promise<string | null> {
  if (!caseId) return null;
  try {
    return (await getDb().case.findUnique({ where: { id: caseId }, select: { id: true } }))?.id ?? null;
  } catch {
    throw new LogUnavailableError();
  }
}

async function logDenial(staff: StaffContext | null, reason: DenialReason, caseId: string | null, kase: ReadContext | null, req: ReadRequest, meta: RequestMeta) {
  metrics().contentReads.inc({ outcome: "DENIED", reason });
  try {
    await recordEvent(getDb(), {
      actor: staff ? actorOf(staff) : null,
      action: "CONTENT_READ",
      outcome: "DENIED",
      denialReason: reason,
      caseId: caseId ?? undefined,
      conversationId: kase?.conversationId,
      grantId: kase?.grant?.id,
      details: caseId ? undefined : { requestedCaseId: req.caseId.slice(0, 100) },
      meta,
    });
  } catch {
    throw new LogUnavailableError();
  }
}
