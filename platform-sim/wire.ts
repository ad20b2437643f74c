// The wire shapes the simulator exchanges with Custody, written from Custody's README (the
// intake and outbound contracts), not imported from its code: a platform only has the
// documentation, and the simulator is held to the same (dependency rule `platform-sim-speaks-http`).

export type Region = "US" | "EU";
export type Category = "HARASSMENT" | "THREATS" | "GROOMING" | "SCAM" | "HATE" | "SELF_HARM";
export type Action = "NO_VIOLATION" | "WARN" | "REMOVE_MESSAGE" | "RESTRICT_DMS" | "SUSPEND";

export type AccountFacts = { id: string; handle: string; displayName: string; dataRegion: Region; minor?: boolean; createdAt?: string };
export type ConversationDecl = { id: string; participantIds: string[] };
export type MessageItem = { id: string; conversationId: string; senderId: string; sentAt: string; text: string };

export type AccountsResult = { accepted: number; duplicate: number; accounts: { id: string; status: string }[] };
export type MessagesResult = { accepted: number; duplicate: number; flagged: number; messages: { id: string; status: string }[] };
export type ReportBody = { id: string; reporterId: string; conversationId: string; messageIds: string[]; category: Category; text?: string; priority?: number };
export type ReportResult = { reportId: string; caseId: string; newCase: boolean };
export type AppealBody = { id: string; decisionId: string; appellantId: string; text?: string };
export type AppealResult = { appealId: string; caseId: string };

/** The decision webhook's body (README, "Decisions out"): only the fields the platform acts on are read. */
export type DecisionWebhook = {
  type: "decision.created";
  data: {
    decisionId: string;
    caseId: string;
    caseNumber: number;
    action: Action;
    target: { accountId: string; messageIds: string[] };
    ground: { category: Category; basis: string };
    automatedDetection: boolean;
    reports: { reportId: string; actionTaken: boolean }[];
  };
};

const ACTIONS: readonly string[] = ["NO_VIOLATION", "WARN", "REMOVE_MESSAGE", "RESTRICT_DMS", "SUSPEND"];

/** Reads a verified body as a decision, or says why it is not one (the platform still answers 2xx only to decisions). */
export function readDecision(payload: unknown): { ok: true; decision: DecisionWebhook } | { ok: false; reason: string } {
  if (typeof payload !== "object" || payload === null) return { ok: false, reason: "body is not an object" };
  const p = payload as { type?: unknown; data?: Record<string, unknown> };
  if (p.type !== "decision.created") return { ok: false, reason: `unknown type ${JSON.stringify(p.type)}` };
  const d = p.data;
  if (!d || typeof d.decisionId !== "string" || typeof d.caseId !== "string" || typeof d.action !== "string" || !ACTIONS.includes(d.action)) return { ok: false, reason: "data lacks decisionId, caseId or a known action" };
  const target = d.target as { accountId?: unknown; messageIds?: unknown } | undefined;
  if (!target || typeof target.accountId !== "string" || !Array.isArray(target.messageIds)) return { ok: false, reason: "data.target lacks accountId or messageIds" };
  return { ok: true, decision: payload as DecisionWebhook };
}
