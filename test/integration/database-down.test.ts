import { afterAll, describe, expect, it, vi } from "vitest";
import { disconnectDb } from "@/lib/db";

// From the operator's side: the database stops answering (restart, failover, a full disk).
// A signed-in reviewer's next read must say 503 LOG_UNAVAILABLE and show nothing, because the
// read cannot be logged; every other route must say 503 DATABASE_UNAVAILABLE, not a 500 that
// reads like a bug. The handlers run for real against a database address nobody listens on
// (port 1 refuses at once); only the cookie is stubbed, so the session lookup itself is what
// meets the dead database, as in production.

process.env.DATABASE_URL = "postgresql://custody:unused@127.0.0.1:1/custody";
vi.mock("@/lib/auth/session-cookie", async (original) => ({ ...(await original<object>()), sessionIdFromCookie: async () => "0197c0de-0000-7000-8000-000000000001" }));

const { GET: messages } = await import("@/app/api/v1/cases/[caseId]/messages/route");
const { GET: queue } = await import("@/app/api/v1/cases/route");
const { POST: claim } = await import("@/app/api/v1/cases/[caseId]/claim/route");

const CASE = "0197c0de-0000-7000-8000-0000000000ca";
const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });
const mutation = (url: string) => new Request(`http://localhost${url}`, { method: "POST", headers: { host: "localhost", origin: "http://localhost", "x-custody-request": "1" } });

afterAll(() => disconnectDb());

describe("database down", () => {
  it("the content route answers 503 LOG_UNAVAILABLE and reveals nothing", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await messages(new Request(`http://localhost/api/v1/cases/${CASE}/messages`), params({ caseId: CASE }));
    quiet.mockRestore();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.error.code).toBe("LOG_UNAVAILABLE");
    expect(body).not.toHaveProperty("messages");
  });

  it("other routes answer a clear 503 DATABASE_UNAVAILABLE, reads and mutations alike", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const answers = [await queue(new Request("http://localhost/api/v1/cases")), await claim(mutation(`/api/v1/cases/${CASE}/claim`), params({ caseId: CASE }))];
    quiet.mockRestore();
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect((await res.json()).error).toEqual({ code: "DATABASE_UNAVAILABLE", message: "The database cannot be reached right now. Try again shortly." });
    }
  });
});
