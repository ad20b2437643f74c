import type { Category } from "@/lib/policy/enums";
import { type FinalDecision, POLICY_GROUNDS } from "@/lib/policy/policy-grounds";
import type { Basis } from "@/lib/policy/purposes";

// A decision as a DSA Art. 17 statement of reasons, in the EU Transparency Database's API v2
// field names and values (the body of its POST /api/v1/statements, one item of "statements").
// It carries no personal data: no account, handle, name, message or report id, and no free
// text. The facts are a fixed sentence built from the basis, the category and the action —
// never the reviewer's note, which may name or quote people. `puid` is the decision id, which
// identifies the decision, not a person.
//
// Only restrictions need a statement (Art. 17(1)): NO_VIOLATION and WARN restrict nothing and
// have none. Territorial scope: the EU member states, for decisions on EU-region accounts.

export const EU_MEMBER_STATES = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"] as const;

export type StatementInput = {
  decisionId: string;
  action: FinalDecision;
  category: Category;
  basis: Basis;
  automatedDetection: boolean;
  decidedAt: Date;
  /** When the content concerned was sent (the earliest reported, flagged or removed message). */
  contentDate: Date;
  hasMedia: boolean;
};

const CATEGORY: Record<Category, { category: string; specification?: string; words: string }> = {
  HARASSMENT: { category: "STATEMENT_CATEGORY_CYBER_VIOLENCE", specification: "KEYWORD_CYBER_HARASSMENT", words: "harassment" },
  THREATS: { category: "STATEMENT_CATEGORY_CYBER_VIOLENCE", specification: "KEYWORD_CYBER_BULLYING_INTIMIDATION", words: "threats or intimidation" },
  GROOMING: { category: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS", specification: "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS", words: "grooming of a minor" },
  SCAM: { category: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", words: "a scam" },
  HATE: { category: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", specification: "KEYWORD_HATE_SPEECH", words: "hate speech" },
  SELF_HARM: { category: "STATEMENT_CATEGORY_SELF_HARM", words: "encouragement of self-harm" },
};

const SOURCE: Record<Basis, { source: string; words: string }> = {
  USER_REPORT: { source: "SOURCE_ARTICLE_16", words: "reported by another user" },
  PROACTIVE_FLAG: { source: "SOURCE_VOLUNTARY", words: "flagged by automated detection" },
  LEGAL_REQUEST: { source: "SOURCE_TYPE_OTHER_NOTIFICATION", words: "the subject of a legal request" },
  EMERGENCY: { source: "SOURCE_VOLUNTARY", words: "the subject of an emergency review" },
  APPEAL: { source: "SOURCE_TYPE_OTHER_NOTIFICATION", words: "reviewed again on appeal" },
};

type Restriction = Exclude<FinalDecision, "NO_VIOLATION" | "WARN">;

const RESTRICTION: Record<Restriction, { fields: Record<string, unknown>; words: string }> = {
  REMOVE_MESSAGE: { fields: { decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"] }, words: "The messages concerned were removed." },
  RESTRICT_DMS: { fields: { decision_provision: "DECISION_PROVISION_PARTIAL_SUSPENSION" }, words: "The account's ability to send direct messages was restricted." },
  SUSPEND: { fields: { decision_account: "DECISION_ACCOUNT_SUSPENDED" }, words: "The account was suspended." },
};

export function isRestriction(action: FinalDecision): action is Restriction {
  return action in RESTRICTION;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function toStatementOfReasons(d: StatementInput & { action: Restriction }): Record<string, unknown> {
  const c = CATEGORY[d.category];
  const r = RESTRICTION[d.action];
  const ground = POLICY_GROUNDS[d.category];
  return {
    ...r.fields,
    account_type: "ACCOUNT_TYPE_PRIVATE",
    decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
    incompatible_content_ground: ground,
    incompatible_content_explanation: `A reviewer found direct messages sent by the account to be ${c.words}, which ${ground.split(":")[0]} prohibits.`,
    incompatible_content_illegal: "No",
    category: c.category,
    ...(c.specification ? { category_specification: [c.specification] } : {}),
    content_type: d.hasMedia ? ["CONTENT_TYPE_TEXT", "CONTENT_TYPE_IMAGE"] : ["CONTENT_TYPE_TEXT"],
    content_date: day(d.contentDate),
    application_date: day(d.decidedAt),
    territorial_scope: [...EU_MEMBER_STATES],
    decision_facts: `Direct messages sent by the account were ${SOURCE[d.basis].words}. A trust-and-safety reviewer read them under a logged, purpose-bound access grant and found ${c.words}, contrary to ${ground.split(":")[0]}. ${r.words}`,
    source_type: SOURCE[d.basis].source,
    automated_detection: d.automatedDetection ? "Yes" : "No",
    automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
    puid: d.decisionId,
  };
}
