import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { sealLegalDocument } from "@/lib/crypto/seal-document";
import { getDb } from "@/lib/db";
import { BadRequestError, ForbiddenError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { MAX_LEGAL_DOCUMENT_BYTES } from "@/lib/policy/limits";
import { decidePermission } from "@/lib/policy/permissions";
import type { LegalRequestBody } from "./request-body";

// A LEGAL specialist takes in a law-enforcement request: what it names, and the uploaded
// document, sealed at once with its own data key (lib/crypto/seal-document.ts). The request,
// its document and the LEGAL_REQUEST_RECEIVED event commit together. Nothing is disclosed,
// and no case opens, until a different LEGAL colleague verifies it (verify-request.ts).

export async function takeInLegalRequest(staff: StaffContext, body: LegalRequestBody, meta: RequestMeta): Promise<{ id: string; number: number }> {
  const allowed = decidePermission(staff.roles, "legal:intake");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  if (body.instrument === "EMERGENCY_DISCLOSURE" && !body.emergencyJustification) {
    throw new BadRequestError("emergencyJustification: an emergency disclosure request must state the imminent danger of death or serious injury", "VALIDATION");
  }
  const bytes = body.document ? Buffer.from(body.document.contentBase64, "base64") : null;
  if (bytes && bytes.length > MAX_LEGAL_DOCUMENT_BYTES) throw new BadRequestError(`document: at most ${MAX_LEGAL_DOCUMENT_BYTES / 1024} KiB`, "VALIDATION");
  const db = getDb();
  const handles = [...new Set(body.accountHandles.map((h) => h.replace(/^@/, "")))];
  const accounts = await db.platformAccount.findMany({ where: { handle: { in: handles } }, select: { id: true, handle: true } });
  const unknown = handles.filter((h) => !accounts.some((a) => a.handle === h));
  if (unknown.length > 0) throw new BadRequestError(`accountHandles: no platform account has the handle ${unknown.map((h) => `@${h}`).join(", ")}`, "VALIDATION");
  const namedAccountIds = accounts.map((a) => a.id);
  return db.$transaction(async (tx) => {
    const request = await tx.legalRequest.create({
      data: {
        reference: body.reference,
        authority: body.authority,
        officerName: body.officerName,
        officerEmail: body.officerEmail.toLowerCase(),
        officerPhone: body.officerPhone,
        instrument: body.instrument,
        jurisdiction: body.jurisdiction,
        jurisdictionName: body.jurisdictionName,
        category: body.category,
        namedAccountIds,
        dateFrom: body.dateFrom,
        dateTo: body.dateTo,
        dataTypes: body.dataTypes,
        dueAt: body.dueAt,
        emergencyJustification: body.emergencyJustification || null,
        nonDisclosureUntil: body.nonDisclosureUntil ?? null,
        receivedById: staff.id,
      },
      select: { id: true, number: true },
    });
    const sealed = bytes && body.document ? await sealLegalDocument(request.id, bytes) : null;
    if (sealed && body.document) {
      await tx.legalDocument.create({
        data: {
          id: sealed.id,
          requestId: request.id,
          fileName: body.document.fileName,
          mediaType: body.document.mediaType,
          size: sealed.size,
          sha256: sealed.sha256,
          ciphertext: new Uint8Array(sealed.ciphertext),
          nonce: new Uint8Array(sealed.nonce),
          wrappedKey: new Uint8Array(sealed.wrappedKey),
          kekId: sealed.kekId,
        },
      });
    }
    await recordEvent(tx, {
      actor: toActor(staff),
      action: "LEGAL_REQUEST_RECEIVED",
      outcome: "ALLOWED",
      accountIds: namedAccountIds,
      meta,
      details: {
        requestId: request.id,
        number: request.number,
        instrument: body.instrument,
        jurisdiction: body.jurisdiction,
        dataTypes: body.dataTypes,
        dueAt: body.dueAt.toISOString(),
        document: sealed ? { sha256: sealed.sha256, size: sealed.size } : null,
      },
    });
    return request;
  });
}
