import { z } from "zod";

// The outbound decision webhook's body, as /work/notes/contract.md fixes it (README: "Decisions
// out"). Declared once: the outbox builds it, the tests and a platform verify against it.
// Platform ids only (the platform's own account, message and report ids); never DM content.

export const WEBHOOK_TYPE = "decision.created";

const platformId = z.string().min(1).max(200);

export const decisionWebhookSchema = z.strictObject({
  type: z.literal(WEBHOOK_TYPE),
  timestamp: z.iso.datetime(),
  data: z.strictObject({
    decisionId: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.number().int().positive(),
    action: z.enum(["NO_VIOLATION", "WARN", "REMOVE_MESSAGE", "RESTRICT_DMS", "SUSPEND"]),
    target: z.strictObject({ accountId: platformId, messageIds: z.array(platformId) }),
    ground: z.strictObject({
      category: z.enum(["HARASSMENT", "THREATS", "GROOMING", "SCAM", "HATE", "SELF_HARM"]),
      basis: z.enum(["USER_REPORT", "PROACTIVE_FLAG", "LEGAL_REQUEST", "EMERGENCY", "APPEAL"]),
      policy: z.string().min(1),
    }),
    automatedDetection: z.boolean(),
    automatedDecision: z.literal(false),
    facts: z.string(),
    decidedAt: z.iso.datetime(),
    appealOf: z.uuid().nullable(),
    reports: z.array(z.strictObject({ reportId: platformId, actionTaken: z.boolean() })),
  }),
});

export type DecisionWebhook = z.infer<typeof decisionWebhookSchema>;

/** The graphile-worker task that delivers one decision, and its job key (one live job per decision). */
export const DELIVER_TASK = "deliver_decision";
export const deliveryJobKey = (decisionId: string) => `decision-delivery:${decisionId}`;
