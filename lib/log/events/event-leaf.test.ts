import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import {
  type CanonicalEvent,
  EVENT_FIELDS,
  canonicalEventBytes,
  canonicalEventFromRow,
  canonicalEventText,
  eventLeafHash,
} from "./event-leaf";
import { leafHash } from "../merkle/merkle";

const event: CanonicalEvent = {
  seq: "9007199254740993",
  occurredAt: "2026-03-01T09:30:00.123Z",
  actorId: "0b6f2a0e-8d0f-4c2e-9a43-5f1d2b8c7e11",
  actorEmail: "reviewer@custody.test",
  actorRoles: ["REVIEWER"],
  action: "content.read",
  outcome: "ALLOWED",
  denialReason: null,
  caseId: "7c1e3a52-1111-4d8e-8f00-aaaaaaaaaaaa",
  conversationId: "7c1e3a52-2222-4d8e-8f00-bbbbbbbbbbbb",
  accountIds: ["acct-1", "acct-2"],
  messageIds: ["m-1", "m-2", "m-3"],
  purpose: "USER_REPORT",
  justification: "Report #42: threats — “see you at 6”",
  grantId: "7c1e3a52-3333-4d8e-8f00-cccccccccccc",
  requestId: "req-1",
  ipHmac: "f".repeat(64),
  userAgent: "Mozilla/5.0",
  details: { scope: { before: 10, after: 10 }, note: null, flags: [true, 1.5] },
};

describe("canonicalEventBytes", () => {
  it("equals the RFC 8785 canonical JSON of the event, byte for byte", () => {
    expect(canonicalEventText(event)).toBe(canonicalJson(event));
    expect(canonicalEventBytes(event)).toEqual(Buffer.from(canonicalJson(event), "utf8"));
    expect(eventLeafHash(event)).toEqual(leafHash(canonicalEventBytes(event)));
    const allNull = { ...event, actorId: null, actorEmail: null, caseId: null, details: null, actorRoles: [] };
    expect(canonicalEventText(allNull)).toBe(canonicalJson(allNull));
  });

  it("pins the exact text, so a change to the leaf format cannot slip in unnoticed", () => {
    const text = canonicalEventText({ ...event, details: null, justification: "ok" });
    expect(text).toBe(
      '{"accountIds":["acct-1","acct-2"],"action":"content.read","actorEmail":"reviewer@custody.test",' +
        '"actorId":"0b6f2a0e-8d0f-4c2e-9a43-5f1d2b8c7e11","actorRoles":["REVIEWER"],' +
        '"caseId":"7c1e3a52-1111-4d8e-8f00-aaaaaaaaaaaa","conversationId":"7c1e3a52-2222-4d8e-8f00-bbbbbbbbbbbb",' +
        '"denialReason":null,"details":null,"grantId":"7c1e3a52-3333-4d8e-8f00-cccccccccccc",' +
        `"ipHmac":"${"f".repeat(64)}","justification":"ok","messageIds":["m-1","m-2","m-3"],` +
        '"occurredAt":"2026-03-01T09:30:00.123Z","outcome":"ALLOWED","purpose":"USER_REPORT",' +
        '"requestId":"req-1","seq":"9007199254740993","userAgent":"Mozilla/5.0"}',
    );
    expect(EVENT_FIELDS).toEqual([...EVENT_FIELDS].sort());
  });

  it("ignores keys that are not event fields, such as an export record's leafIndex", () => {
    expect(canonicalEventText({ ...event, leafIndex: 3, leafHash: "x" })).toBe(canonicalEventText(event));
  });

  it("changes the leaf when any field changes", () => {
    const base = eventLeafHash(event).toString("hex");
    const edits: Partial<CanonicalEvent>[] = [
      { seq: "9007199254740994" },
      { occurredAt: "2026-03-01T09:30:00.124Z" },
      { actorRoles: ["REVIEWER", "LEAD"] },
      { outcome: "DENIED" },
      { messageIds: ["m-1", "m-3", "m-2"] },
      { justification: null },
      { details: { scope: { before: 10, after: 11 }, note: null, flags: [true, 1.5] } },
    ];
    for (const edit of edits) expect(eventLeafHash({ ...event, ...edit }).toString("hex")).not.toBe(base);
  });

  it("refuses wrongly typed or missing fields, naming the field", () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ ...event, seq: 12 }, "/seq"],
      [{ ...event, seq: "012" }, "/seq"],
      [{ ...event, occurredAt: "2026-03-01T09:30:00Z" }, "/occurredAt"],
      [{ ...event, occurredAt: "2026-03-01T09:30:00.123456Z" }, "/occurredAt"],
      [{ ...event, occurredAt: "2026-03-01T10:30:00.123+01:00" }, "/occurredAt"],
      [{ ...event, outcome: "OK" }, "/outcome"],
      [{ ...event, action: null }, "/action"],
      [{ ...event, actorId: undefined }, "/actorId"],
      [{ ...event, accountIds: "acct-1" }, "/accountIds"],
      [{ ...event, messageIds: ["m-1", 2] }, "/messageIds/1"],
      [{ ...event, details: undefined }, "/details"],
      [{ ...event, details: { n: Number.NaN } }, "/n"],
      [{ ...event, userAgent: "bad\ud800" }, "/userAgent"],
    ];
    for (const [value, field] of bad) expect(() => canonicalEventText(value), field).toThrow(field);
    const missing: Partial<CanonicalEvent> = { ...event };
    delete missing.purpose;
    expect(() => canonicalEventText(missing)).toThrow("/purpose");
  });
});

describe("canonicalEventFromRow", () => {
  it("turns a database row (bigint seq, Date) into the canonical event", () => {
    const row = { ...event, seq: 9007199254740993n, occurredAt: new Date(event.occurredAt), details: event.details };
    expect(canonicalEventFromRow(row)).toEqual(event);
    expect(canonicalEventFromRow({ ...row, details: null }).details).toBeNull();
    const extra = { ...row, somethingElse: 1 };
    expect(Object.keys(canonicalEventFromRow(extra)).sort()).toEqual([...EVENT_FIELDS]);
  });
});
