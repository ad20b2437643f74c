// Shapes that cross from the server to the browser. Built in lib/ with explicit selects;
// components render them and never see database rows. No DM plaintext except ThreadMessage.text,
// which only the content route (lib/access) fills in.

import type { CanonicalEventFields } from "@/lib/log/events/event-columns";
import type { CaseStatus, Category, Decision, GrantStatus, Outcome } from "@/lib/policy/enums";
import type { Basis, Purpose } from "@/lib/policy/purposes";
import type { Region, Role } from "@/lib/policy/roles";

// The enums are lib/policy's, re-exported so a DTO's consumers need one import; declare none here.
export type { Basis, CaseStatus, Category, Decision, Outcome, Purpose, Region, Role };

export type StaffSummary = { id: string; name: string; email: string; roles: Role[]; regions: Region[] };

export type QueueItem = {
  id: string;
  number: number;
  basis: Basis;
  category: Category;
  priority: number; // 1 = most urgent
  status: CaseStatus;
  createdAt: string; // ISO
  reporterCount: number;
  dataRegions: Region[];
  involvesMinor: boolean;
  /** A participant is a protected account: opening the thread needs second-person approval. */
  involvesProtected: boolean;
  assignee: { id: string; name: string } | null;
};

export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

export type Participant = {
  accountId: string;
  handle: string; // "Participant 3" when masked
  displayName: string | null;
  dataRegion: Region;
  isMinor: boolean;
  isProtected: boolean;
  role: "REPORTER" | "REPORTED" | "OTHER";
  masked: boolean;
};

export type GrantSummary = {
  id: string;
  purpose: Purpose;
  justification: string;
  scopeFrom: number;
  scopeTo: number;
  createdAt: string;
  expiresAt: string;
  status: GrantStatus;
  /** Why a second person must approve (PROTECTED_ACCOUNT, PURPOSE, WIDE_SCOPE); empty if not. */
  approvalReasons: string[];
  /** Set on a pending widening: the live grant it will replace once approved. */
  replacesGrantId: string | null;
};

export type ReportSummary = {
  id: string;
  category: Category;
  text: string; // the reporter's own words to the platform, not DM content
  createdAt: string;
  reportedPositions: number[];
};

export type CaseDetail = {
  id: string;
  number: number;
  basis: Basis;
  category: Category;
  status: CaseStatus;
  priority: number;
  createdAt: string;
  claimedAt: string | null;
  assignee: { id: string; name: string } | null;
  decision: { decision: Decision; note: string; decidedAt: string; decidedBy: string; delivery: DeliveryState | null } | null;
  /** The participant a decision applies to unless the reviewer picks another: the sender of the reported or flagged messages. */
  defaultTargetId: string | null;
  reports: ReportSummary[];
  /** Detection flags that opened or joined this case (rule and version; never what matched). */
  flags: CaseFlag[];
  participants: Participant[];
  messageCount: number;
  /** The signed-in member's live grant on this case. */
  activeGrant: GrantSummary | null;
  /** Their request (or widening) awaiting second-person approval. */
  pendingGrant: GrantSummary | null;
  defaultPurpose: Purpose;
  /** The purposes a grant request here may carry (lib/policy purposesFor): the only ones the form offers. */
  purposes: Purpose[];
  // What the signed-in staff member may do here; the server decides again on every request.
  may: { claim: boolean; requestGrant: boolean; decide: boolean; expandScope: boolean };
};

export type ThreadMessage = {
  id: string;
  position: number;
  sender: { accountId: string; handle: string };
  sentAt: string;
  text: string;
  hasMedia: boolean;
  reported: boolean;
};

export type CaseMessagesResponse = {
  caseId: string;
  grant: { id: string; purpose: Purpose; expiresAt: string; scopeFrom: number; scopeTo: number };
  messageCount: number;
  messages: ThreadMessage[];
  scope: { from: number; to: number; hasEarlier: boolean; hasLater: boolean };
  eventSeq: string;
};

/** One event as the auditor's search returns it: the declared fields (event-columns.ts), the actor grouped, the case's number. */
export type AuditEvent = Pick<CanonicalEventFields, "seq" | "occurredAt" | "action" | "outcome" | "denialReason" | "caseId" | "conversationId" | "accountIds" | "messageIds" | "purpose" | "justification" | "grantId" | "requestId"> & {
  actor: { id: CanonicalEventFields["actorId"]; email: CanonicalEventFields["actorEmail"]; roles: CanonicalEventFields["actorRoles"] };
  caseNumber: number | null;
};

/** `unmatched` says which filter matched nothing (an unknown actor, case or account). */
export type AuditPage = { items: AuditEvent[]; nextCursor: string | null; unmatched: string | null };

export type StaffRef = { id: string; name: string; email: string };

/** A request awaiting second-person approval, as an approver sees it (never content). */
export type ApprovalItem = {
  grantId: string;
  caseId: string;
  caseNumber: number;
  purpose: Purpose;
  justification: string;
  requester: StaffRef;
  scopeFrom: number;
  scopeTo: number;
  messageCount: number;
  approvalReasons: string[];
  requestedAt: string;
  approvalDueAt: string;
  /** Set when the signed-in approver may not decide it, with the policy's reason. */
  blocked: { reason: string; message: string } | null;
  isExpansion: boolean;
};

export type LiveGrantItem = {
  grantId: string;
  caseId: string;
  caseNumber: number;
  holder: StaffRef;
  purpose: Purpose;
  scopeFrom: number;
  scopeTo: number;
  createdAt: string;
  expiresAt: string;
  approvedBy: string | null;
};

/** An approved emergency grant awaiting its after-the-fact review. */
export type EmergencyReviewItem = {
  grantId: string;
  caseId: string;
  caseNumber: number;
  holder: StaffRef;
  approvedBy: string | null;
  justification: string;
  approvedAt: string | null;
  expiresAt: string;
  /** Still live, or how it ended. */
  state: "live" | "expired" | "ended";
  /** Content reads under the grant, and how many messages they revealed in all. */
  reads: number;
  messagesRevealed: number;
  /** Why this reviewer may not review it (they held or approved it, residency, …), or null. */
  blocked: { reason: string; message: string } | null;
};

export type ApprovalsPage = { pending: ApprovalItem[]; live: LiveGrantItem[] | null; emergencyReviews: EmergencyReviewItem[] | null };

export type HistoryKind = "all" | "reads" | "grants" | "denials";

/** One event the signed-in member caused, as their own history shows it. */
export type MyAccessEvent = Pick<CanonicalEventFields, "seq" | "occurredAt" | "action" | "outcome" | "denialReason" | "caseId" | "purpose" | "justification"> & {
  caseNumber: number | null;
  messageCount: number;
};

export type MyGrant = GrantSummary & {
  caseId: string;
  caseNumber: number;
  /** An ACTIVE grant whose time is up (grants expire by the clock, not by a status change). */
  expired: boolean;
  endedReason: string | null;
  approvedBy: string | null;
  reviewNote: string | null;
};

export type MyAccessPage = { grants: MyGrant[]; events: MyAccessEvent[]; nextCursor: string | null };

/** One event by a member of the review team, as a lead's team history shows it. */
export type TeamAccessEvent = MyAccessEvent & { actor: { id: string | null; email: string | null } };

export type TeamMember = { id: string; name: string; email: string; disabled: boolean };

export type TeamAccessPage = { members: TeamMember[]; events: TeamAccessEvent[]; nextCursor: string | null };

export type StaffLink = { accountId: string; handle: string; relation: string };

/** A staff member as the admin page shows them. */
export type StaffAdminItem = {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  regions: Region[];
  disabled: boolean;
  totpEnrolled: boolean;
  links: StaffLink[];
  createdAt: string;
};

export type ApiError = { error: { code: string; message: string } };

/** How a decision's webhook to the platform stands (lib/outbox). No content, no platform ids. */
export type DeliveryState = {
  status: "QUEUED" | "DELIVERED" | "FAILING" | "GIVEN_UP";
  attempts: number;
  deliveredAt: string | null;
  lastAttemptAt: string | null;
  /** The last failure: an HTTP status or a short connection error. */
  lastError: string | null;
  nextAttemptAt: string | null;
  givenUpAt: string | null;
  /** False when this server has no CUSTODY_PLATFORM_WEBHOOK_URL: nothing is sending it. */
  endpointConfigured: boolean;
};

/** A decision whose delivery has not succeeded, as an admin sees it (never content). */
export type UndeliveredDecision = {
  decisionId: string;
  caseNumber: number;
  action: Decision;
  category: Category;
  decidedAt: string;
  delivery: DeliveryState;
};

// ─── Proactive detection (issue 9 §2) ───
export type DetectionRuleDefinition =
  | { kind: "terms"; terms: string[]; near: { terms: string[]; within: number } | null }
  | { kind: "signals"; signals: { label: string; terms: string[] }[]; threshold: number; windowDays: number };

export type DetectionRuleVersionItem = {
  version: number;
  rulesetVersion: number;
  name: string;
  category: Category;
  severity: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
  enabled: boolean;
  definition: DetectionRuleDefinition;
  changedBy: string | null;
  changedAt: string;
};

export type DetectionRuleItem = DetectionRuleVersionItem & { id: string; flags: number };

export type DetectionRuleDetail = DetectionRuleItem & { history: DetectionRuleVersionItem[] };

/** What the test box found in the text the lead typed (the text itself is not kept). */
export type RuleTestResult = {
  matched: boolean;
  terms: string[];
  signals: { label: string; found: boolean; terms: string[] }[] | null;
  /** Signals rules: a pattern needs several messages; this says whether the typed text alone would complete it. */
  threshold: number | null;
};

export type DetectionRegionItem = { region: Region; enabled: boolean; isDefault: boolean; changedBy: string | null; changedAt: string | null; note: string };

export type CaseFlag = { ruleId: string; ruleName: string; ruleVersion: number; severity: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL"; positions: number[]; flaggedAt: string };

/** One of the signed-in member's passkeys, as the account page lists it (never the key itself). */
export type PasskeyItem = { id: string; name: string; createdAt: string; lastUsedAt: string | null };
