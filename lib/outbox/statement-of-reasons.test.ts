import { describe, expect, it } from "vitest";
import { EU_MEMBER_STATES, isRestriction, toStatementOfReasons } from "./statement-of-reasons";

const base = { decisionId: "01a23808-32c1-722c-8219-71420f296e78", category: "HARASSMENT", basis: "USER_REPORT", automatedDetection: false, decidedAt: new Date("2026-11-03T10:00:00Z"), contentDate: new Date("2026-11-01T22:00:00Z"), hasMedia: false } as const;

describe("toStatementOfReasons", () => {
  it("maps each restriction to its Transparency Database decision field", () => {
    expect(toStatementOfReasons({ ...base, action: "REMOVE_MESSAGE" })).toMatchObject({ decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"] });
    expect(toStatementOfReasons({ ...base, action: "RESTRICT_DMS" })).toMatchObject({ decision_provision: "DECISION_PROVISION_PARTIAL_SUSPENSION" });
    expect(toStatementOfReasons({ ...base, action: "SUSPEND" })).toMatchObject({ decision_account: "DECISION_ACCOUNT_SUSPENDED" });
    expect(toStatementOfReasons({ ...base, action: "SUSPEND" })).not.toHaveProperty("decision_visibility");
  });

  it("fills the required v2 fields: ground, category, content, dates, source, automation, scope, puid", () => {
    expect(toStatementOfReasons({ ...base, action: "REMOVE_MESSAGE" })).toMatchObject({
      decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
      incompatible_content_ground: expect.stringContaining("Community Guidelines 3.1"),
      incompatible_content_illegal: "No",
      category: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
      category_specification: ["KEYWORD_CYBER_HARASSMENT"],
      content_type: ["CONTENT_TYPE_TEXT"],
      content_date: "2026-11-01",
      application_date: "2026-11-03",
      source_type: "SOURCE_ARTICLE_16",
      automated_detection: "No",
      automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
      territorial_scope: [...EU_MEMBER_STATES],
      puid: base.decisionId,
    });
    const flagged = toStatementOfReasons({ ...base, action: "SUSPEND", basis: "PROACTIVE_FLAG", automatedDetection: true, category: "GROOMING", hasMedia: true });
    expect(flagged).toMatchObject({ source_type: "SOURCE_VOLUNTARY", automated_detection: "Yes", category: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS", content_type: ["CONTENT_TYPE_TEXT", "CONTENT_TYPE_IMAGE"] });
  });

  it("states fixed facts from basis, category and action — the same words for every such decision", () => {
    const a = toStatementOfReasons({ ...base, action: "REMOVE_MESSAGE" });
    const b = toStatementOfReasons({ ...base, action: "REMOVE_MESSAGE", decisionId: "01a23808-3360-7729-a486-dc562a1155f6" });
    expect(a.decision_facts).toBe(b.decision_facts);
    expect(a.decision_facts).toMatch(/reported by another user.*harassment.*were removed/);
  });

  it("only restrictions have a statement", () => {
    expect(["NO_VIOLATION", "WARN", "REMOVE_MESSAGE", "RESTRICT_DMS", "SUSPEND"].filter((a) => isRestriction(a as never))).toEqual(["REMOVE_MESSAGE", "RESTRICT_DMS", "SUSPEND"]);
  });
});
