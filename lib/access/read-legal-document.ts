import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { open, unwrapDocumentKey } from "@/lib/crypto/decrypt";
import { legalDocumentAad } from "@/lib/crypto/envelope";
import { getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { decidePermission } from "@/lib/policy/permissions";
import { DENIAL_REASONS } from "@/lib/policy/reasons";

// The second door to plaintext, for a legal request's uploaded document only (ADR 020): LEGAL
// reads it to check and answer the request. Like the content route, the read is logged first
// (LEGAL_DOCUMENT_READ, committed) and the document is decrypted only after; a refusal is
// logged with its reason. It never reaches DM content: the document's key is its own.

export type LegalDocumentFile = { fileName: string; mediaType: string; sha256: string; bytes: Buffer };

export async function readLegalDocument(staff: StaffContext, requestId: string, meta: RequestMeta): Promise<LegalDocumentFile> {
  const db = getDb();
  const allowed = decidePermission(staff.roles, "legal:read");
  if (!allowed.allow) {
    await recordEvent(db, { actor: toActor(staff), action: "LEGAL_DOCUMENT_READ", outcome: "DENIED", denialReason: allowed.reason, meta, details: { requestId } });
    throw new ForbiddenError(allowed.reason, allowed.message);
  }
  const doc = await db.legalDocument.findUnique({
    where: { requestId },
    select: { id: true, fileName: true, mediaType: true, sha256: true, size: true, ciphertext: true, nonce: true, wrappedKey: true, kekId: true },
  });
  if (!doc) throw new NotFoundError(DENIAL_REASONS.LEGAL_NOT_FOUND);
  // Log before reveal: if this insert fails, nothing is decrypted.
  await recordEvent(db, { actor: toActor(staff), action: "LEGAL_DOCUMENT_READ", outcome: "ALLOWED", meta, details: { requestId, documentId: doc.id, sha256: doc.sha256, size: doc.size } });
  const key = await unwrapDocumentKey(doc);
  try {
    return { fileName: doc.fileName, mediaType: doc.mediaType, sha256: doc.sha256, bytes: open(key, doc, legalDocumentAad(requestId, doc.id)) };
  } finally {
    key.fill(0);
  }
}
