import { describe, expect, it } from "vitest";
import type { GrantEnd } from "@/lib/events/staff-event";
import { accessEndText } from "./access-end";

// What the reader is told when the thread stops: who ended the grant, when (UTC) and why.

const end = (over: Partial<GrantEnd>): GrantEnd => ({ grantId: "g", caseId: "c", cause: "ended", endedAt: "2026-12-02T14:02:31Z", endedBy: null, reason: null, decision: null, ...over });

describe("accessEndText", () => {
  it("a revocation says who, when, and quotes the reason", () => {
    const t = accessEndText({ kind: "grant", end: end({ cause: "revoked", endedBy: "lead@custody.test", reason: "Wrong case" }) });
    expect(t.title).toBe("Access ended: revoked by lead@custody.test at 14:02 UTC");
    expect(t.quote).toBe("Wrong case");
    expect(t.urgent).toBe(true);
  });

  it("expiry, decisions and disabling each say what happened", () => {
    expect(accessEndText({ kind: "grant", end: end({ cause: "expired" }) })).toMatchObject({ title: "Access ended: the grant expired at 14:02 UTC", urgent: false, next: "case" });
    expect(accessEndText({ kind: "grant", end: end({ cause: "case-closed", decision: "WARN", endedBy: "r@custody.test" }) }).title).toBe("Access ended: case decided (Warn) by r@custody.test at 14:02 UTC");
    expect(accessEndText({ kind: "grant", end: end({ cause: "case-escalated", endedBy: "r@custody.test" }) }).title).toContain("escalated to the leads by r@custody.test");
    expect(accessEndText({ kind: "grant", end: end({ cause: "holder-disabled" }) })).toMatchObject({ title: "Access ended: your account was disabled at 14:02 UTC", next: "none" });
  });

  it("a newer grant or a lost channel offers a new logged read; a session end asks to sign in", () => {
    expect(accessEndText({ kind: "grant", end: end({ cause: "superseded" }) }).next).toBe("read-again");
    expect(accessEndText({ kind: "lost" })).toMatchObject({ next: "read-again", urgent: true });
    expect(accessEndText({ kind: "session", reason: "SESSION_IDLE" })).toMatchObject({ title: "Signed out after 30 minutes without activity", next: "sign-in" });
  });

  it("an unknown end still says access ended, without inventing a who", () => {
    expect(accessEndText({ kind: "grant", end: end({ endedAt: null }) }).title).toBe("Access ended");
  });
});
