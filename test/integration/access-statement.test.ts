import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { disconnectDb, getDb } from "@/lib/db";
import { verifierKeyString } from "@/lib/log/checkpoints/signed-note";
import { Sealer } from "@/lib/log/sealer/sealer";
import type { AccessStatement } from "@/lib/log/statement/access-statement";
import { type LogDb, TEST_ORIGIN, dropTemplate, freshLogDb } from "./audit-log-db";
import { insertEvent } from "./audit-fixtures";
import { type WitnessProcess, startWitness } from "./witness-process";
import { makeLegalRequest, makeReportedConversation, makeStaff } from "./world";

// The "who read my DMs" statement end to end (issue 13 §4, ADR 029): the route builds it from a
// log sealed and cosigned by two real witness processes (quorum 2, OS-assigned ports), and the
// holder's offline check (`audit:verify --statement`, a separate process) accepts it and
// refuses a changed line, a dropped read, another account's statement and a wrong log key.
// Reads under a live non-disclosure order are counted, never listed; a refused role is logged.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));
const { POST } = await import("@/app/api/v1/audit/statements/route");

const run = promisify(execFile);
let d: LogDb;
let w: WitnessProcess[] = [];
let auditor: StaffContext;
let reviewer: StaffContext;
let subject: { id: string; externalId: string };
let other: { id: string; externalId: string };
let keyFile: string;
const readers: StaffContext[] = [];

function post(staff: StaffContext | null, body: unknown) {
  signedIn.staff = staff;
  return POST(new Request("http://localhost/api/v1/audit/statements", { method: "POST", headers: { "content-type": "application/json", host: "localhost", origin: "http://localhost", "x-custody-request": "1", "user-agent": "vitest" }, body: JSON.stringify(body) }));
}

async function verify(statement: unknown, account: string, key = keyFile): Promise<{ code: number; out: string }> {
  const file = path.join(d.config.checkpointDir, "..", `${d.name}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(statement));
  const args = ["--import", "tsx", "--conditions=react-server", "lib/cli/audit-verify.ts", "--statement", file, "--account", account, "--public-key", key, "--quorum", "2"];
  for (const x of w) args.push("--witness", x.vkey);
  try {
    const r = await run(process.execPath, args, { env: { ...process.env, NODE_OPTIONS: "" }, encoding: "utf8" });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const PERIOD = { from: "2026-05-01", to: "2026-05-31" };

beforeAll(async () => {
  d = await freshLogDb();
  w = await Promise.all([startWitness({ logVkeys: [d.signer.verifierKey], name: "witness.test/a" }), startWitness({ logVkeys: [d.signer.verifierKey], name: "witness.test/b" })]);
  const witnesses = w.map((x, i) => `${"ab"[i]} ${x.url} ${x.vkey}`).join(";");
  Object.assign(process.env, { DATABASE_URL: d.appUrl, CUSTODY_CHECKPOINT_DIR: d.config.checkpointDir, CUSTODY_SIGNING_KEY: d.config.signingKeyEnv, CUSTODY_LOG_ORIGIN: TEST_ORIGIN, CUSTODY_WITNESSES: witnesses, CUSTODY_WITNESS_QUORUM: "2" });
  keyFile = path.join(d.config.checkpointDir, "..", `${d.name}.pub`);
  await writeFile(keyFile, `${d.signer.verifierKey}\n`);

  auditor = await makeStaff(["AUDITOR"]);
  reviewer = await makeStaff(["REVIEWER"]);
  for (let i = 0; i < 2; i++) readers.push(await makeStaff(["REVIEWER"]));
  const legal = await makeStaff(["LEGAL"]);
  const world = await makeReportedConversation();
  const [a, b] = world.accountIds;
  const db = getDb();
  subject = await db.platformAccount.findUniqueOrThrow({ where: { id: a }, select: { id: true, externalId: true } });
  other = await db.platformAccount.findUniqueOrThrow({ where: { id: b }, select: { id: true, externalId: true } });
  // A case under a legal request whose non-disclosure order runs into the future.
  const request = await makeLegalRequest(legal.id, { namedAccountIds: [a], nonDisclosureUntil: new Date("2099-01-31T00:00:00Z") });
  const sealedCase = await db.case.create({ data: { basis: "LEGAL_REQUEST", category: "THREATS", priority: 2, conversationId: world.conversationId, legalRequestId: request.id }, select: { id: true } });

  const actor = (s: StaffContext) => ({ id: s.id, email: s.email, roles: s.roles as string[] });
  const base = { caseId: world.caseId, conversationId: world.conversationId, purpose: "USER_REPORT" };
  await insertEvent({ ...base, at: new Date("2026-05-02T10:00:00Z"), actor: actor(readers[0]!), accountIds: [a, b], messageIds: world.messageIds.slice(0, 2) });
  await insertEvent({ ...base, at: new Date("2026-05-03T10:00:00Z"), actor: actor(readers[1]!), accountIds: [b], messageIds: world.messageIds.slice(2, 3) });
  await insertEvent({ ...base, at: new Date("2026-05-04T10:00:00Z"), actor: actor(readers[0]!), accountIds: [a], messageIds: world.messageIds.slice(0, 1) });
  await insertEvent({ ...base, at: new Date("2026-05-05T10:00:00Z"), actor: actor(readers[1]!), outcome: "DENIED", denialReason: "NO_GRANT", accountIds: [a] });
  await insertEvent({ caseId: sealedCase.id, conversationId: world.conversationId, purpose: "LEGAL_PROCESS", at: new Date("2026-05-06T10:00:00Z"), actor: actor(legal), accountIds: [a], messageIds: world.messageIds.slice(0, 1) });
  await insertEvent({ ...base, at: new Date("2026-06-02T10:00:00Z"), actor: actor(readers[0]!), accountIds: [a], messageIds: world.messageIds.slice(0, 1) });

  const { auditConfig } = await import("@/lib/log/config");
  const sealer = new Sealer({ connectionString: d.appUrl, config: { ...auditConfig(), witnessTimeoutMs: 5000 }, log: () => {} });
  await sealer.sealAll();
  await sealer.witnessNow();
  await sealer.stop();
}, 90_000);

afterAll(async () => {
  await Promise.all(w.map((x) => x.stop()));
  await disconnectDb();
  await d?.drop();
  await dropTemplate();
});

describe("POST /api/v1/audit/statements", () => {
  let statement: AccessStatement;

  it("issues a statement, logged before it is returned, that verifies offline against both witnesses", async () => {
    const res = await post(auditor, { accountId: subject.externalId, ...PERIOD });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="access-statement-.*-2026-05-01-2026-05-31\.json"$/);
    statement = (await res.json()) as AccessStatement;
    expect(statement.accountId).toBe(subject.externalId);
    // Three reads in May name or share the account's conversation; the denial and June's read are not in it.
    expect(statement.lines.map((l) => [l.date.slice(0, 10), l.purpose, l.basis, l.roleCategory])).toEqual([
      ["2026-05-02", "USER_REPORT", "report", "trust and safety reviewer"],
      ["2026-05-03", "USER_REPORT", "report", "trust and safety reviewer"],
      ["2026-05-04", "USER_REPORT", "report", "trust and safety reviewer"],
    ]);
    // Pseudonyms, stable within the statement, never a staff id or address.
    const ids = statement.lines.map((l) => l.readerId);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
    const text = JSON.stringify(statement);
    for (const r of [...readers, auditor]) {
      expect(text).not.toContain(r.id);
      expect(text).not.toContain(r.email);
    }
    // The read under the non-disclosure order: counted, with its end date, never listed.
    expect(statement.withheld).toBe(1);
    expect(statement.withheldUntil).toBe("2099-01-31");
    expect(statement.lines.some((l) => l.purpose === "LEGAL_PROCESS" || l.basis === "legal process")).toBe(false);

    const logged = await getDb().accessEvent.findFirst({ where: { action: "AUDIT_STATEMENT_ISSUED" }, orderBy: { seq: "desc" }, select: { actorId: true, accountIds: true, details: true } });
    expect(logged).toMatchObject({ actorId: auditor.id, accountIds: [subject.id], details: { from: "2026-05-01", to: "2026-05-31", lines: 3, withheld: 1, withheldUntil: "2099-01-31" } });

    const ok = await verify(statement, subject.externalId);
    expect(ok.out).toMatch(/^OK: the statement for account .* 3 access line\(s\).*cosigned by witness\.test\/a, witness\.test\/b; 0 pending; 1 read\(s\) withheld under a non-disclosure order until 2099-01-31/m);
    expect(ok.code).toBe(0);
  }, 60_000);

  it("the offline check refuses a changed line, a dropped read, another account's statement and a wrong key", async () => {
    const clone = () => JSON.parse(JSON.stringify(statement)) as AccessStatement;
    const changed = clone();
    changed.lines[1]!.purpose = "EMERGENCY";
    const dropped = clone();
    dropped.lines.splice(1, 1);
    const otherRes = await post(auditor, { accountId: other.id, ...PERIOD });
    expect(otherRes.status).toBe(200);
    const otherStatement = (await otherRes.json()) as AccessStatement;
    const wrongKey = path.join(d.config.checkpointDir, "..", `${d.name}-wrong.pub`);
    await writeFile(wrongKey, `${verifierKeyString(TEST_ORIGIN, generateKeyPairSync("ed25519").publicKey)}\n`);

    const [c, dr, o, k] = await Promise.all([verify(changed, subject.externalId), verify(dropped, subject.externalId), verify(otherStatement, subject.externalId), verify(statement, subject.externalId, wrongKey)]);
    expect(c).toMatchObject({ code: 1, out: expect.stringMatching(/FAILED: signature: the signed text does not match/) });
    expect(dr).toMatchObject({ code: 1, out: expect.stringMatching(/FAILED: signature: the signed text does not match/) });
    expect(o).toMatchObject({ code: 1, out: expect.stringMatching(/FAILED: the statement is for account/) });
    expect(k).toMatchObject({ code: 1, out: expect.stringMatching(/FAILED: checkpoint/) });
  }, 90_000);

  it("refuses a reader's role, and logs the refusal", async () => {
    const res = await post(reviewer, { accountId: subject.externalId, ...PERIOD });
    expect(res.status).toBe(403);
    const denied = await getDb().accessEvent.findFirst({ where: { actorId: reviewer.id, outcome: "DENIED" }, orderBy: { seq: "desc" }, select: { action: true, denialReason: true } });
    expect(denied).toMatchObject({ action: "ACCESS_DENIED", denialReason: "ROLE" });
    expect(await getDb().accessEvent.count({ where: { action: "AUDIT_STATEMENT_ISSUED", actorId: reviewer.id } })).toBe(0);
  });

  it("answers 404 for an unknown account, 400 for a bad period, 409 for a period not yet over or sealed", async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ accountId: "no-such-account", ...PERIOD }, 404, /No platform account/],
      [{ accountId: subject.externalId, from: "2026-05-31", to: "2026-05-01" }, 400, /is before "from"/],
      [{ accountId: subject.externalId, from: "2026-02-30", to: "2026-03-01" }, 400, /calendar date/],
      [{ accountId: subject.externalId, from: "2024-01-01", to: "2026-05-01" }, 400, /at most 366 days/],
      [{ accountId: subject.externalId, from: "2026-12-01", to: "2026-12-31" }, 409, /has not ended yet/],
      [{ accountId: subject.externalId }, 400, /from/],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(auditor, body);
      const json = (await res.json()) as { error: { message: string } };
      expect([res.status, json.error.message]).toEqual([status, expect.stringMatching(message)]);
    }
    // An event of the period that is logged but not sealed: 409, not a shorter statement.
    await insertEvent({ at: new Date("2026-05-20T10:00:00Z"), actor: { id: readers[0]!.id, email: readers[0]!.email, roles: ["REVIEWER"] }, accountIds: [subject.id], purpose: "USER_REPORT" });
    const open = await post(auditor, { accountId: subject.externalId, ...PERIOD });
    expect(open.status).toBe(409);
    expect(await open.text()).toMatch(/not yet under a witnessed checkpoint/);
  });
});
