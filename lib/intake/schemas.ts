import { z } from "zod";
import { safeText } from "@/lib/validation/safe-text";
import { saneDate } from "@/lib/validation/sane-date";

// What the platform pushes to Custody. The same schemas validate the HTTP intake and the
// demo seed, which goes through the same ingestion code.

const externalId = safeText.trim().min(1).max(200);

export const accountInput = z.object({
  externalId,
  handle: safeText.trim().min(1).max(100),
  displayName: safeText.trim().min(1).max(200),
  isMinor: z.boolean().default(false),
  dataRegion: z.enum(["US", "EU"]),
  isProtected: z.boolean().default(false),
  protectedKind: safeText.max(50).nullable().default(null),
});
export type AccountInput = z.input<typeof accountInput>;

export const messagesInput = z.object({
  conversationExternalId: externalId,
  participantExternalIds: z.array(externalId).min(2).max(50),
  messages: z
    .array(
      z.object({
        externalId,
        senderExternalId: externalId,
        sentAt: saneDate,
        text: safeText.max(10_000),
        hasMedia: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(2_000),
});
export type MessagesInput = z.input<typeof messagesInput>;

export const CATEGORIES = ["HARASSMENT", "THREATS", "GROOMING", "SCAM", "HATE", "SELF_HARM"] as const;

export const reportInput = z.object({
  externalId,
  reporterExternalId: externalId,
  conversationExternalId: externalId,
  reportedMessageExternalIds: z.array(externalId).min(1).max(50),
  category: z.enum(CATEGORIES),
  text: safeText.trim().min(1).max(5_000),
  createdAt: saneDate.optional(),
  priority: z.number().int().min(1).max(4).optional(),
});
export type ReportInput = z.input<typeof reportInput>;
