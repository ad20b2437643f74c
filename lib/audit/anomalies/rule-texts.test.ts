import { describe, expect, it } from "vitest";
import { accountAcrossUnrelatedCases, denialBursts, type CaseLink } from "./rules-patterns";
import { readsWithoutDecision, type RuleContext } from "./rules-reads";
import { ruleText } from "./rule-texts";
import { ANOMALY_KINDS, DEFAULT_CONFIG, type AnomalyConfig, type LogEvent } from "./types";

// The anomaly page shows these words beside each rule's signals. An auditor who reads "5 or more
// refusals within 10 minutes" must be able to rely on the rule counting exactly that, so the
// texts are checked against the config the rules run on, and against the rules' own behaviour.

const NOW = new Date("2026-11-20T12:00:00Z");
const H = 3_600_000;
/** Every threshold moved away from its default, so a number written into the text shows up. */
const ODD: AnomalyConfig = {
  decisionWithinMs: 36 * H,
  purposesWithoutDecision: ["LEGAL_PROCESS", "EMERGENCY"],
  volumeRatio: 4,
  baselineDays: 21,
  volumeMinReads: 7,
  workingHours: { start: 9 * 60, end: 17 * 60 + 30 },
  burstCount: 8,
  burstWindowMs: 4 * 60_000,
  acrossCasesMin: 5,
};
const ctxOf = (config: AnomalyConfig): RuleContext => ({ now: NOW, config, caseLabel: (id) => `#${id}`, accountLabel: (id) => `@${id}` });

let seq = 0;
const ev = (over: Partial<LogEvent> & { at: Date }): LogEvent => {
  const { at, ...rest } = over;
  return { seq: String(++seq), occurredAt: at, actorId: "r1", actorEmail: "r1@custody.test", action: "CONTENT_READ", outcome: "ALLOWED", denialReason: null, caseId: "c1", conversationId: "v1", accountIds: [], purpose: "USER_REPORT", ...rest };
};

describe("anomaly rule texts", () => {
  it("word the default thresholds the rules run on", () => {
    const text = (k: (typeof ANOMALY_KINDS)[number]) => ruleText(k, DEFAULT_CONFIG);
    expect(text("DENIAL_BURST").description).toMatch(/^5 or more refusals within 10 minutes /);
    expect(text("NO_DECISION").title).toBe("Reads with no decision within 24 h");
    expect(text("NO_DECISION").description).toContain("Legal-process reads end in a disclosure");
    expect(text("VOLUME_SPIKE").title).toBe("Daily volume above 3× the reader's baseline");
    expect(text("VOLUME_SPIKE").description).toBe("A day with more than 3 times the reader's own average of the 14 days before (at least 10 reads).");
    expect(text("OFF_HOURS").description).toBe("Content read outside 07:00–19:00 UTC, set by CUSTODY_WORKING_HOURS.");
    expect(text("ACCOUNT_ACROSS_CASES").description).toContain(" in 3 or more cases ");
  });

  it("follow every threshold of the config, not a copy of the defaults", () => {
    const text = (k: (typeof ANOMALY_KINDS)[number]) => ruleText(k, ODD);
    expect(text("DENIAL_BURST").description).toMatch(/^8 or more refusals within 4 minutes /);
    expect(text("NO_DECISION").title).toBe("Reads with no decision within 36 h");
    expect(text("NO_DECISION").description).toContain("within 36 h of the read. Legal-process and emergency reads");
    expect(text("VOLUME_SPIKE").title).toBe("Daily volume above 4× the reader's baseline");
    expect(text("VOLUME_SPIKE").description).toBe("A day with more than 4 times the reader's own average of the 21 days before (at least 7 reads).");
    expect(text("OFF_HOURS").description).toContain("outside 09:00–17:30 UTC");
    expect(text("ACCOUNT_ACROSS_CASES").description).toContain(" in 5 or more cases ");
  });

  it("give every kind a title and a description", () => {
    for (const kind of ANOMALY_KINDS) {
      const { title, description } = ruleText(kind, DEFAULT_CONFIG);
      expect(title.length, kind).toBeGreaterThan(5);
      expect(description, kind).toMatch(/\.$/);
    }
  });

  it("state the burst the rule counts: burstCount denials within the window, not one fewer", () => {
    const ctx = ctxOf(ODD);
    const denials = (n: number) => Array.from({ length: n }, (_, i) => ({ ...ev({ at: new Date(NOW.getTime() - i * 30_000), outcome: "DENIED" as const }), actorKey: "r1" }));
    expect(denialBursts(denials(ODD.burstCount - 1), ctx)).toHaveLength(0);
    expect(denialBursts(denials(ODD.burstCount), ctx)).toHaveLength(1);
  });

  it("state the deadline the rule applies to a read without a decision", () => {
    const ctx = ctxOf(ODD);
    const read = (hoursAgo: number) => ({ ...ev({ at: new Date(NOW.getTime() - hoursAgo * H) }), nextDecisionAt: null });
    expect(readsWithoutDecision([read(35)], ctx)).toHaveLength(0);
    const [late] = readsWithoutDecision([read(36)], ctx);
    expect(late?.summary).toMatch(/no decision within 36 h$/);
    expect(readsWithoutDecision([{ ...read(40), purpose: "EMERGENCY" }], ctx)).toHaveLength(0);
  });

  it("state how many unrelated cases the rule needs", () => {
    const ctx = ctxOf(ODD);
    const cases = new Map<string, CaseLink>(Array.from({ length: 5 }, (_, i) => [`c${i}`, { conversationId: `v${i}`, appealOfId: null }]));
    const reads = (n: number) => Array.from({ length: n }, (_, i) => ev({ at: NOW, caseId: `c${i}`, conversationId: `v${i}`, accountIds: ["a1"] }));
    expect(accountAcrossUnrelatedCases(reads(ODD.acrossCasesMin - 1), cases, ctx)).toHaveLength(0);
    expect(accountAcrossUnrelatedCases(reads(ODD.acrossCasesMin), cases, ctx)).toHaveLength(1);
  });
});
