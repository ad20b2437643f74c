import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SIGNATURE_TOLERANCE_SECONDS } from "./limits";
import { IntakeVerifier, parseIntakeSecrets, signIntakeRequest } from "./signature";

// Signature verification as the platform's requests meet it: any active secret verifies (so a
// secret can be rotated without a gap), a retired one does not, the body is covered exactly,
// and the timestamp must be within ±5 minutes (the standardwebhooks package's window).

const secret = () => `whsec_${randomBytes(32).toString("base64")}`;
const headersOf = (h: Record<string, string>) => new Headers(h);
const BODY = JSON.stringify({ accounts: [{ id: "u_1", handle: "alex", displayName: "Alex", dataRegion: "US" }] });

function refusal(fn: () => unknown): { status: number; code: string } | null {
  try {
    fn();
    return null;
  } catch (err) {
    const e = err as { status: number; code: string };
    return { status: e.status, code: e.code };
  }
}

afterEach(() => vi.useRealTimers());

describe("intake signature", () => {
  it("accepts a request signed with the active secret and returns its webhook-id", () => {
    const s = secret();
    const h = signIntakeRequest(s, BODY, { id: "msg_1" });
    expect(new IntakeVerifier([s]).verify(BODY, headersOf(h))).toEqual({ webhookId: "msg_1" });
  });

  it("rotation: either of two active secrets verifies; a retired one does not", () => {
    const [old, next, retired] = [secret(), secret(), secret()];
    const verifier = new IntakeVerifier([next, old]);
    expect(verifier.verify(BODY, headersOf(signIntakeRequest(old, BODY))).webhookId).toMatch(/^msg_/);
    expect(verifier.verify(BODY, headersOf(signIntakeRequest(next, BODY))).webhookId).toMatch(/^msg_/);
    expect(refusal(() => verifier.verify(BODY, headersOf(signIntakeRequest(retired, BODY))))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
  });

  it("a signature list with one good entry among others verifies (Standard Webhooks allows several)", () => {
    const s = secret();
    const h = signIntakeRequest(s, BODY);
    const bogus = signIntakeRequest(secret(), BODY, { id: h["webhook-id"] })["webhook-signature"];
    expect(() => new IntakeVerifier([s]).verify(BODY, headersOf({ ...h, "webhook-signature": `${bogus} v2,abc ${h["webhook-signature"]}` }))).not.toThrow();
  });

  it("covers the exact body, the id and the timestamp: changing any one byte refuses it", () => {
    const s = secret();
    const v = new IntakeVerifier([s]);
    const h = signIntakeRequest(s, BODY, { id: "msg_2" });
    expect(refusal(() => v.verify(BODY.replace("alex", "alez"), headersOf(h)))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
    expect(refusal(() => v.verify(`${BODY} `, headersOf(h)))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
    expect(refusal(() => v.verify(`\ufeff${BODY}`, headersOf(h)))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
    expect(refusal(() => v.verify(BODY, headersOf({ ...h, "webhook-id": "msg_3" })))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
    expect(refusal(() => v.verify(BODY, headersOf({ ...h, "webhook-timestamp": String(Number(h["webhook-timestamp"]) - 1) })))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
  });

  it("unsigned or malformed headers are refused as BAD_SIGNATURE", () => {
    const s = secret();
    const v = new IntakeVerifier([s]);
    const h = signIntakeRequest(s, BODY);
    for (const missing of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const partial = { ...h };
      delete partial[missing];
      expect(refusal(() => v.verify(BODY, headersOf(partial)))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
    }
    expect(refusal(() => v.verify(BODY, headersOf({})))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
    expect(refusal(() => v.verify(BODY, headersOf({ ...h, "webhook-timestamp": "soon" })))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
    expect(refusal(() => v.verify(BODY, headersOf({ ...h, "webhook-id": "x".repeat(201) })))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
    expect(refusal(() => v.verify(BODY, headersOf({ ...h, "webhook-signature": "v1,not-base64!" })))).toEqual({ status: 401, code: "BAD_SIGNATURE" });
  });

  it("tolerance: exactly 5 minutes either way passes, one second more is STALE_TIMESTAMP", () => {
    expect(SIGNATURE_TOLERANCE_SECONDS).toBe(300);
    const s = secret();
    const v = new IntakeVerifier([s, secret()]);
    vi.useFakeTimers();
    const now = new Date("2026-12-02T12:00:00Z");
    vi.setSystemTime(now);
    const at = (seconds: number) => signIntakeRequest(s, BODY, { at: new Date(now.getTime() + seconds * 1000) });
    expect(() => v.verify(BODY, headersOf(at(-300)))).not.toThrow();
    expect(() => v.verify(BODY, headersOf(at(300)))).not.toThrow();
    expect(refusal(() => v.verify(BODY, headersOf(at(-301))))).toEqual({ status: 401, code: "STALE_TIMESTAMP" });
    expect(refusal(() => v.verify(BODY, headersOf(at(301))))).toEqual({ status: 401, code: "STALE_TIMESTAMP" });
    // A captured request stops verifying once it is older than the window.
    const captured = at(0);
    vi.setSystemTime(new Date(now.getTime() + 301_000));
    expect(refusal(() => v.verify(BODY, headersOf(captured)))).toEqual({ status: 401, code: "STALE_TIMESTAMP" });
  });

  it("parses one or more whsec_ secrets separated by spaces or commas, naming a bad one by position only", () => {
    const [a, b] = [secret(), secret()];
    expect(parseIntakeSecrets(` ${a}, ${b} `)).toEqual([a, b]);
    expect(parseIntakeSecrets(`${a}\n${b}`)).toEqual([a, b]);
    expect(() => parseIntakeSecrets("")).toThrow("no secret");
    expect(() => parseIntakeSecrets(`${a} plain-password-here`)).toThrow("secret 2 does not start with whsec_");
    expect(() => parseIntakeSecrets("whsec_c2hvcnQ=")).toThrow("secret 1 holds fewer than 24 bytes");
    expect(() => parseIntakeSecrets("whsec_***")).toThrow("secret 1 is not base64");
    try {
      parseIntakeSecrets("whsec_c2hvcnQ=");
    } catch (err) {
      expect(String(err)).not.toContain("c2hvcnQ");
    }
  });
});
