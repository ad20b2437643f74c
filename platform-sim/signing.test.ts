import { createHmac, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { CustodyClient } from "./custody-client";
import { parseSecrets, signRequest, verifyDelivery } from "./signing";

// The simulator's two halves of Standard Webhooks: what it signs must verify as the scheme
// says (checked here by an independent HMAC, not only by the package that made it), and what
// it verifies must refuse a forgery, a tampered body, a stale or future timestamp, a missing
// header, and accept any of several secrets (rotation).

const secret = () => `whsec_${randomBytes(32).toString("base64")}`;
const body = JSON.stringify({ type: "decision.created", data: { decisionId: "d1" } });

function byHand(s: string, id: string, ts: string, text: string): string {
  const key = Buffer.from(s.slice("whsec_".length), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${ts}.${text}`).digest("base64")}`;
}

describe("signRequest", () => {
  it("signs HMAC-SHA256 over id.timestamp.body with the whsec_ key, as the scheme defines", () => {
    const s = secret();
    const at = new Date("2026-12-03T08:00:00Z");
    const h = signRequest(s, body, at, "sim_fixed");
    expect(h["webhook-id"]).toBe("sim_fixed");
    expect(h["webhook-timestamp"]).toBe(String(at.getTime() / 1000));
    expect(h["webhook-signature"]).toBe(byHand(s, "sim_fixed", h["webhook-timestamp"], body));
  });

  it("gives every attempt a fresh webhook-id, so a retry is never a replay", () => {
    const s = secret();
    const ids = new Set(Array.from({ length: 50 }, () => signRequest(s, body)["webhook-id"]));
    expect(ids.size).toBe(50);
  });

  it("verifies with the standardwebhooks package a receiver (Custody's intake) uses", () => {
    const s = secret();
    expect(() => new Webhook(s).verify(body, signRequest(s, body))).not.toThrow();
    expect(() => new Webhook(secret()).verify(body, signRequest(s, body))).toThrow(/signature/i);
  });
});

describe("verifyDelivery", () => {
  const headersFor = (s: string, text = body, at = new Date(), id = "01a23808-32c1-722c-8219-71420f296e78") => ({
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(s).sign(id, at, text),
  });

  it("accepts Custody's signature and returns the parsed body", () => {
    const s = secret();
    const v = verifyDelivery([s], body, headersFor(s));
    expect(v).toEqual({ ok: true, webhookId: "01a23808-32c1-722c-8219-71420f296e78", payload: JSON.parse(body) });
  });

  it("accepts either secret during a rotation, and refuses one that is not active", () => {
    const [old, next, gone] = [secret(), secret(), secret()];
    expect(verifyDelivery([old, next], body, headersFor(old)).ok).toBe(true);
    expect(verifyDelivery([old, next], body, headersFor(next)).ok).toBe(true);
    expect(verifyDelivery([next], body, headersFor(old))).toMatchObject({ ok: false, reason: "no secret matches the signature" });
    expect(verifyDelivery([old, next], body, headersFor(gone)).ok).toBe(false);
  });

  it("accepts a header listing several signatures when one matches", () => {
    const s = secret();
    const h = headersFor(s);
    h["webhook-signature"] = `v1,${Buffer.alloc(32).toString("base64")} ${h["webhook-signature"]}`;
    expect(verifyDelivery([s], body, h).ok).toBe(true);
  });

  it("refuses a tampered body, a forged signature and a swapped id", () => {
    const s = secret();
    const h = headersFor(s);
    expect(verifyDelivery([s], body.replace("d1", "d2"), h).ok).toBe(false);
    expect(verifyDelivery([s], body, { ...h, "webhook-signature": byHand(secret(), h["webhook-id"], h["webhook-timestamp"], body) }).ok).toBe(false);
    expect(verifyDelivery([s], body, { ...h, "webhook-id": "another-decision" }).ok).toBe(false);
  });

  it("refuses a timestamp more than five minutes old or ahead, even with a valid signature", () => {
    const s = secret();
    const now = Date.now();
    expect(verifyDelivery([s], body, headersFor(s, body, new Date(now - 4 * 60_000))).ok).toBe(true);
    expect(verifyDelivery([s], body, headersFor(s, body, new Date(now - 6 * 60_000)))).toMatchObject({ ok: false, reason: expect.stringMatching(/timestamp/) });
    expect(verifyDelivery([s], body, headersFor(s, body, new Date(now + 6 * 60_000)))).toMatchObject({ ok: false, reason: expect.stringMatching(/timestamp/) });
  });

  it("refuses an unsigned delivery and names what is missing", () => {
    const s = secret();
    const unsigned: Record<string, string> = { ...headersFor(s) };
    delete unsigned["webhook-signature"];
    expect(verifyDelivery([s], body, unsigned)).toMatchObject({ ok: false, reason: expect.stringMatching(/unsigned/) });
  });
});

describe("CustodyClient retries", () => {
  it("signs each attempt afresh: new webhook-id, same body, each one verifying", async () => {
    const s = secret();
    const seen: { id: string; ok: boolean }[] = [];
    const fakeFetch: typeof fetch = async (_url, init) => {
      const h = init!.headers as Record<string, string>;
      const text = String(init!.body);
      let ok = true;
      try {
        new Webhook(s).verify(text, h);
      } catch {
        ok = false;
      }
      seen.push({ id: h["webhook-id"]!, ok });
      return seen.length < 3 ? new Response(JSON.stringify({ error: { code: "DATABASE_UNAVAILABLE", message: "down" } }), { status: 503 }) : new Response(JSON.stringify({ accepted: 1 }), { status: 200 });
    };
    const client = new CustodyClient("http://custody.invalid", s, { fetch: fakeFetch, backoffMs: 1 });
    await expect(client.post("/api/v1/intake/accounts", { accounts: [] })).resolves.toEqual({ ok: true, status: 200, body: { accepted: 1 } });
    expect(seen).toHaveLength(3);
    expect(seen.every((x) => x.ok)).toBe(true);
    expect(new Set(seen.map((x) => x.id)).size).toBe(3);
  });

  it("does not retry a refusal (4xx): it reports the code and field", async () => {
    let calls = 0;
    const fakeFetch: typeof fetch = async () => {
      calls++;
      return new Response(JSON.stringify({ error: { code: "UNKNOWN_ACCOUNT", message: "no account", field: "messages[0].senderId" } }), { status: 400 });
    };
    const client = new CustodyClient("http://custody.invalid", secret(), { fetch: fakeFetch, backoffMs: 1 });
    await expect(client.post("/x", {})).resolves.toMatchObject({ ok: false, status: 400, code: "UNKNOWN_ACCOUNT", field: "messages[0].senderId" });
    expect(calls).toBe(1);
  });
});

describe("parseSecrets", () => {
  it("splits on spaces and commas, as Custody's settings do", () => {
    expect(parseSecrets(" whsec_a, whsec_b whsec_c ")).toEqual(["whsec_a", "whsec_b", "whsec_c"]);
    expect(parseSecrets(undefined)).toEqual([]);
  });
});
