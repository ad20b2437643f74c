import { spawnSync } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import yazl from "yazl";
import { requestGrant } from "@/lib/access/request-grant";
import { decideOnRequest } from "@/lib/approvals/decide-request";
import type { StaffContext } from "@/lib/auth/staff-context";
import { claimCase } from "@/lib/cases/claim-case";
import * as decrypt from "@/lib/crypto/decrypt";
import * as gcm from "@/lib/crypto/gcm-open";
import { disconnectDb, getDb } from "@/lib/db";
import { changeLegalRequestStatus } from "@/lib/legal/request-status";
import { verifyLegalRequest } from "@/lib/legal/verify-request";
import { auditConfig, checkpointSigningKey } from "@/lib/log/config";
import { FILES, signPackageManifest } from "@/lib/log/disclosure/package-format";
import { verifyDisclosurePackage } from "@/lib/log/disclosure/verify-package";
import { eventsSince, lastSeq, makeReportedConversation, makeStaff, meta } from "./world";

// The disclosure package from the attacker's side, through the real route: the wrong role, a
// stale step-up, a guessed id, a request not approved, a second package, the log refusing its
// write (nothing decrypted, no package); what is inside is exactly what the EXPORT event names,
// never a message outside the request's approved scope; and `npm run audit:verify --package`
// accepts the genuine package and refuses a changed record, a removed record and a swapped
// manifest signature.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));

const { POST: intake } = await import("@/app/api/v1/legal/requests/route");
const { POST: packageRoute } = await import("@/app/api/v1/legal/requests/[requestId]/package/route");

const headers = { host: "localhost", origin: "http://localhost", "x-custody-request": "1", "content-type": "application/json", "user-agent": "vitest" };
const post = (url: string, body?: unknown) => new Request(`http://localhost${url}`, { method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
const WHY = "Search warrant GJ-2026-0412, content of the named account";
const ownerUrl = process.env.TEST_OWNER_URL!;

let taker: StaffContext;
let verifier: StaffContext;
let approver: StaffContext;
let world: Awaited<ReturnType<typeof makeReportedConversation>>;
let other: Awaited<ReturnType<typeof makeReportedConversation>>;
let handle: string;
let dir: string;
let keyFile: string;

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A warrant for the world's first account, 10:09–10:29 (positions 10–30), taken in by `taker`. */
async function takeIn(): Promise<string> {
  signedIn.staff = taker;
  const res = await intake(
    post("/api/v1/legal/requests", {
      reference: `GJ-2026-${Math.floor(Math.random() * 9000 + 1000)}`,
      authority: "Federal Bureau of Investigation",
      officerName: "SA Dana Ortiz",
      officerEmail: "dortiz@fbi.gov",
      officerPhone: "+1 202 555 0100",
      instrument: "SEARCH_WARRANT",
      jurisdiction: "US",
      jurisdictionName: "N.D. Cal.",
      category: "THREATS",
      accountHandles: [handle],
      dateFrom: "2026-10-01T10:09:00Z",
      dateTo: "2026-10-01T10:29:00Z",
      dataTypes: ["CONTENT"],
      dueAt: "2026-12-20T00:00:00Z",
    }),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { request: { id: string } }).request.id;
}

/** Verified by a colleague, a LEGAL_PROCESS grant approved by a second person, and (unless told) the request approved for disclosure. */
async function readyRequest(opts: { approve?: boolean } = {}): Promise<string> {
  const requestId = await takeIn();
  const { caseIds } = await verifyLegalRequest(verifier, requestId, { method: "PORTAL", passed: true, note: "Confirmed on the agency's law-enforcement portal" }, meta);
  const kase = await getDb().case.findFirstOrThrow({ where: { id: { in: caseIds }, conversationId: world.conversationId }, select: { id: true } });
  await claimCase(taker, kase.id, meta);
  const { grant } = await requestGrant(taker, { caseId: kase.id, purpose: "LEGAL_PROCESS", justification: WHY }, meta);
  await decideOnRequest(approver, { grantId: grant.id, verdict: "approve" }, meta);
  if (opts.approve ?? true) await changeLegalRequestStatus(verifier, requestId, { to: "APPROVED", note: "Scope matches the warrant" }, meta);
  return requestId;
}

async function build(as: StaffContext, requestId: string) {
  signedIn.staff = as;
  return packageRoute(post(`/api/v1/legal/requests/${requestId}/package`), { params: Promise.resolve({ requestId }) });
}

const statusOf = async (id: string) => (await getDb().legalRequest.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

function cli(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/audit-verify.ts", ...args], { env: process.env, encoding: "utf8", stdio: "pipe", timeout: 60_000 });
}

async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.on("entry", (entry: yauzl.Entry) =>
      zip.openReadStream(entry, async (e, s) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        for await (const c of s) chunks.push(c as Buffer);
        out.set(entry.fileName, Buffer.concat(chunks));
        zip.readEntry();
      }),
    );
    zip.readEntry();
  });
  zip.close();
  return out;
}

async function writeEntries(file: string, entries: Map<string, Buffer>) {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  await writeFile(file, Buffer.concat(chunks));
}

beforeAll(async () => {
  [taker, verifier, approver] = await Promise.all([makeStaff(["LEGAL"]), makeStaff(["LEGAL"]), makeStaff(["LEGAL"])]);
  world = await makeReportedConversation({ messages: 60 });
  // Another conversation, same dates, never named: its messages must never appear.
  other = await makeReportedConversation({ messages: 40 });
  handle = (await getDb().platformAccount.findUniqueOrThrow({ where: { id: world.accountIds[0] }, select: { handle: true } })).handle;
  dir = mkdtempSync(path.join(tmpdir(), "custody-package-"));
  keyFile = path.join(dir, "log.pub");
  await writeFile(keyFile, `${(await checkpointSigningKey(auditConfig())).verifierKey}\n`);
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await disconnectDb();
});

describe("a genuine package", () => {
  let requestId: string;
  let file: string;

  it("holds exactly the messages its EXPORT event names, inside the approved scope; the request is DISCLOSED in the same transaction", { timeout: 60_000 }, async () => {
    requestId = await readyRequest();
    const since = await lastSeq();
    const res = await build(taker, requestId);
    expect(res.status, res.status === 200 ? "" : await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="disclosure-L\d+-[0-9a-f]{8}\.zip"$/);
    file = path.join(dir, "genuine.zip");
    await writeFile(file, Buffer.from(await res.arrayBuffer()));

    const events = await eventsSince(since);
    const exported = events.filter((e) => e.action === "EXPORT");
    expect(exported.map((e) => [e.outcome, e.actorId])).toEqual([["ALLOWED", taker.id]]);
    const named = exported[0]!.messageIds;
    // Positions 10–30 of the named conversation: the warrant's dates and the approved grant's scope.
    expect(named).toEqual(world.messageIds.slice(9, 30));
    const moved = events.filter((e) => e.action === "LEGAL_REQUEST_STATUS_CHANGED");
    expect(moved.map((e) => [e.outcome, (e.details as { from: string }).from, (e.details as { to: string }).to])).toEqual([["ALLOWED", "APPROVED", "DISCLOSED"]]);
    expect(await statusOf(requestId)).toBe("DISCLOSED");

    const entries = await readEntries(file);
    expect([...entries.keys()].sort()).toEqual(Object.values(FILES).sort());
    const records = entries.get(FILES.records)!.toString("utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as { id: string; text: string; position: number });
    expect(records.map((r) => r.id)).toEqual(named);
    expect(records.map((r) => r.text)).toEqual(world.texts.slice(9, 30));
    const all = [...entries.values()].map((b) => b.toString("latin1")).join("\n");
    for (const outside of [...world.texts.slice(0, 9), ...world.texts.slice(30), ...other.texts]) expect(all).not.toContain(outside);
  });

  it("passes npm run audit:verify --package, offline, with the log's public key", { timeout: 60_000 }, async () => {
    expect(await verifyDisclosurePackage(file, (await readFile(keyFile, "utf8")).trim())).toMatchObject({ ok: true, messages: 21 });
    const ok = cli("--package", file, "--public-key", keyFile);
    expect(ok.stdout + ok.stderr).toMatch(/^OK: disclosure package .* 21 records are exactly those EXPORT event \d+ names/m);
    expect(ok.status).toBe(0);
  });

  it("a changed record, a removed record, a swapped manifest signature: each fails audit:verify --package", { timeout: 120_000 }, async () => {
    const genuine = await readEntries(file);
    const lines = genuine.get(FILES.records)!.toString("utf8").split("\n");
    const tampered: { name: string; edit: (e: Map<string, Buffer>) => void; expect: RegExp }[] = [
      {
        name: "changed-record",
        edit: (e) => e.set(FILES.records, Buffer.from(lines.map((l, i) => (i === 3 ? l.replace(/"text":"[^"]*"/, '"text":"I never said that"') : l)).join("\n"))),
        expect: /FAILED: file-hash: records\.jsonl does not match the manifest/,
      },
      { name: "removed-record", edit: (e) => e.set(FILES.records, Buffer.from(lines.filter((_, i) => i !== 5).join("\n"))), expect: /FAILED: file-hash: records\.jsonl does not match the manifest/ },
      {
        name: "swapped-signature",
        edit: (e) => {
          // The attacker re-signs the manifest under a key of the same name that is not the log's.
          const manifest = e.get(FILES.manifest)!;
          const m = JSON.parse(manifest.toString("utf8")) as { origin: string; packageId: string };
          e.set(FILES.signature, Buffer.from(signPackageManifest(manifest, m, { keyName: m.origin, privateKey: generateKeyPairSync("ed25519").privateKey })));
        },
        expect: /FAILED: manifest-signature: /,
      },
      { name: "signature-removed", edit: (e) => e.delete(FILES.signature), expect: /FAILED: manifest-signature: manifest\.json or manifest\.sig is missing/ },
    ];
    for (const t of tampered) {
      const copy = new Map(genuine);
      t.edit(copy);
      const bad = path.join(dir, `${t.name}.zip`);
      await writeEntries(bad, copy);
      const run = cli("--package", bad, "--public-key", keyFile);
      expect(run.stderr, t.name).toMatch(t.expect);
      expect(run.status, t.name).toBe(1);
    }
    // The rebuilt but untouched copy still passes: the failures are the tampering, not the re-zipping.
    const same = path.join(dir, "rezipped.zip");
    await writeEntries(same, genuine);
    expect(await verifyDisclosurePackage(same, (await readFile(keyFile, "utf8")).trim())).toMatchObject({ ok: true });
  });

  it("a second package for the same request is refused (409, logged), nothing decrypted", async () => {
    const open = vi.spyOn(gcm, "open");
    const since = await lastSeq();
    const res = await build(approver, requestId);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "LEGAL_ALREADY_DISCLOSED", message: expect.stringMatching(/already been built/) });
    expect(open).not.toHaveBeenCalled();
    expect((await eventsSince(since)).map((e) => [e.action, e.outcome, e.denialReason])).toEqual([["EXPORT", "DENIED", "LEGAL_ALREADY_DISCLOSED"]]);
  });
});

describe("scope", () => {
  it("an approved grant narrower than the request's dates bounds the package: messages outside the grant are never included", { timeout: 60_000 }, async () => {
    const requestId = await readyRequest();
    await getDb().accessGrant.updateMany({ where: { case: { legalRequestId: requestId } }, data: { scopeFrom: 12, scopeTo: 20 } });
    const res = await build(taker, requestId);
    expect(res.status).toBe(200);
    const file = path.join(dir, "narrow.zip");
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const records = (await readEntries(file)).get(FILES.records)!.toString("utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as { id: string });
    expect(records.map((r) => r.id)).toEqual(world.messageIds.slice(11, 20));
  });
});

describe("refusals", () => {
  it("the wrong role: a reviewer, a lead and an auditor get 403 ROLE, logged; nothing decrypted", async () => {
    const requestId = await readyRequest();
    const open = vi.spyOn(gcm, "open");
    for (const roles of [["REVIEWER"], ["LEAD"], ["AUDITOR"]] as const) {
      const who = await makeStaff([...roles]);
      const since = await lastSeq();
      const res = await build(who, requestId);
      expect(res.status, roles[0]).toBe(403);
      expect((await errorOf(res)).message.length).toBeGreaterThan(10);
      expect((await eventsSince(since)).map((e) => [e.actorId, e.outcome, e.denialReason])).toEqual([[who.id, "DENIED", "ROLE"]]);
    }
    expect(open).not.toHaveBeenCalled();
    expect(await statusOf(requestId)).toBe("APPROVED");
  });

  it("LEGAL without a fresh step-up is refused 403 STEP_UP_REQUIRED, logged", async () => {
    const requestId = await readyRequest();
    const stale = await makeStaff(["LEGAL"], ["US", "EU"], { stepUp: false });
    const since = await lastSeq();
    const res = await build(stale, requestId);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("STEP_UP_REQUIRED");
    expect((await eventsSince(since)).map((e) => [e.action, e.outcome, e.denialReason])).toEqual([["EXPORT", "DENIED", "STEP_UP_REQUIRED"]]);
    expect(await statusOf(requestId)).toBe("APPROVED");
  });

  it("a guessed id: 404 for an unknown uuid (logged), 404 for a non-uuid, never a 500", async () => {
    const since = await lastSeq();
    const unknown = await build(taker, randomUUID());
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("NOT_FOUND");
    expect((await eventsSince(since)).map((e) => [e.action, e.outcome, e.denialReason])).toEqual([["EXPORT", "DENIED", "LEGAL_NOT_FOUND"]]);
    expect((await build(taker, "1' OR '1'='1")).status).toBe(404);
  });

  it("a request not approved (verified only) is refused 409 PACKAGE_NOT_APPROVED naming its status; no EXPORT allowed, status unchanged", async () => {
    const requestId = await readyRequest({ approve: false });
    const since = await lastSeq();
    const res = await build(taker, requestId);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "PACKAGE_NOT_APPROVED", message: expect.stringContaining("It is verified.") });
    expect((await eventsSince(since)).map((e) => [e.action, e.outcome, e.denialReason])).toEqual([["EXPORT", "DENIED", "PACKAGE_NOT_APPROVED"]]);
    expect(await statusOf(requestId)).toBe("VERIFIED");
  });

  it("when the log refuses the write: 503, no key unwrapped, no message opened, no package, the request stays APPROVED", async () => {
    const requestId = await readyRequest();
    const unwrap = vi.spyOn(decrypt, "unwrapDataKey");
    const open = vi.spyOn(gcm, "open");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const since = await lastSeq();
    await asOwner((c) => c.query("REVOKE INSERT ON access_event FROM custody_app"));
    let res: Response;
    try {
      res = await build(taker, requestId);
    } finally {
      await asOwner((c) => c.query("GRANT INSERT ON access_event TO custody_app"));
    }
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await errorOf(res)).code).toBe("LOG_UNAVAILABLE");
    expect(unwrap).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    expect(await eventsSince(since)).toEqual([]);
    expect(await statusOf(requestId)).toBe("APPROVED");
  });
});
