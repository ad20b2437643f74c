import type { ApprovalTrigger } from "@/lib/policy/approval-triggers";
import type { Severity } from "@/lib/policy/detection";
import type { CaseStatus, Category, Decision } from "@/lib/policy/enums";
import { WIDE_SCOPE_MESSAGES } from "@/lib/policy/limits";
import type { Basis, Purpose } from "@/lib/policy/purposes";
import type { Role } from "@/lib/policy/roles";
import type { BadgeTone } from "./ui/badge";

// Human words for lib/policy's enums. Records (not switch statements) so that adding an enum
// member is a type error here until it has a label; the lists themselves are lib/policy's.

export const CATEGORY_LABEL: Record<Category, string> = {
  HARASSMENT: "Harassment",
  THREATS: "Threats",
  GROOMING: "Grooming signals",
  SCAM: "Scam",
  HATE: "Hate",
  SELF_HARM: "Self-harm",
};

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

export const ROLE_LABEL: Record<Role, string> = {
  REVIEWER: "Reviewer",
  LEAD: "Lead",
  LEGAL: "Legal",
  AUDITOR: "Auditor",
  ADMIN: "Admin",
};

/** Why a request needs a second person, as a short tag (lib/policy/approval-triggers.ts has the sentences). */
export const APPROVAL_REASON_LABEL: Record<ApprovalTrigger, string> = {
  PROTECTED_ACCOUNT: "Protected account",
  PURPOSE: "Purpose",
  WIDE_SCOPE: `Over ${WIDE_SCOPE_MESSAGES} messages`,
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

export const SEVERITY_LABEL: Record<Severity, string> = { CRITICAL: "Critical", HIGH: "High", MEDIUM: "Medium", LOW: "Low" };
export const SEVERITY_TONE: Record<Severity, BadgeTone> = { CRITICAL: "danger", HIGH: "warning", MEDIUM: "accent", LOW: "neutral" };
