import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { disconnectDb, getDb } from "@/lib/db";
import { ruleInput } from "@/lib/detection/rule-definition";
import { createRule } from "@/lib/detection/save-rule";
import type { RouteHandler } from "@/lib/http/with-operation";
import { ALL_OPERATIONS, OPERATIONS, type OperationId } from "@/lib/policy/operations";
import { decidePermission } from "@/lib/policy/permissions";
import type { Role } from "@/lib/policy/roles";
import { signIntakeRequest } from "@/lib/intake/signature";
import { bodyVariants, paramVariants, queryVariants, type Variant } from "./fuzz-variants";
import { PNG, intakeSecrets } from "./intake-client";
import { decideCase } from "@/lib/cases/decide-case";
import { assignTo, makeReportedConversation, makeStaff, meta as requestMeta } from "./world";

// Every route in the registry, walked from lib/policy/operations.ts so a new route is fuzzed
// the day it exists, gets dozens of malformed requests through its real exported handler,
// with a session that may use it, against the real database. None may answer 5xx, and any
// request carrying U+0000 or a lone surrogate where the route reads input must be a 400.
// next-auth's own handler is left out: it needs Next's request scope, and its input is
// next-auth's (the e2e role-refusals spec reaches it through the real server).

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff, currentStaffPassively: async () => signedIn.staff }));

const APP = path.resolve(import.meta.dirname, "../../app");
const ROLES: Role[] = ["REVIEWER", "LEAD", "LEGAL", "AUDITOR", "ADMIN"];
const WHY = "Reviewing the reported harassment in context";

/** A body each mutation accepts, so field variants change one thing at a time. */
const BODIES: Partial<Record<OperationId, Record<string, unknown>>> = {
  "POST /api/v1/cases/{caseId}/grants": { purpose: "USER_REPORT", justification: WHY },
  // Its target (a participant of the case the fuzz decides) is filled in by beforeAll.
  "POST /api/v1/cases/{caseId}/decision": { decision: "WARN", note: "Warned for insults." },
  "POST /api/v1/grants/{grantId}/scope": { direction: "earlier", justification: WHY },
  "POST /api/v1/grants/{grantId}/approve": { note: "fine" },
  "POST /api/v1/grants/{grantId}/reject": { note: "not needed" },
  "POST /api/v1/grants/{grantId}/revoke": { reason: "no longer needed" },
  "POST /api/v1/grants/{grantId}/post-hoc-review": { verdict: "JUSTIFIED", note: WHY },
  "POST /api/v1/me/step-up": { code: "123456" },
  "POST /api/v1/staff": { email: `fuzz-${randomUUID()}@custody.test`, name: "Fuzz", roles: ["REVIEWER"], regions: ["US"], disabled: false, links: [] },
  "PATCH /api/v1/staff/{staffId}": { name: "Fuzzed", roles: ["REVIEWER"], regions: ["US"], disabled: false, links: [] },
  // Rules switched off, with terms no message has: whatever a variant saves matches nothing.
  "POST /api/v1/rules": { name: `Fuzz ${randomUUID()}`, category: "SCAM", severity: "LOW", enabled: false, definition: { kind: "terms", terms: ["zqfuzzterm"], near: null } },
  "PUT /api/v1/rules/{ruleId}": { name: `Fuzzed ${randomUUID()}`, category: "SCAM", severity: "LOW", enabled: false, definition: { kind: "terms", terms: ["zqfuzzterm"], near: null }, baseVersion: 1 },
  "POST /api/v1/rules/test": { definition: { kind: "signals", signals: [{ label: "a", terms: ["zqa"] }, { label: "b", terms: ["zqb"] }], threshold: 2, windowDays: 7 }, text: "zqa and zqb" },
  // US scanning is on by default: the baseline switches nothing.
  "PUT /api/v1/detection/regions/{region}": { enabled: true },
  "POST /api/v1/grants/{grantId}/extend": { justification: WHY },
};

/** The platform's signed intake: each variant is signed over its exact body, so it reaches parsing. */
const isSigned = (op: OperationId) => (OPERATIONS[op].rules as readonly string[]).includes("SIGNED");

// Probes whose 503 is their report (this test's world runs no sealer, so it is never "ready"):
// there a 503 is fine when it is the probe's own answer, not an error.
const PROBES = new Set<OperationId>(["GET /api/health", "GET /api/ready"]);
const isProbeReport = (op: OperationId, status: number, text: string) => PROBES.has(op) && status === 503 && !("error" in JSON.parse(text || "{}"));

const ROUTES = ALL_OPERATIONS.filter((op) => !op.startsWith("PAGE ") && !op.includes("[...nextauth]"));
const staffByRole = new Map<Role, StaffContext>();
const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const role of ROLES) staffByRole.set(role, await makeStaff([role], ["US"]));
  const reviewer = staffByRole.get("REVIEWER")!;
  const world = await makeReportedConversation({ region: "US" });
  await assignTo(world.caseId, reviewer);
  const grant = await getDb().accessGrant.create({
    data: { staffId: reviewer.id, caseId: world.caseId, conversationId: world.conversationId, purpose: "USER_REPORT", justification: WHY, scopeFrom: 10, scopeTo: 30, status: "ACTIVE", expiresAt: new Date(Date.now() + 30 * 60_000) },
  });
  // Deciding closes a case: the decision route gets one of its own, so the others keep theirs open.
  const toDecide = await makeReportedConversation({ region: "US" });
  await assignTo(toDecide.caseId, reviewer);
  BODIES["POST /api/v1/cases/{caseId}/decision"] = { decision: "WARN", note: "Warned for insults.", target: { accountId: toDecide.accountIds[1] } };
  // A decision in the outbox, for the admin's retry and the platform's appeal.
  const decided = await makeReportedConversation({ region: "US" });
  await assignTo(decided.caseId, reviewer);
  const { decisionId } = await decideCase(reviewer, { caseId: decided.caseId, decision: "SUSPEND", note: "Suspended for threats." }, requestMeta);
  const rule = await createRule(staffByRole.get("LEAD")!, ruleInput.parse({ ...BODIES["POST /api/v1/rules"], name: BODIES["PUT /api/v1/rules/{ruleId}"]!.name }), { requestId: "fuzz", ipHmac: null, userAgent: "fuzz" });
  Object.assign(ids, { ruleId: rule.id, region: "US", decisionId, caseId: world.caseId, decidedCaseId: toDecide.caseId, grantId: grant.id, staffId: (await makeStaff(["REVIEWER"], ["US"])).id, seq: "1", exportId: randomUUID() });

  // Valid intake bodies over this world's own platform ids, so field variants change one thing.
  const db = getDb();
  const conv = await db.conversation.findUniqueOrThrow({ where: { id: world.conversationId }, select: { externalId: true, participants: { select: { account: { select: { externalId: true, handle: true, displayName: true, dataRegion: true } } } }, messages: { take: 1, select: { externalId: true } } } });
  const [a, b] = conv.participants.map((p) => p.account);
  const appellant = (await db.conversationParticipant.findFirstOrThrow({ where: { conversationId: decided.conversationId }, select: { account: { select: { externalId: true } } } })).account.externalId;
  Object.assign(BODIES, {
    "POST /api/v1/intake/accounts": { accounts: [{ id: a!.externalId, handle: a!.handle, displayName: a!.displayName, dataRegion: a!.dataRegion }] },
    "POST /api/v1/intake/messages": { messages: [{ id: `fuzz-${randomUUID()}`, conversationId: conv.externalId, senderId: a!.externalId, sentAt: "2026-11-01T10:00:00Z", text: "fuzzed" }] },
    "POST /api/v1/intake/uploads": { conversationId: conv.externalId, contentType: "image/png", data: PNG.toString("base64") },
    "POST /api/v1/intake/reports": { id: `fuzz-${randomUUID()}`, reporterId: b!.externalId, conversationId: conv.externalId, messageIds: [conv.messages[0]!.externalId], category: "HARASSMENT", text: "fuzz" },
    "POST /api/v1/intake/appeals": { id: `fuzz-${randomUUID()}`, decisionId, appellantId: appellant, text: "fuzz" },
  });
});

afterAll(() => disconnectDb());

function roleFor(op: OperationId): Role {
  const permission = OPERATIONS[op].permission;
  return ROLES.find((r) => permission === null || decidePermission([r], permission).allow)!;
}

async function handlerOf(op: OperationId): Promise<RouteHandler> {
  const [method, url] = op.split(" ") as [string, string];
  const file = path.join(APP, url.replace(/\{([^}]+)\}/g, "[$1]"), "route.ts");
  const handler = ((await import(file)) as Record<string, RouteHandler>)[method];
  if (!handler) throw new Error(`${file} exports no ${method}`);
  return handler;
}

function requestFor(op: OperationId, v: Variant): Request {
  const [method, url] = op.split(" ") as [string, string];
  const u = new URL(`http://localhost${url.replace(/\{[^}]+\}/g, "x")}`);
  for (const [k, val] of v.query ?? []) u.searchParams.append(k, val);
  const headers = new Headers({ host: "localhost", origin: "http://localhost", "x-custody-request": "1", "content-type": "application/json", "user-agent": "fuzz" });
  for (const [k, val] of Object.entries(v.headers ?? {})) if (val === null) headers.delete(k); else headers.set(k, val);
  const hasBody = method !== "GET" && v.body !== undefined;
  if (isSigned(op)) for (const [k, val] of Object.entries(signIntakeRequest(intakeSecrets()[0]!, v.body ?? ""))) headers.set(k, val);
  return new Request(u, { method, headers, body: hasBody ? v.body : undefined });
}

function variantsFor(op: OperationId): Variant[] {
  const names = [...op.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const own = op === "POST /api/v1/cases/{caseId}/decision" ? { caseId: ids.decidedCaseId } : {};
  const baseline = Object.fromEntries(names.map((n) => [n, (own as Record<string, string | undefined>)[n] ?? ids[n] ?? randomUUID()]));
  const ofMethod = op.startsWith("GET ") ? queryVariants() : bodyVariants(BODIES[op] ?? null);
  return [...paramVariants(names, baseline), ...ofMethod].map((v) => ({ ...v, params: v.params ?? baseline, body: v.body ?? (op.startsWith("GET ") ? undefined : JSON.stringify(BODIES[op] ?? {})) }));
}

describe("every route in the registry, fuzzed", () => {
  it("covers the API (guards against an empty walk)", () => {
    expect(ROUTES.length).toBeGreaterThan(20);
  });

  for (const op of ROUTES) {
    it(`${op}: no malformed request gets a 5xx`, { timeout: 180_000 }, async () => {
      const handler = await handlerOf(op);
      const variants = variantsFor(op);
      expect(variants.length).toBeGreaterThanOrEqual(30);
      // Public routes read no input of ours, except the signed intake, which must refuse unsafe text too.
      const isPublic = OPERATIONS[op].permission === null && !isSigned(op);
      const wrong: string[] = [];
      const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        for (const v of variants) {
          signedIn.staff = staffByRole.get(roleFor(op))!;
          const res = await handler(requestFor(op, v), { params: Promise.resolve(v.params as Record<string, string>) });
          // Read every body to its end: a stream (export, verify) works on until it is drained.
          // An event stream never ends by itself; what matters there is the status it opened with.
          const events = res.headers.get("content-type")?.startsWith("text/event-stream");
          const body = events ? (await res.body?.cancel(), "") : await res.text();
          const text = res.headers.get("content-type")?.startsWith("application/json") ? body : "";
          if (isProbeReport(op, res.status, text)) continue;
          if (res.status >= 500) wrong.push(`${v.label}: ${res.status} ${text.slice(0, 160)}`);
          else if (v.unsafe && !isPublic && res.status !== 400) wrong.push(`${v.label}: expected 400, got ${res.status} ${text.slice(0, 160)}`);
          else if (res.status >= 400 && !JSON.parse(text || "{}").error?.message) wrong.push(`${v.label}: ${res.status} without a message`);
          // Signed correctly, a variant must get past the signature to be fuzzing anything.
          else if (isSigned(op) && res.status === 401) wrong.push(`${v.label}: 401 although signed ${text.slice(0, 160)}`);
        }
      } finally {
        quiet.mockRestore();
      }
      expect(wrong).toEqual([]);
    });
  }
});
