import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { errorResponse, json } from "./handle";

// Every API response carries DM-safe headers: never cached, never sniffed, never framed.
describe("json", () => {
  it("sends the body with the API's headers and the given status", async () => {
    const res = json({ ok: true }, { status: 201 });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("adds the caller's headers, whether given as an object or as Headers", () => {
    expect(json({}, { headers: { "retry-after": "5" } }).headers.get("retry-after")).toBe("5");
    expect(json({}, { headers: new Headers({ "retry-after": "7" }) }).headers.get("retry-after")).toBe("7");
    expect(json({}, { headers: new Headers({ "retry-after": "7" }) }).headers.get("cache-control")).toBe("no-store");
  });
});

describe("errorResponse", () => {
  it("answers an expected refusal with its status, code and message, and hides anything else", async () => {
    const refused = errorResponse(new AppError(403, "NO_GRANT", "You have no access grant for this case."));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "NO_GRANT", message: "You have no access grant for this case." } });
    const original = console.error;
    console.error = () => {};
    try {
      const crashed = errorResponse(new Error("connection string postgres://secret@db"));
      expect(crashed.status).toBe(500);
      expect(JSON.stringify(await crashed.json())).not.toContain("secret");
    } finally {
      console.error = original;
    }
  });
});
