import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json } from "./handle";

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

// A cross-site page can make a browser send a POST, and a fetch can even carry our marker
// header after a permissive preflight, but it cannot forge its Origin. Each check must hold
// on its own: the marker with a foreign, opaque or garbled Origin is refused as CSRF (403),
// never a crash (500).
describe("assertSameOriginMutation", () => {
  const post = (headers: Record<string, string>) => new Request("http://localhost/api/v1/staff", { method: "POST", headers: { host: "localhost:3000", ...headers } });
  const refusal = (headers: Record<string, string>) => {
    try {
      assertSameOriginMutation(post(headers));
      return null;
    } catch (err) {
      return err;
    }
  };

  it("lets our own page through: marker and our Origin, or marker and no Origin", () => {
    expect(refusal({ "x-custody-request": "1", origin: "http://localhost:3000" })).toBeNull();
    expect(refusal({ "x-custody-request": "1" })).toBeNull();
    expect(refusal({ "x-custody-request": "1", origin: "https://custody.example", "x-forwarded-host": "custody.example" })).toBeNull();
  });

  it.each([
    ["no marker, our Origin", { origin: "http://localhost:3000" }],
    ["the marker with a foreign Origin", { "x-custody-request": "1", origin: "https://evil.example" }],
    ["the marker with our host on another port", { "x-custody-request": "1", origin: "http://localhost:3001" }],
    ["the marker with a look-alike host", { "x-custody-request": "1", origin: "http://localhost:3000.evil.example" }],
    ["the marker with Origin: null", { "x-custody-request": "1", origin: "null" }],
    ["the marker with an opaque file: origin", { "x-custody-request": "1", origin: "file:///etc/passwd" }],
    ["the marker with an unparsable Origin", { "x-custody-request": "1", origin: "http://[" }],
    ["the marker with a bare word as Origin", { "x-custody-request": "1", origin: "localhost:3000" }],
    ["the marker with an empty Origin", { "x-custody-request": "1", origin: "" }],
  ])("refuses %s with 403 CSRF", (_name, headers) => {
    expect(refusal(headers)).toMatchObject({ status: 403, code: "CSRF" });
  });
});
