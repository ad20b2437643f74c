import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { describeFailure } from "./attempt-delivery";
import { signedHeaders } from "./sign-webhook";

const secret = `whsec_${randomBytes(24).toString("base64")}`;
const body = JSON.stringify({ type: "decision.created", data: { decisionId: "01a23808-32c1-722c-8219-71420f296e78", facts: "é ✓" } });

describe("signedHeaders", () => {
  it("verifies with the platform's standardwebhooks, webhook-id being the decision id", () => {
    const h = signedHeaders(secret, "01a23808-32c1-722c-8219-71420f296e78", body);
    expect(h["webhook-id"]).toBe("01a23808-32c1-722c-8219-71420f296e78");
    expect(h["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, h)).toEqual(JSON.parse(body));
  });

  it("does not verify under another secret, with another body, or with another id", () => {
    const h = signedHeaders(secret, "id-1", body);
    expect(() => new Webhook(`whsec_${randomBytes(24).toString("base64")}`).verify(body, h)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace("é", "e"), h)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...h, "webhook-id": "id-2" })).toThrow();
  });

  it("stamps each attempt with its own time, so a retry a day later is inside the platform's tolerance", () => {
    const dayLater = new Date(Date.now() + 86_400_000);
    const h = signedHeaders(secret, "id-1", body, dayLater);
    expect(h["webhook-timestamp"]).toBe(String(Math.floor(dayLater.getTime() / 1000)));
    expect(() => new Webhook(secret).verify(body, h)).toThrow(/timestamp/i);
  });
});

describe("describeFailure", () => {
  it("names a timeout and a connection error by code, and nothing else of the error", () => {
    expect(describeFailure(Object.assign(new Error("x"), { name: "TimeoutError" }), 10_000)).toBe("no answer within 10 s");
    expect(describeFailure(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }), 10_000)).toBe("connection failed (ECONNREFUSED)");
    expect(describeFailure(Object.assign(new TypeError("fetch failed https://user:pass@host/"), { cause: { code: "https://user:pass@host/" } }), 10_000)).toBe("connection failed");
  });
});
