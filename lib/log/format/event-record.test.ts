import { describe, expect, it } from "vitest";
import { canonicalEventText } from "../events/event-leaf";
import { EventRecordError, decodeEvent, decodeEventFully } from "./event-record";
import { exportEventLine } from "./export-format";
import { leafHash } from "../merkle/merkle";
import { syntheticEvent } from "@/lib/demo/synthetic-log";

describe("decodeEvent", () => {
  it("reads our own lines in place, agreeing with the full parse", () => {
    for (let i = 0; i < 50; i++) {
      const event = syntheticEvent(i);
      const line = exportEventLine(event, { leafIndex: i, leafHash: leafHash(Buffer.from([i])) });
      const fast = decodeEvent(line);
      expect(fast).toEqual(decodeEventFully(line));
      expect(fast.text).toBe(canonicalEventText(event));
      expect(fast).toMatchObject({ leafIndex: i, seq: event.seq, occurredAt: event.occurredAt, leafHash: leafHash(Buffer.from([i])).toString("base64") });
    }
  });

  it("finds the top-level seq and time even when values and details mimic them", () => {
    const event = {
      ...syntheticEvent(7),
      justification: 'quoted ,"seq":"999","occurredAt":"1999-01-01T00:00:00.000Z" here',
      details: { seq: "123", occurredAt: "2000-01-01T00:00:00.000Z", nested: { seq: "5" } },
      userAgent: '","seq":"666"',
    };
    const decoded = decodeEvent(exportEventLine(event, { leafIndex: 7 }));
    expect(decoded).toMatchObject({ seq: event.seq, occurredAt: event.occurredAt, leafHash: undefined });
    expect(decoded.text).toBe(canonicalEventText(event));
  });

  it("falls back to the full parse for other layouts, unsealed events and inclusion proofs", () => {
    const event = syntheticEvent(3);
    const reordered = JSON.stringify({ leafIndex: 3, event, type: "event" });
    expect(decodeEvent(reordered).text).toBe(canonicalEventText(event));
    expect(decodeEvent(exportEventLine(event, { leafIndex: null })).leafIndex).toBeNull();
    const withProof = decodeEvent(exportEventLine(event, { leafIndex: 3, proof: [Buffer.alloc(32, 1)] }));
    expect(withProof.proof).toEqual([Buffer.alloc(32, 1).toString("base64")]);
    expect(decodeEvent({ type: "event", leafIndex: 3, event }).text).toBe(canonicalEventText(event));
  });

  it("rejects records that are not events, or carry fields the leaf does not cover", () => {
    const event = syntheticEvent(3);
    const bad: [unknown, RegExp][] = [
      ["not json", /not JSON/],
      [{ type: "checkpoint" }, /not an event/],
      [{ type: "event", leafIndex: -1, event }, /leafIndex/],
      [{ type: "event", leafIndex: 1.5, event }, /leafIndex/],
      [{ type: "event", leafIndex: 3, event, approvedBy: "x" }, /approvedBy/],
      [{ type: "event", leafIndex: 3, event: { ...event, approvedBy: "x" } }, /approvedBy/],
      [{ type: "event", leafIndex: 3, event: { ...event, outcome: "MAYBE" } }, /outcome/],
      [{ type: "event", leafIndex: 3, event, leafHash: 7 }, /leafHash/],
    ];
    for (const [item, message] of bad) {
      expect(() => decodeEvent(item)).toThrow(EventRecordError);
      expect(() => decodeEvent(item)).toThrow(message);
    }
    const thrown = (() => {
      try {
        decodeEvent({ type: "event", leafIndex: 4, event: { ...event, action: 1 } });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ seq: event.seq, leafIndex: 4 }); // so the verifier can name it
  });
});

describe("decodeEvent on a hand-crafted line", () => {
  it("does not take the fast path when the leaf hash field could be read differently by a JSON parser", () => {
    const text = canonicalEventText(syntheticEvent(1));
    // 43 characters and a backslash: the right length, but the backslash escapes the closing
    // quote, so this is not JSON at all. It must be refused, not hashed from "event": onwards.
    const sneaky = `{"type":"event","leafIndex":1,"leafHash":"${"A".repeat(43)}\\","event":${text}}`;
    expect(() => JSON.parse(sneaky)).toThrow();
    expect(() => decodeEvent(sneaky)).toThrow(EventRecordError);
  });
});
