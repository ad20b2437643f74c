import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { disconnectDb, getDb } from "@/lib/db";
import { OPERATIONS } from "@/lib/policy/operations";
import { makeStaff, uid } from "./world";

// From the attacker's side: a signed-in admin (or auditor) visits a hostile page, which sends Custody's
// mutations with the marker header. The marker alone must not be enough; the Origin check
// must refuse a foreign Origin, and an opaque (`null`) or garbled one must be a 403 CSRF, not
// a 500 from parsing it. Every mutation route in the registry is tried, so a route that skips
// the check (or a check that loses its Origin half, as planted in the mutation pass) fails.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));

afterAll(() => disconnectDb());

const BAD_ORIGINS = ["https://evil.example", "http://localhost.evil.example", "null", "http://[", "not a url"];

// The platform's signed intake takes no cookie, so it has no CSRF check: its signature is the check.
const MUTATIONS = Object.entries(OPERATIONS)
  .filter(([id, op]) => /^(POST|PUT|PATCH|DELETE) \/api\/v1\//.test(id) && (op.rules as readonly string[]).includes("CSRF"))
  .map(([id]) => id);

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The route file's handler for "POST /api/v1/cases/{caseId}/claim", with a uuid for each path parameter. */
async function handlerFor(id: string) {
  const [method, path] = id.split(" ") as [string, string];
  const file = path.replace(/\{(\w+)\}/g, "[$1]");
  const mod = (await import(/* @vite-ignore */ join(import.meta.dirname, "../../app", file, "route.ts"))) as Record<string, Handler>;
  const params = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, crypto.randomUUID()]));
  return { method, url: `http://localhost:3000${path.replace(/\{(\w+)\}/g, (_, k: string) => params[k]!)}`, params, handler: mod[method]! };
}

const newStaffBody = () => JSON.stringify({ email: `csrf-${uid()}@custody.test`, name: "Planted Admin", roles: ["ADMIN"], regions: ["US"], disabled: false, links: [] });

describe("CSRF: the marker header is not enough", () => {
  it("the registry lists the mutation routes this test walks", () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(12);
  });

  it.each(MUTATIONS)("%s refuses the marker with a foreign, null or unparsable Origin (403 CSRF)", async (id) => {
    // The victim holds the route's permission, so only the CSRF check stands in the way.
    signedIn.staff = await makeStaff([id.includes("/api/v1/audit/") ? "AUDITOR" : "ADMIN"]);
    const { method, url, params, handler } = await handlerFor(id);
    for (const origin of BAD_ORIGINS) {
      const req = new Request(url, { method, body: "{}", headers: { host: "localhost:3000", origin, "x-custody-request": "1", "content-type": "application/json" } });
      const res = await handler(req, { params: Promise.resolve(params) });
      expect({ origin, status: res.status, body: await res.json() }).toMatchObject({ origin, status: 403, body: { error: { code: "CSRF" } } });
    }
  });

  it("a forged staff creation creates no one, while the same request from our own page does", async () => {
    signedIn.staff = await makeStaff(["ADMIN"]);
    const { POST } = await import("@/app/api/v1/staff/route");
    const send = (origin: string, body: string) =>
      POST(new Request("http://localhost:3000/api/v1/staff", { method: "POST", body, headers: { host: "localhost:3000", origin, "x-custody-request": "1", "content-type": "application/json" } }));
    const before = await getDb().staff.count();
    for (const origin of BAD_ORIGINS) expect((await send(origin, newStaffBody())).status).toBe(403);
    expect(await getDb().staff.count()).toBe(before);
    expect((await send("http://localhost:3000", newStaffBody())).status).toBe(201);
  });
});
