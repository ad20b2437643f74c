import { z } from "zod";
import { EARLIEST_DATE, LATEST_DATE } from "@/lib/validation/sane-date";
import { safeText } from "@/lib/validation/safe-text";
import { IMAGE_TYPES } from "./images";
import { MAX_ATTACHMENTS, MAX_BATCH_ITEMS, MAX_IMAGE_BYTES, MAX_MESSAGE_TEXT, MAX_PARTICIPANTS, MAX_REPORTED_MESSAGES } from "./limits";

// The wire contract of the platform intake (POST /api/v1/intake/*), declared once: the routes
// parse with these, the seed and the tests build their batches with them, and the OpenAPI
// document (lib/http/openapi-document.ts) is generated from them. Objects are strict: a
// misspelt field (`minr` for `minor`) is refused by name rather than silently defaulted.

const RANGE = "expected a date between 1970 and 9999";

/** A platform id: opaque, 1–200 characters of safe text, no surrounding whitespace. */
export const platformId = safeText
  .min(1)
  .max(200)
  .refine((s) => s.trim() === s, "must not start or end with whitespace")
  .meta({ description: "The platform's own id (opaque, 1–200 characters)", example: "u_1" });

/** An ISO 8601 date-time with an offset (`2026-11-01T10:00:00Z`), within 1970–9999. */
export const wireDate = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .pipe(z.date().min(EARLIEST_DATE, RANGE).max(LATEST_DATE, RANGE))
  .meta({ description: "ISO 8601 date-time with offset", example: "2026-11-01T10:00:00Z" });

const custodyId = z.uuid().meta({ description: "A Custody id (UUID)" });

export const REGIONS = ["US", "EU"] as const;
export const CATEGORIES = ["HARASSMENT", "THREATS", "GROOMING", "SCAM", "HATE", "SELF_HARM"] as const;
export const imageType = z.enum(IMAGE_TYPES);
const base64Image = z
  .base64()
  .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4, `the image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`)
  .meta({ description: `The image bytes in base64 (at most ${MAX_IMAGE_BYTES / 1024 / 1024} MiB decoded), checked against contentType by their magic bytes` });

// ── accounts ──────────────────────────────────────────────────────────────────────────────

export const accountItem = z
  .object({
    id: platformId,
    handle: safeText.trim().min(1).max(100),
    displayName: safeText.trim().min(1).max(200),
    dataRegion: z.enum(REGIONS),
    minor: z.boolean().default(false),
    protected: z.boolean().default(false).meta({ description: "A journalist, an official, a staff member's own account: opening needs a second person" }),
    protectedKind: safeText.trim().min(1).max(50).nullable().default(null),
    createdAt: wireDate.optional().meta({ description: "When the account was created on the platform" }),
  })
  .strict()
  .meta({ id: "IntakeAccount" });

export const accountsBatch = z.object({ accounts: z.array(accountItem).min(1).max(MAX_BATCH_ITEMS) }).strict();
export type AccountsBatch = z.output<typeof accountsBatch>;

export const accountsResult = z
  .object({
    accepted: z.number().int(),
    duplicate: z.number().int(),
    refused: z.literal(0).meta({ description: "Always 0: a batch with a bad item is refused whole" }),
    accounts: z.array(z.object({ id: platformId, status: z.enum(["created", "updated", "unchanged"]) })),
  })
  .meta({ id: "IntakeAccountsResult" });
export type AccountsResult = z.output<typeof accountsResult>;

// ── messages ──────────────────────────────────────────────────────────────────────────────

export const inlineAttachment = z.object({ contentType: imageType, data: base64Image }).strict().meta({ id: "InlineImage" });
export const uploadedAttachment = z.object({ uploadId: custodyId.meta({ description: "From POST /api/v1/intake/uploads, for the same conversation" }) }).strict().meta({ id: "UploadedImage" });

export const conversationItem = z
  .object({ id: platformId, participantIds: z.array(platformId).min(2).max(MAX_PARTICIPANTS) })
  .strict()
  .meta({ id: "IntakeConversation", description: "Declares a conversation (or adds participants to a stored one)" });

export const messageItem = z
  .object({
    id: platformId,
    conversationId: platformId,
    senderId: platformId,
    sentAt: wireDate,
    text: safeText.max(MAX_MESSAGE_TEXT).meta({ description: "The DM text; encrypted before it is stored, never logged" }),
    attachments: z.array(z.union([inlineAttachment, uploadedAttachment])).max(MAX_ATTACHMENTS).default([]),
  })
  .strict()
  .meta({ id: "IntakeMessage" });

export const messagesBatch = z
  .object({
    conversations: z.array(conversationItem).max(MAX_BATCH_ITEMS).default([]),
    messages: z.array(messageItem).max(MAX_BATCH_ITEMS),
  })
  .strict()
  .refine((b) => b.messages.length > 0 || b.conversations.length > 0, { message: "send at least one message or conversation", path: ["messages"] });
export type MessagesBatch = z.output<typeof messagesBatch>;
export type MessageItem = MessagesBatch["messages"][number];

export const messagesResult = z
  .object({
    accepted: z.number().int(),
    duplicate: z.number().int(),
    flagged: z.number().int().meta({ description: "Messages proactive detection flagged in this batch" }),
    messages: z.array(z.object({ id: platformId, status: z.enum(["accepted", "duplicate"]) })),
  })
  .meta({ id: "IntakeMessagesResult" });
export type MessagesResult = z.output<typeof messagesResult>;

// ── uploads ───────────────────────────────────────────────────────────────────────────────

export const uploadBody = z.object({ conversationId: platformId, contentType: imageType, data: base64Image }).strict();
export type UploadBody = z.output<typeof uploadBody>;
export const uploadResult = z.object({ uploadId: custodyId }).meta({ id: "IntakeUploadResult" });

// ── reports ───────────────────────────────────────────────────────────────────────────────

export const reportBody = z
  .object({
    id: platformId,
    reporterId: platformId,
    conversationId: platformId,
    messageIds: z.array(platformId).min(1).max(MAX_REPORTED_MESSAGES),
    category: z.enum(CATEGORIES),
    text: safeText.trim().max(5_000).default("").meta({ description: "The reporter's own words" }),
    createdAt: wireDate.optional(),
    priority: z.number().int().min(1).max(4).optional().meta({ description: "The platform's triage (1 = most urgent); default from the category" }),
  })
  .strict();
export type ReportBody = z.output<typeof reportBody>;
export const reportResult = z.object({ reportId: custodyId, caseId: custodyId, newCase: z.boolean() }).meta({ id: "IntakeReportResult" });
export type ReportResult = z.output<typeof reportResult>;

// ── appeals ───────────────────────────────────────────────────────────────────────────────

export const appealBody = z
  .object({
    id: platformId,
    decisionId: custodyId.meta({ description: "The decisionId of the decision webhook being appealed" }),
    appellantId: platformId,
    text: safeText.trim().max(5_000).default("").meta({ description: "The appellant's own words" }),
    createdAt: wireDate.optional(),
  })
  .strict();
export type AppealBody = z.output<typeof appealBody>;
export const appealResult = z.object({ appealId: custodyId, caseId: custodyId.meta({ description: "The APPEAL case" }) }).meta({ id: "IntakeAppealResult" });
export type AppealResult = z.output<typeof appealResult>;
