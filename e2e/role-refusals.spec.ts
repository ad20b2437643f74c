import { expect, test, type APIRequestContext } from "@playwright/test";
import { ALL_OPERATIONS, OPERATIONS, type OperationId } from "../lib/policy/operations";
import { decidePermission } from "../lib/policy/permissions";
import type { Role } from "../lib/policy/roles";
import { STAFF, signIn } from "./fixtures";

// From the attacker's side, per role: every page and API route the role must not use,
// requested directly by URL, is refused (403 for the API, a refusal for pages). The list is
// the operations registry itself, so a new route is attacked as soon as it exists. Then:
// no session → 401 / sign-in; mutations without the CSRF header → 403; malformed input → 4xx
// with a message, never 500.

const ROLE_OF: Record<Exclude<keyof typeof STAFF, "reviewer2">, Role> = { reviewer: "REVIEWER", lead: "LEAD", legal: "LEGAL", auditor: "AUDITOR", admin: "ADMIN" };
const SOME_ID = "019a0000-0000-7000-8000-00000000abcd";

function split(op: OperationId): { method: string; path: string } {
  const [method, raw] = op.split(" ") as [string, string];
  return { method, path: raw.replace(/\{[^}]+\}/g, SOME_ID) };
}

async function call(request: APIRequestContext, method: string, path: string, opts: { csrf?: boolean; data?: unknown; contentType?: string } = {}) {
  const headers: Record<string, string> = { "content-type": opts.contentType ?? "application/json" };
  if (opts.csrf !== false) headers["x-custody-request"] = "1";
  return request.fetch(path, { method, headers, data: method === "GET" ? undefined : (opts.data ?? {}) });
}

for (const [who, role] of Object.entries(ROLE_OF)) {
  test(`${role} is refused every page and route it must not use`, async ({ page }) => {
    await signIn(page, STAFF[who as keyof typeof ROLE_OF]);
    const forbidden = ALL_OPERATIONS.filter((op) => {
      const permission = OPERATIONS[op].permission;
      return permission !== null && !decidePermission([role], permission).allow;
    });
    expect(forbidden.length).toBeGreaterThan(3);
    for (const op of forbidden) {
      const { method, path } = split(op);
      if (method === "PAGE") {
        await page.goto(path);
        await expect(page.getByText(/Access refused|do not have access/).first(), `${op} as ${role}`).toBeVisible();
      } else {
        const res = await call(page.request, method, path);
        expect(res.status(), `${op} as ${role}`).toBe(403);
        const body = await res.json();
        expect(body.error.message, `${op} as ${role}`).toBeTruthy();
        expect(JSON.stringify(body)).not.toMatch(/"text"/);
      }
    }
  });
}

test("without a session: API routes answer 401, pages send to sign-in", async ({ page }) => {
  for (const op of ALL_OPERATIONS.filter((o) => OPERATIONS[o].permission !== null)) {
    const { method, path } = split(op);
    if (method === "PAGE") {
      await page.goto(path);
      await expect(page, op).toHaveURL(/\/signin/);
    } else {
      expect((await call(page.request, method, path)).status(), op).toBe(401);
    }
  }
});

test("mutations need the CSRF header; malformed input is a 4xx with a message, never a 500", async ({ page }) => {
  await signIn(page, STAFF.reviewer);
  const csrf = await call(page.request, "POST", `/api/v1/cases/${SOME_ID}/claim`, { csrf: false });
  expect(csrf.status()).toBe(403);
  expect((await csrf.json()).error.code).toBe("CSRF");

  const bad: [string, string, { data?: unknown; contentType?: string }][] = [
    ["POST", `/api/v1/cases/not-a-uuid/grants`, { data: { purpose: "USER_REPORT", justification: "long enough justification here" } }],
    ["POST", `/api/v1/cases/${SOME_ID}/grants`, { data: "{not json" }],
    ["POST", `/api/v1/cases/${SOME_ID}/grants`, { data: "purpose=x", contentType: "application/x-www-form-urlencoded" }],
    ["POST", `/api/v1/cases/${SOME_ID}/grants`, { data: { purpose: "EVERYTHING", justification: "long enough justification here" } }],
    ["POST", `/api/v1/cases/${SOME_ID}/grants`, { data: { purpose: "USER_REPORT", justification: "long enough justification here", scope: { from: "a" } } }],
    ["POST", `/api/v1/cases/${SOME_ID}/grants`, { data: { purpose: "USER_REPORT", justification: "long enough justification here", scope: { sentFrom: "yesterday", sentTo: 5 } } }],
    ["POST", `/api/v1/cases/${SOME_ID}/grants`, { data: [1, 2, 3] }],
    ["POST", `/api/v1/grants/${SOME_ID}/scope`, { data: { direction: "sideways", justification: "long enough justification here" } }],
    ["POST", `/api/v1/grants/${SOME_ID}/scope`, { data: { direction: "earlier", justification: "long enough justification here" } }],
    ["POST", `/api/v1/me/step-up`, { data: { code: "12ab56" } }],
    ["POST", `/api/v1/me/step-up`, { data: { code: 123456 } }],
    ["GET", `/api/v1/me/access?cursor=abc`, {}],
    ["GET", `/api/v1/me/access?kind=everything`, {}],
    ["GET", `/api/v1/cases?limit=100000`, {}],
    ["GET", `/api/v1/cases/${"x".repeat(5000)}/messages`, {}],
    ["POST", `/api/v1/cases/${SOME_ID}/decision`, { data: { decision: "DELETE_EVERYTHING", note: "x" } }],
    // Segments Next.js itself cannot percent-decode: the proxy answers before Next's router does.
    ["GET", `/api/v1/cases/%ZZ/messages`, {}],
    ["GET", `/api/v1/cases/%C0%80/messages`, {}],
    ["POST", `/api/v1/grants/%C0%80/revoke`, { data: { reason: "no longer needed" } }],
  ];
  for (const [method, path, opts] of bad) {
    const res = await call(page.request, method, path, opts);
    const status = res.status();
    expect(status, `${method} ${path.slice(0, 80)} ${JSON.stringify(opts).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
    expect(status, `${method} ${path.slice(0, 80)}`).toBeLessThan(500);
    expect((await res.json()).error.message).toBeTruthy();
  }
});

test("an undecodable page path and an opaque or unparsable Origin are 4xx, never a 500", async ({ page }) => {
  await signIn(page, STAFF.reviewer);
  for (const path of ["/cases/%ZZ", "/cases/%C0%80"]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain("not valid percent-encoded UTF-8");
  }
  for (const origin of ["null", "http://[::1", "::::"]) {
    const res = await page.request.post(`/api/v1/cases/${SOME_ID}/claim`, { headers: { "content-type": "application/json", "x-custody-request": "1", origin }, data: {} });
    expect(res.status(), `Origin: ${origin}`).toBe(403);
    expect((await res.json()).error.code).toBe("CSRF");
  }
});
