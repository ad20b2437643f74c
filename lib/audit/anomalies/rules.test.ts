import { describe, expect, it } from "vitest";
import { accountAcrossUnrelatedCases, denialBursts, unrelatedGroups, volumeSignal, volumeSpikes, type CaseLink, type DailyReads } from "./rules-patterns";
import { protectedAccountReads, readsOutsideWorkingHours, readsWithoutDecision, type RuleContext } from "./rules-reads";
import { DEFAULT_CONFIG, EVIDENCE_LIMIT, type LogEvent } from "./types";
import { isOutsideWorkingHours, parseWorkingHours } from "@/lib/config/working-hours";

const NOW = new Date("2026-11-20T12:00:00Z");
const H = 3_600_000;
const ctx: RuleContext = { now: NOW, config: DEFAULT_CONFIG, caseLabel: (id) => `#${id}`, accountLabel: (id) => `@${id}` };
let seq = 0;

function ev(over: Partial<LogEvent> & { at: Date | string }): LogEvent {
  const { at, ...rest } = over;
  return {
    seq: String(++seq),
    occurredAt: typeof at === "string" ? new Date(at) : at,
    actorId: "r1",
    actorEmail: "r1@custody.test",
    action: "CONTENT_READ",
    outcome: "ALLOWED",
    denialReason: null,
    caseId: "c1",
    conversationId: "v1",
    accountIds: [],
    purpose: "USER_REPORT",
    ...rest,
  };
}
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe("working hours", () => {
  it("parses HH:MM-HH:MM, including hours that wrap midnight, and refuses anything else", () => {
    expect(parseWorkingHours("07:00-19:00")).toEqual({ start: 420, end: 1140 });
    expect(parseWorkingHours(" 22:00 – 06:30 ")).toEqual({ start: 1320, end: 390 });
    expect(parseWorkingHours("00:00-24:00")).toEqual({ start: 0, end: 1440 });
    for (const bad of ["", "7-19", "07:00", "25:00-26:00", "07:60-19:00", "09:00-09:00", "07:00-24:30"]) expect(parseWorkingHours(bad), bad).toBeNull();
  });

  it("counts the start as inside and the end as outside", () => {
    const h = { start: 420, end: 1140 };
    expect(isOutsideWorkingHours(new Date("2026-11-20T07:00:00Z"), h)).toBe(false);
    expect(isOutsideWorkingHours(new Date("2026-11-20T06:59:59Z"), h)).toBe(true);
    expect(isOutsideWorkingHours(new Date("2026-11-20T18:59:59Z"), h)).toBe(false);
    expect(isOutsideWorkingHours(new Date("2026-11-20T19:00:00Z"), h)).toBe(true);
    const night = { start: 1320, end: 360 };
    expect(isOutsideWorkingHours(new Date("2026-11-20T23:30:00Z"), night)).toBe(false);
    expect(isOutsideWorkingHours(new Date("2026-11-20T12:00:00Z"), night)).toBe(true);
  });
});

describe("reads with no decision within 24 h", () => {
  const read = (at: Date, next: Date | null, over: Partial<LogEvent> = {}) => ({ ...ev({ at, ...over }), nextDecisionAt: next });

  it("flags a read never decided or decided later than 24 h, once it is 24 h old", () => {
    const rows = [
      read(ago(30 * H), null), // never decided: late
      read(ago(30 * H), new Date(ago(30 * H).getTime() + 25 * H), { caseId: "c2" }), // decided after 25 h: late
      read(ago(30 * H), new Date(ago(30 * H).getTime() + 24 * H), { caseId: "c3" }), // exactly 24 h: in time
      read(ago(23 * H), null, { caseId: "c4" }), // not 24 h old yet
    ];
    const signals = readsWithoutDecision(rows, ctx);
    expect(signals.map((s) => s.evidence[0]!.caseId)).toEqual(["c1", "c2"]);
    expect(signals[0]!.summary).toBe("1 read of case #c1 with no decision within 24 h");
  });

  it("leaves out denied reads, other actions and legal-process reads, and groups per reader and case", () => {
    const rows = [
      read(ago(48 * H), null),
      read(ago(47 * H), null),
      read(ago(47 * H), null, { actorId: "r2" }),
      read(ago(48 * H), null, { outcome: "DENIED" }),
      read(ago(48 * H), null, { action: "GRANT_REQUESTED" }),
      read(ago(48 * H), null, { purpose: "LEGAL_PROCESS" }),
    ];
    const signals = readsWithoutDecision(rows, ctx);
    expect(signals.map((s) => [s.actor.id, s.evidenceCount])).toEqual([
      ["r1", 2],
      ["r2", 1],
    ]);
  });
});

describe("reads outside working hours", () => {
  it("groups off-hours reads per reader and UTC day, ignoring reads inside hours", () => {
    const reads = [ev({ at: "2026-11-19T05:10:00Z" }), ev({ at: "2026-11-19T22:00:00Z" }), ev({ at: "2026-11-19T12:00:00Z" }), ev({ at: "2026-11-18T23:00:00Z" })];
    const signals = readsOutsideWorkingHours(reads, ctx);
    expect(signals.map((s) => [s.summary, s.evidenceCount])).toEqual([
      ["2 reads on 2026-11-19 outside working hours (07:00–19:00 UTC)", 2],
      ["1 read on 2026-11-18 outside working hours (07:00–19:00 UTC)", 1],
    ]);
    expect(signals[0]!.evidence.map((e) => e.occurredAt.toISOString())).toEqual(["2026-11-19T22:00:00.000Z", "2026-11-19T05:10:00.000Z"]);
  });
});

describe("reads of protected accounts", () => {
  const prot = { kinds: new Map([["p1", "journalist"]]), byConversation: new Map([["v9", ["p1"]]]) };
  it("catches the account as a sender of revealed messages or as a participant of the conversation read", () => {
    const reads = [ev({ at: ago(H), accountIds: ["p1", "a2"] }), ev({ at: ago(2 * H), conversationId: "v9", accountIds: ["a3"] }), ev({ at: ago(H), accountIds: ["a4"] }), ev({ at: ago(H), accountIds: ["p1"], outcome: "DENIED" })];
    const signals = protectedAccountReads(reads, prot, ctx);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.summary).toBe("2 reads of protected account @p1 (journalist)");
  });
});

describe("daily volume against the reader's own baseline", () => {
  const days = (actorId: string, counts: Record<string, number>): DailyReads[] => Object.entries(counts).map(([day, reads]) => ({ actorId, actorEmail: null, day, reads }));
  const fortnight = (perDay: number) => Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`2026-11-${String(5 + i).padStart(2, "0")}`, perDay]));

  it("flags a day above 3× the 14-day average, not at exactly 3×, and not below the minimum", () => {
    expect(volumeSpikes(days("r1", { ...fortnight(4), "2026-11-19": 13 }), ["2026-11-19"], ctx).map((s) => s.baseline)).toEqual([4]);
    expect(volumeSpikes(days("r1", { ...fortnight(4), "2026-11-19": 12 }), ["2026-11-19"], ctx)).toEqual([]);
    expect(volumeSpikes(days("r1", { ...fortnight(1), "2026-11-19": 9 }), ["2026-11-19"], ctx)).toEqual([]);
  });

  it("counts days without reads as zero, and judges each reader against themselves", () => {
    const daily = [...days("r1", { "2026-11-10": 14, "2026-11-19": 10 }), ...days("r2", { ...fortnight(20), "2026-11-19": 50 })];
    const spikes = volumeSpikes(daily, ["2026-11-19"], ctx);
    expect(spikes.map((s) => [s.actorId, s.baseline])).toEqual([["r1", 1]]);
    const sig = volumeSignal(spikes[0]!, [ev({ at: "2026-11-19T10:00:00Z" })], ctx);
    expect(sig.summary).toBe("10 reads on 2026-11-19, 10.0× their average of 1.0 a day in the 14 days before");
    expect(sig.evidenceCount).toBe(10);
  });
});

describe("bursts of denials", () => {
  const denial = (minute: number, actorKey = "r1") => ({ ...ev({ at: new Date(Date.parse("2026-11-19T10:00:00Z") + minute * 60_000), outcome: "DENIED" }), actorKey });

  it("needs 5 denials within 10 minutes by one actor", () => {
    expect(denialBursts([0, 2, 4, 6, 10].map((m) => denial(m)), ctx)).toHaveLength(1);
    expect(denialBursts([0, 2, 4, 6].map((m) => denial(m)), ctx)).toEqual([]);
    expect(denialBursts([0, 3, 6, 9, 11].map((m) => denial(m)), ctx)).toEqual([]);
    expect(denialBursts([0, 1, 2, 3, 4].map((m, i) => denial(m, `r${i}`)), ctx)).toEqual([]);
  });

  it("merges overlapping windows into one burst and keeps separate runs apart", () => {
    const run = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => denial(m));
    const later = [60, 61, 62, 63, 64].map((m) => denial(m));
    const signals = denialBursts([...run, ...later], ctx);
    expect(signals.map((s) => [s.evidenceCount, s.summary])).toEqual([
      [13, "13 denials within 12 minutes"],
      [5, "5 denials within 4 minutes"],
    ]);
  });

  it("caps the evidence listed, not the count", () => {
    const many = Array.from({ length: EVIDENCE_LIMIT + 10 }, (_, i) => denial(i / 10));
    const [s] = denialBursts(many, ctx);
    expect(s!.evidence).toHaveLength(EVIDENCE_LIMIT);
    expect(s!.evidenceCount).toBe(EVIDENCE_LIMIT + 10);
  });
});

describe("one account looked up across unrelated cases", () => {
  const cases = new Map<string, CaseLink>([
    ["c1", { conversationId: "v1", appealOfId: null }],
    ["c2", { conversationId: "v2", appealOfId: null }],
    ["c3", { conversationId: "v3", appealOfId: null }],
    ["c4", { conversationId: "v1", appealOfId: null }],
    ["c5", { conversationId: "v5", appealOfId: "c2" }],
  ]);
  const lookup = (caseId: string, actorId = "r1") => ev({ at: ago(H), caseId, actorId, accountIds: ["acct"] });

  it("flags three unrelated cases by one reader", () => {
    const signals = accountAcrossUnrelatedCases(["c1", "c2", "c3"].map((c) => lookup(c)), cases, ctx);
    expect(signals.map((s) => s.summary)).toEqual(["@acct looked up in 3 unrelated cases (#c1, #c2, #c3)"]);
  });

  it("counts cases on one conversation, or an appeal and its case, once", () => {
    expect(unrelatedGroups(["c1", "c4", "c2"], cases)).toBe(2);
    expect(unrelatedGroups(["c1", "c2", "c5"], cases)).toBe(2);
    expect(accountAcrossUnrelatedCases(["c1", "c4", "c2", "c5"].map((c) => lookup(c)), cases, ctx)).toEqual([]);
  });

  it("does not combine different readers", () => {
    expect(accountAcrossUnrelatedCases([lookup("c1", "r1"), lookup("c2", "r2"), lookup("c3", "r3")], cases, ctx)).toEqual([]);
  });
});
