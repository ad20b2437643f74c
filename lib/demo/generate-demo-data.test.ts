import { describe, expect, it } from "vitest";
import { REPORT_CATEGORIES, XSS_PAYLOADS, generateDemoData, type DemoData } from "./generate-demo-data";

const DAY = 24 * 60 * 60 * 1000;
const START = new Date("2026-11-01T00:00:00Z");

/** The invariants the seed, the policy tests and the reviewer journey rely on, for any size. */
function expectInvariants(data: DemoData, start: Date) {
  const accounts = new Map(data.accounts.map((a) => [a.externalId, a]));
  const conversations = new Map(data.conversations.map((c) => [c.externalId, c]));
  const messages = new Map(data.messages.map((m) => [m.externalId, m]));
  expect(accounts.size).toBe(data.accounts.length);
  expect(new Set(data.accounts.map((a) => a.handle)).size).toBe(data.accounts.length);
  expect(conversations.size).toBe(data.conversations.length);
  expect(messages.size).toBe(data.messages.length);

  for (const a of data.accounts) {
    expect(a.isProtected).toBe(a.protectedKind !== null);
    if (a.protectedKind) expect(["journalist", "official", "staff"]).toContain(a.protectedKind);
  }

  for (const c of data.conversations) {
    expect(c.participantExternalIds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(c.participantExternalIds).size).toBe(c.participantExternalIds.length);
    for (const id of c.participantExternalIds) expect(accounts.has(id)).toBe(true);
  }

  // Sorted by conversation (in the conversations' order), then strictly by time; senders take part.
  const order = new Map(data.conversations.map((c, i) => [c.externalId, i]));
  const perConversation = new Map<string, number>();
  for (let i = 0; i < data.messages.length; i++) {
    const m = data.messages[i]!;
    const prev = data.messages[i - 1];
    expect(conversations.get(m.conversationExternalId)?.participantExternalIds).toContain(m.senderExternalId);
    if (prev && prev.conversationExternalId === m.conversationExternalId) {
      expect(m.sentAt.getTime()).toBeGreaterThan(prev.sentAt.getTime());
    } else if (prev) {
      expect(order.get(m.conversationExternalId)!).toBeGreaterThan(order.get(prev.conversationExternalId)!);
    }
    expect(m.sentAt.getTime()).toBeLessThan(start.getTime());
    expect(m.sentAt.getTime()).toBeGreaterThan(start.getTime() - 61 * DAY);
    expect(m.text.length).toBeGreaterThan(0);
    perConversation.set(m.conversationExternalId, (perConversation.get(m.conversationExternalId) ?? 0) + 1);
  }
  expect(perConversation.size).toBe(data.conversations.length);

  const reportedConversations = new Set<string>();
  for (const r of data.reports) {
    const conversation = conversations.get(r.conversationExternalId)!;
    expect(conversation.participantExternalIds).toContain(r.reporterExternalId);
    expect(r.reportedMessageExternalIds.length).toBeGreaterThanOrEqual(1);
    expect(r.reportedMessageExternalIds.length).toBeLessThanOrEqual(3);
    const reported = r.reportedMessageExternalIds.map((id) => messages.get(id)!);
    for (const m of reported) {
      expect(m.conversationExternalId).toBe(r.conversationExternalId);
      expect(m.senderExternalId).not.toBe(r.reporterExternalId);
      expect(r.createdAt.getTime()).toBeGreaterThan(m.sentAt.getTime());
      expect(XSS_PAYLOADS as readonly string[]).not.toContain(m.text);
    }
    expect(r.createdAt.getTime()).toBeLessThan(start.getTime());
    expect(r.text.trim().length).toBeGreaterThan(10);
    if (r.category === "GROOMING") {
      expect(accounts.get(r.reporterExternalId)!.isMinor).toBe(true);
      for (const m of reported) expect(accounts.get(m.senderExternalId)!.isMinor).toBe(false);
    }
    const urgent = r.category === "THREATS" || r.category === "SELF_HARM" || r.category === "GROOMING";
    expect(urgent ? [1, 2] : [2, 3, 4]).toContain(r.priority);
    reportedConversations.add(r.conversationExternalId);
  }
  // Intake merges reports on one thread into one case; distinct threads mean one case per report.
  expect(reportedConversations.size).toBe(data.reports.length);

  // Every payload appears verbatim exactly once, as an ordinary (never reported) message.
  for (const payload of XSS_PAYLOADS) expect(data.messages.filter((m) => m.text === payload)).toHaveLength(1);
}

describe("generateDemoData (defaults)", () => {
  const data = generateDemoData();

  it("has the sizes the issue asks for", () => {
    expect(data.accounts).toHaveLength(320);
    expect(data.conversations).toHaveLength(1500);
    expect(data.messages).toHaveLength(30_000);
    expect(data.reports).toHaveLength(150);
  });

  it("spreads accounts over two data regions, with minors and protected accounts", () => {
    const us = data.accounts.filter((a) => a.dataRegion === "US").length;
    expect(us / data.accounts.length).toBeCloseTo(0.6, 1);
    expect(data.accounts.filter((a) => a.dataRegion === "EU").length).toBeGreaterThan(100);
    const minors = data.accounts.filter((a) => a.isMinor);
    expect(minors.length).toBeGreaterThanOrEqual(20);
    expect(new Set(minors.map((a) => a.dataRegion))).toEqual(new Set(["US", "EU"]));
    const kinds = data.accounts.filter((a) => a.isProtected).map((a) => a.protectedKind);
    expect(kinds.length).toBeGreaterThanOrEqual(5);
    expect(new Set(kinds)).toEqual(new Set(["journalist", "official", "staff"]));
    expect(data.accounts.some((a) => a.isProtected && a.isMinor)).toBe(false);
  });

  it("keeps threads within one region except a handful, and has some group threads", () => {
    const region = new Map(data.accounts.map((a) => [a.externalId, a.dataRegion]));
    const mixed = data.conversations.filter((c) => new Set(c.participantExternalIds.map((id) => region.get(id))).size > 1);
    expect(mixed.length).toBeGreaterThanOrEqual(2);
    expect(mixed.length).toBeLessThanOrEqual(15);
    const groups = data.conversations.filter((c) => c.participantExternalIds.length >= 3);
    expect(groups.length / data.conversations.length).toBeGreaterThan(0.05);
    expect(groups.length / data.conversations.length).toBeLessThan(0.15);
    expect(Math.max(...data.conversations.map((c) => c.participantExternalIds.length))).toBeLessThanOrEqual(5);
  });

  it("has threads long enough for a 200-message scope", () => {
    const lengths = new Map<string, number>();
    for (const m of data.messages) lengths.set(m.conversationExternalId, (lengths.get(m.conversationExternalId) ?? 0) + 1);
    expect([...lengths.values()].filter((n) => n >= 200).length).toBeGreaterThanOrEqual(3);
    // The intake accepts at most 2,000 messages per push.
    expect(Math.max(...lengths.values())).toBeLessThan(2000);
  });

  it("has at least 15 reports in each of the six categories, and some against protected accounts", () => {
    for (const category of REPORT_CATEGORIES) {
      expect(data.reports.filter((r) => r.category === category).length).toBeGreaterThanOrEqual(15);
    }
    const protectedIds = new Set(data.accounts.filter((a) => a.isProtected).map((a) => a.externalId));
    expect(data.reports.some((r) => protectedIds.has(r.reporterExternalId))).toBe(true);
  });

  it("uses mostly distinct texts, so seeded plaintext can be searched for at rest", () => {
    const distinct = new Set(data.messages.map((m) => m.text));
    expect(distinct.size).toBeGreaterThan(5000);
    expect(distinct.size / data.messages.length).toBeGreaterThan(0.99);
  });

  it("holds the invariants the app relies on", () => {
    expectInvariants(data, START);
  });

  it("places each XSS payload in a reported thread, inside a reviewer's default scope", () => {
    const index = new Map(data.messages.map((m, i) => [m.externalId, i]));
    const reportedAt = new Map<string, number[]>();
    for (const r of data.reports) reportedAt.set(r.conversationExternalId, r.reportedMessageExternalIds.map((id) => index.get(id)!));
    const inScope = data.messages.flatMap((m, i) => {
      if (!(XSS_PAYLOADS as readonly string[]).includes(m.text)) return [];
      const reported = reportedAt.get(m.conversationExternalId) ?? [];
      return reported.some((k) => Math.abs(k - i) <= 10) ? [m] : [];
    });
    expect(inScope).toHaveLength(XSS_PAYLOADS.length);
  });

  it("keeps the content mild: no graphic, sexual or weapon vocabulary anywhere", () => {
    const graphic = /\b(kill|killing|murder|stab|knife|gun|shoot|blood|suicide|sex|sexy|nude|naked|pics of you|cut myself)\b/i;
    const offenders = [...data.messages.map((m) => m.text), ...data.reports.map((r) => r.text)].filter((t) => graphic.test(t));
    expect(offenders).toEqual([]);
  });

  it("is deterministic: the same options give identical data", () => {
    expect(generateDemoData()).toEqual(data);
  });

  it("changes with the seed, and follows the start date", () => {
    const other = generateDemoData({ seed: 7 });
    expect(other.accounts.map((a) => a.handle)).not.toEqual(data.accounts.map((a) => a.handle));
    expect(other.messages.map((m) => m.text)).not.toEqual(data.messages.map((m) => m.text));
    const later = generateDemoData({ start: new Date("2027-03-01T00:00:00Z") });
    expect(later.messages.map((m) => m.text)).toEqual(data.messages.map((m) => m.text));
    expect(later.messages[0]!.sentAt.getTime() - data.messages[0]!.sentAt.getTime()).toBe(
      Date.parse("2027-03-01T00:00:00Z") - START.getTime(),
    );
  });
});

describe("generateDemoData (small datasets)", () => {
  it("holds the same invariants at a tenth of the size, for several seeds", () => {
    for (const seed of [1, 2, 3]) {
      const start = new Date("2025-06-15T12:00:00Z");
      const data = generateDemoData({ seed, accounts: 32, conversations: 150, messages: 3000, reports: 15, start });
      expect(data.messages).toHaveLength(3000);
      expect(data.reports).toHaveLength(15);
      expect(new Set(data.reports.map((r) => r.category))).toEqual(new Set(REPORT_CATEGORIES));
      expectInvariants(data, start);
    }
  });

  it("works at the 5% scale the seed's integration test uses", () => {
    const scale = 0.05;
    const sizes = { accounts: Math.ceil(320 * scale), conversations: Math.ceil(1500 * scale), messages: Math.ceil(30_000 * scale), reports: Math.ceil(150 * scale) };
    const data = generateDemoData(sizes);
    expect(data.accounts).toHaveLength(16);
    expect(data.reports).toHaveLength(8);
    expect(new Set(data.reports.map((r) => r.category))).toEqual(new Set(REPORT_CATEGORIES));
    expect(data.accounts.some((a) => a.isMinor) && data.accounts.some((a) => a.isProtected)).toBe(true);
    expectInvariants(data, START);
  });

  it("rejects sizes it cannot honour rather than quietly producing less", () => {
    expect(() => generateDemoData({ accounts: 5 })).toThrow(RangeError);
    expect(() => generateDemoData({ accounts: 40.5 })).toThrow(RangeError);
    expect(() => generateDemoData({ conversations: 100, reports: 150 })).toThrow(RangeError);
    expect(() => generateDemoData({ messages: 1000 })).toThrow(RangeError);
    expect(() => generateDemoData({ start: new Date("not a date") })).toThrow(RangeError);
  });
});
