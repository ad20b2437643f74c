import { z } from "zod";
import { CATEGORIES } from "@/lib/policy/enums";
import { DATA_TYPES, INSTRUMENTS, JURISDICTIONS } from "@/lib/policy/legal-basis";
import { LEGAL_STATUSES } from "@/lib/policy/legal-status";
import { MAX_LEGAL_DOCUMENT_BYTES, MAX_NAMED_ACCOUNTS, MIN_VERIFICATION_NOTE } from "@/lib/policy/limits";
import { safeText } from "@/lib/validation/safe-text";
import { saneDate } from "@/lib/validation/sane-date";

// The bodies of the legal workspace's routes (POST /api/v1/legal/requests and its
// verification), also used by the intake form's server action. Every field is bounded; a
// document is base64 of at most MAX_LEGAL_DOCUMENT_BYTES, of a type a court document comes in.

const line = (max: number) => safeText.trim().min(1, "required").max(max);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
export const DOCUMENT_TYPES = ["application/pdf", "image/png", "image/jpeg", "text/plain"] as const;

const documentBody = z.strictObject({
  fileName: line(200),
  mediaType: z.enum(DOCUMENT_TYPES, { error: `a document must be one of ${DOCUMENT_TYPES.join(", ")}` }),
  contentBase64: z
    .string()
    .max(Math.ceil(MAX_LEGAL_DOCUMENT_BYTES / 3) * 4, `a document may be at most ${MAX_LEGAL_DOCUMENT_BYTES / 1024} KiB`)
    .regex(BASE64, "the document must be base64")
    .refine((s) => s.length > 0, "the document is empty"),
});

export const legalRequestBody = z
  .strictObject({
    reference: line(100),
    authority: line(200),
    officerName: line(200),
    officerEmail: safeText.trim().max(254).pipe(z.email("the officer's email is not an email address")),
    officerPhone: safeText.trim().min(5, "a phone number is required").max(40).regex(/^[+0-9 ()./-]+$/, "a phone number has digits, spaces and + ( ) . / - only"),
    instrument: z.enum(INSTRUMENTS),
    jurisdiction: z.enum(JURISDICTIONS),
    jurisdictionName: line(100),
    category: z.enum(CATEGORIES),
    /** Platform handles of the named accounts. */
    accountHandles: z.array(line(100)).min(1, "name at least one account").max(MAX_NAMED_ACCOUNTS),
    dateFrom: saneDate,
    dateTo: saneDate,
    dataTypes: z.array(z.enum(DATA_TYPES)).min(1, "ask for at least one data type").max(DATA_TYPES.length),
    dueAt: saneDate,
    emergencyJustification: safeText.trim().max(2000).optional(),
    document: documentBody.optional(),
    /** A non-disclosure order's end: no notice to the user before it; a "user notice due" task after (ADR 031). */
    nonDisclosureUntil: saneDate.optional(),
  })
  .refine((b) => b.dateFrom.getTime() <= b.dateTo.getTime(), { path: ["dateTo"], message: "the date range ends before it starts" })
  .refine((b) => new Set(b.dataTypes).size === b.dataTypes.length, { path: ["dataTypes"], message: "a data type is listed twice" });

export type LegalRequestBody = z.output<typeof legalRequestBody>;

export const verificationBody = z.strictObject({
  method: z.enum(["CALLBACK", "PORTAL", "IN_PERSON"]),
  passed: z.boolean(),
  note: safeText.trim().min(MIN_VERIFICATION_NOTE, `a note of at least ${MIN_VERIFICATION_NOTE} characters: what was checked, against what`).max(2000),
});

export type VerificationBody = z.output<typeof verificationBody>;

/** A status step taken by hand (lib/policy/legal-status.ts decides whether it may be). */
export const statusChangeBody = z.strictObject({
  to: z.enum(LEGAL_STATUSES),
  note: safeText.trim().max(2000).optional(),
});

/** How the user was told, once the non-disclosure order ended. */
export const userNoticeBody = z.strictObject({
  note: safeText.trim().min(MIN_VERIFICATION_NOTE, `a note of at least ${MIN_VERIFICATION_NOTE} characters: how and when the user was told`).max(2000),
});
