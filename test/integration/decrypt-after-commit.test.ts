import pg from "pg";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { requestGrant } from "@/lib/access/request-grant";
import type { StaffContext } from "@/lib/auth/staff-context";
import * as decrypt from "@/lib/crypto/decrypt";
import * as gcm from "@/lib/crypto/gcm-open";
import { disconnectDb } from "@/lib/db";
import { assignTo, eventsSince, lastSeq, makeReportedConversation, makeStaff, meta } from "./world";

// The stated order of a content read: the access event is committed, and only then is a data
// key unwrapped and a message opened. These tests watch the two decrypting calls through the
// real content route (session lookup stubbed; `open` is spied where lib/crypto/decrypt
// re-exports it from): when the event cannot be committed neither is
// ever called and the answer is 503 with no content; when it can, the event is already
// visible to another connection by the time the first key is unwrapped.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));
const { GET: readMessages } = await import("@/app/api/v1/cases/[caseId]/messages/route");

const ownerUrl = process.env.TEST_OWNER_URL!;

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function readerWithGrant() {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation();
  await assignTo(world.caseId, reviewer);
  await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported harassment in context" }, meta);
  signedIn.staff = reviewer;
  const read = () => readMessages(new Request(`http://localhost/api/v1/cases/${world.caseId}/messages`), { params: Promise.resolve({ caseId: world.caseId }) });
  return { reviewer, world, read };
}

afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => disconnectDb());

describe("decryption waits for the committed event", () => {
  it("when the event insert fails: no key unwrapped, no message opened, 503 and no content", async () => {
    const { world, read } = await readerWithGrant();
    const unwrap = vi.spyOn(decrypt, "unwrapDataKey");
    const open = vi.spyOn(gcm, "open");
    const before = await lastSeq();
    await asOwner((c) => c.query("REVOKE INSERT ON access_event FROM custody_app"));
    let res: Response;
    try {
      vi.spyOn(console, "error").mockImplementation(() => {});
      res = await read();
    } finally {
      await asOwner((c) => c.query("GRANT INSERT ON access_event TO custody_app"));
    }
    expect(unwrap).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: "LOG_UNAVAILABLE" } });
    expect(body).not.toContain("messages");
    for (const text of world.texts) expect(body).not.toContain(text);
    expect(await eventsSince(before)).toEqual([]);
  });

  it("when it commits: the event is visible to another connection before the first key is unwrapped", async () => {
    const { reviewer, world, read } = await readerWithGrant();
    const before = await lastSeq();
    const seenAtUnwrap: string[][] = [];
    const unwrapDataKey = decrypt.unwrapDataKey;
    const unwrap = vi.spyOn(decrypt, "unwrapDataKey").mockImplementation(async (key) => {
      const committed = await asOwner((c) => c.query<{ e: string }>("SELECT action || ':' || outcome AS e FROM access_event WHERE seq > $1 AND actor_id = $2 ORDER BY seq", [before.toString(), reviewer.id]));
      seenAtUnwrap.push(committed.rows.map((r) => r.e));
      return unwrapDataKey(key);
    });
    const open = vi.spyOn(gcm, "open");
    const res = await read();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text)).toEqual(world.texts.slice(9, 30));
    expect(unwrap).toHaveBeenCalled();
    // Once per message, and (with the local key provider) once more inside the key's unwrapping.
    expect(open.mock.calls.length).toBeGreaterThanOrEqual(21);
    expect(seenAtUnwrap.every((events) => events.join() === "CONTENT_READ:ALLOWED")).toBe(true);
    expect(open.mock.invocationCallOrder[0]!).toBeGreaterThan(unwrap.mock.invocationCallOrder[0]!);
  });
});
