import { describe, expect, it } from "vitest";
import { ACTIONS, RESERVED_ACTIONS } from "./actions";
import { FILTER_KEYS } from "@/lib/audit/search/search-filters";
import { EVENT_DETAILS, EventDetailsError, SEARCH_FILTER_DETAILS, checkEventDetails } from "./event-details";
import { eventInsert } from "./record-event";

// `details` is typed per action: the compiler checks what writers pass, and recordEvent checks
// it again at run time, before anything is written, because the log is permanent and signed.

const variants = EVENT_DETAILS.options.map((o) => o.shape.action.value);

describe("EVENT_DETAILS", () => {
  it("has one schema for every writable action and none for a reserved one", () => {
    expect([...variants].sort()).toEqual(ACTIONS.filter((a) => !(a in RESERVED_ACTIONS)).sort());
    for (const reserved of Object.keys(RESERVED_ACTIONS)) expect(() => checkEventDetails(reserved, undefined)).toThrow(EventDetailsError);
  });

  it("knows every filter of the auditor's search, so AUDIT_SEARCHED can record any of them", () => {
    expect(Object.keys(SEARCH_FILTER_DETAILS.shape).sort()).toEqual([...FILTER_KEYS].sort());
  });

  it("accepts what the writers write", () => {
    const ok: [string, unknown][] = [
      ["CONTENT_READ", undefined],
      ["CONTENT_READ", { requestedCaseId: "abc" }],
      ["CASE_CLAIMED", undefined],
      ["ACCESS_DENIED", { operation: "GET /api/v1/audit/events" }],
      ["GRANT_REVOKED", { holderId: "0b6f2a0e-8d0f-4c2e-9a43-5f1d2b8c7e11", reason: "done" }],
      ["AUDIT_SEARCHED", { view: "log", filters: { actor: "a@b.c" }, cursor: null, limit: 50, returned: 3, more: false, unmatched: null }],
      ["SIGN_IN_FAILED", { email: "a@b.c", throttle: { scope: "signin-account", state: "backoff", retryAfterSeconds: 4 } }],
      ["STEP_UP", { method: "totp", sessionId: "s-1", throttle: { state: "locked", scopes: ["totp-session"] } }],
      ["AUDIT_VERIFIED", { mode: "sealer", via: "sealer", ok: false, kind: "store-lost", problem: "the checkpoint store is gone" }],
      ["AUDIT_VERIFIED", { mode: "database", via: "cli", ok: true, events: 10, verifiedSize: 10, verifiedRoot: "abc", trustedCheckpointSize: 5 }],
    ];
    for (const [action, details] of ok) expect(() => checkEventDetails(action, details), action).not.toThrow();
  });

  it("refuses a misspelt key, a wrong type, missing details and an unknown action, naming the action", () => {
    const bad: [string, unknown][] = [
      ["ACCESS_DENIED", { operation: "GET /x", extra: 1 }],
      ["ACCESS_DENIED", { operaton: "GET /x" }],
      ["ACCESS_DENIED", undefined],
      ["GRANT_REVOKED", { holderId: 42 }],
      ["AUDIT_SEARCHED", { view: "log", filters: {}, cursor: null, limit: -1, returned: 0, more: false, unmatched: null }],
      ["AUDIT_SEARCHED", { view: "log", filters: { password: "x" }, cursor: null, limit: 1, returned: 0, more: false, unmatched: null }],
      ["CASE_CLAIMED", { note: "anything" }],
      ["STEP_UP", { method: "totp", sessionId: "s-1", throttle: { scope: "no-such-scope", state: "locked", retryAfterSeconds: 1 } }],
      ["NOT_AN_ACTION", undefined],
    ];
    for (const [action, details] of bad) expect(() => checkEventDetails(action, details), `${action} ${JSON.stringify(details)}`).toThrow(new RegExp(`access event ${action}`));
  });
});

describe("the writer", () => {
  it("refuses details that do not fit before binding anything", () => {
    const e = { actor: null, action: "ACCESS_DENIED", outcome: "DENIED", details: { operation: "GET /x" } } as const;
    expect(eventInsert(e).params).toHaveLength(17);
    // The compiler refuses this too; the cast stands for a writer that built its details at run time.
    const wrong = { ...e, details: { operation: "GET /x", plaintext: "a DM" } } as unknown as typeof e;
    expect(() => eventInsert(wrong)).toThrow(EventDetailsError);
  });
});
