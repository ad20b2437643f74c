import type { Basis, CaseStatus, Category, Decision, Purpose, Role } from "@/lib/dto";
import type { BadgeTone } from "./ui/badge";

// Human words for the enums in lib/dto.ts. Records (not switch statements) so that adding an
// enum member is a type error here until it has a label.

export const CATEGORY_LABEL: Record<Category, string> = {
  HARASSMENT: "Harassment",
  THREATS: "Threats",
  GROOMING: "Grooming signals",
  SCAM: "Scam",
  HATE: "Hate",
  SELF_HARM: "Self-harm",
};
export const CATEGORIES = Object.keys(CATEGORY_LABEL) as Category[];

export const BASIS_LABEL: Record<Basis, string> = {
  USER_REPORT: "User report",
  PROACTIVE_FLAG: "Detection flag",
  LEGAL_REQUEST: "Legal request",
  EMERGENCY: "Emergency disclosure",
  APPEAL: "Appeal",
};

export const PURPOSE_LABEL: Record<Purpose, string> = {
  USER_REPORT: "User report review",
  PROACTIVE_FLAG: "Detection flag review",
  LEGAL_PROCESS: "Legal process",
  EMERGENCY: "Emergency disclosure",
  APPEAL: "Appeal review",
};
export const PURPOSES = Object.keys(PURPOSE_LABEL) as Purpose[];

export const STATUS_LABEL: Record<CaseStatus, string> = {
  OPEN: "Open",
  IN_REVIEW: "In review",
  ESCALATED: "Escalated",
  CLOSED: "Closed",
};

export const DECISION_LABEL: Record<Decision, string> = {
  NO_VIOLATION: "No violation",
  WARN: "Warn",
  REMOVE_MESSAGE: "Remove message",
  RESTRICT_DMS: "Restrict DMs",
  SUSPEND: "Suspend account",
  ESCALATE: "Escalate to lead",
};
export const DECISIONS = Object.keys(DECISION_LABEL) as Decision[];

export const ROLE_LABEL: Record<Role, string> = {
  REVIEWER: "Reviewer",
  LEAD: "Lead",
  LEGAL: "Legal",
  AUDITOR: "Auditor",
  ADMIN: "Admin",
};

/** Why a request needs a second person, as a short tag (lib/policy/approval-triggers.ts has the sentences). */
export const APPROVAL_REASON_LABEL: Record<string, string> = {
  PROTECTED_ACCOUNT: "Protected account",
  PURPOSE: "Purpose",
  WIDE_SCOPE: "Over 50 messages",
};

const PRIORITY: Record<number, { label: string; tone: BadgeTone }> = {
  1: { label: "P1 Urgent", tone: "danger" },
  2: { label: "P2 High", tone: "warning" },
  3: { label: "P3 Normal", tone: "neutral" },
  4: { label: "P4 Low", tone: "neutral" },
};

export function priorityLabel(priority: number): { label: string; tone: BadgeTone } {
  return PRIORITY[priority] ?? { label: `P${priority}`, tone: "neutral" };
}

export function caseNumber(n: number): string {
  return `#${n}`;
}
