import { describe, expect, it } from "vitest";
import { SHORTCUTS, matchKey } from "./shortcut-keys";

describe("matchKey", () => {
  it("completes single-key shortcuts", () => {
    expect(matchKey([], "?")).toEqual({ kind: "action", action: "help" });
    expect(matchKey([], "c")).toEqual({ kind: "action", action: "claim-row" });
    expect(matchKey([], "n")).toEqual({ kind: "action", action: "next-reported" });
  });

  it("waits after g and completes g q / g a", () => {
    expect(matchKey([], "g")).toEqual({ kind: "prefix", pending: ["g"] });
    expect(matchKey(["g"], "q")).toEqual({ kind: "action", action: "go-queue" });
    expect(matchKey(["g"], "a")).toEqual({ kind: "action", action: "go-approvals" });
  });

  it("starts over when the prefix is followed by a key that fits nothing after it", () => {
    expect(matchKey(["g"], "c")).toEqual({ kind: "action", action: "claim-row" });
    expect(matchKey(["g"], "x")).toEqual({ kind: "none" });
    expect(matchKey([], "x")).toEqual({ kind: "none" });
    expect(matchKey([], "Q")).toEqual({ kind: "none" });
  });

  it("has no two shortcuts with the same keys, and no shortcut that is a prefix of another", () => {
    const seqs = SHORTCUTS.map((s) => s.keys.join(" "));
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const a of SHORTCUTS) for (const b of SHORTCUTS) if (a !== b) expect(b.keys.join(" ").startsWith(`${a.keys.join(" ")} `)).toBe(false);
  });
});
