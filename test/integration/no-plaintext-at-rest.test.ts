import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import type { StaffContext } from "@/lib/auth/staff-context";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { claimCase } from "@/lib/cases/claim-case";
import { readLegalDocument } from "@/lib/access/read-legal-document";
import { legalRequestBody } from "@/lib/legal/request-body";
import { takeInLegalRequest } from "@/lib/legal/take-in-request";
import { POST as testRoute } from "@/app/api/v1/rules/test/route";
import { disconnectDb, getDb } from "@/lib/db";
import { chat, disableRules, makeRule, nonce } from "./detection-world";
import { JPEG, send, twoAccounts } from "./intake-client";
import { makeReportedConversation, makeStaff, meta } from "./world";

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));

// Reads every row of every table as the schema owner and looks for message text and image
// bytes, as UTF-8 and as the hex PostgreSQL prints for bytea. Reading the thread first proves that even the
// access path leaves no plaintext behind (the log records ids, never text).

afterAll(async () => {
  await disableRules();
  await disconnectDb();
});

/** Every row of every table, as text, read as the schema owner. */
async function dumpDatabase(): Promise<string> {
  const c = new pg.Client({ connectionString: process.env.TEST_OWNER_URL });
  await c.connect();
  try {
    const tables = await c.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    let dump = "";
    for (const { table_name } of tables.rows) {
      const rows = await c.query(`SELECT t::text AS row FROM "${table_name}" t`);
      dump += rows.rows.map((r) => r.row).join("\n");
    }
    return dump;
  } finally {
    await c.end();
  }
}

describe("no DM plaintext at rest", () => {
  it("no seeded message text appears anywhere in the database", async () => {
    const world = await makeReportedConversation({ messages: 30, reportedPosition: 15 });
    const reviewer = await makeStaff(["REVIEWER"]);
    await claimCase(reviewer, world.caseId, meta);
    await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported harassment in context" }, meta);
    const read = await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
    expect(read.messages.map((m) => m.text)).toContain(world.texts[14]);

    const c = new pg.Client({ connectionString: process.env.TEST_OWNER_URL });
    await c.connect();
    try {
      const tables = await c.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      expect(tables.rows.map((t) => t.table_name)).toEqual(expect.arrayContaining(["message", "access_event", "conversation_key"]));
      let dump = "";
      for (const { table_name } of tables.rows) {
        const rows = await c.query(`SELECT t::text AS row FROM "${table_name}" t`);
        dump += rows.rows.map((r) => r.row).join("\n");
      }
      expect(dump.length).toBeGreaterThan(10_000);
      for (const text of world.texts) {
        expect(dump).not.toContain(text);
        expect(dump).not.toContain(Buffer.from(text).toString("hex"));
        expect(dump).not.toContain(text.slice(0, 20)); // "secret message N of"
      }
    } finally {
      await c.end();
    }
  });

  it("no image bytes are stored in clear anywhere in the database", async () => {
    const p = await twoAccounts();
    const c = { ...p, conv: `np-${p.id}` };
    expect((await send("messages", { conversations: [{ id: c.conv, participantIds: [p.a, p.b] }], messages: [] })).status).toBe(200);
    // Distinctive images: valid signatures followed by bytes no other row could hold by chance.
    const marker = (tag: string) => Buffer.from(`custody-attachment-plaintext-${tag}-${c.id}`, "latin1");
    const jpeg = Buffer.concat([JPEG.subarray(0, 6), marker("jpeg")]);
    const gif = Buffer.concat([Buffer.from("GIF89a", "latin1"), marker("gif")]);
    const uploadId = (await send("uploads", { conversationId: c.conv, contentType: "image/jpeg", data: jpeg.toString("base64") })).body.uploadId;
    const m = { id: `np-${p.id}-1`, conversationId: c.conv, senderId: p.a, sentAt: "2026-11-01T10:00:00Z", text: "a photo", attachments: [{ uploadId }, { contentType: "image/gif", data: gif.toString("base64") }] };
    expect((await send("messages", { messages: [m] })).status).toBe(200);
    expect(await getDb().messageAttachment.count({ where: { message: { externalId: m.id } } })).toBe(2);

    const client = new pg.Client({ connectionString: process.env.TEST_OWNER_URL });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      expect(tables.rows.map((t) => t.table_name)).toContain("message_attachment");
      let dump = "";
      for (const { table_name } of tables.rows) dump += (await client.query(`SELECT t::text AS row FROM "${table_name}" t`)).rows.map((r) => r.row).join("\n");
      for (const bytes of [marker("jpeg"), marker("gif")]) {
        expect(dump).not.toContain(bytes.toString("latin1"));
        expect(dump).not.toContain(bytes.toString("hex"));
        expect(dump).not.toContain(bytes.toString("base64").slice(0, 24));
      }
      expect(dump).not.toContain(jpeg.toString("base64").slice(8, 40));
    } finally {
      await client.end();
    }
  });

  it("detection keeps no message text: flags, signal counters and rules hold ids, counts and the rules' own terms; typed test text is not kept", async () => {
    const lead = await makeStaff(["LEAD"]);
    const [word, age, secret] = [nonce(), nonce(), nonce()];
    await makeRule(lead, { definition: { kind: "terms", terms: [word] } });
    await makeRule(lead, { category: "GROOMING", definition: { kind: "signals", signals: [{ label: "age", terms: [age] }, { label: "secret", terms: [secret] }, { label: "app", terms: [nonce()] }], threshold: 3, windowDays: 7 } });
    const conv = await chat();
    const texts = [`a flagged message ${randomUUID()} says ${word} loudly`, `an age signal ${randomUUID()} asks ${age}`, `a secrecy signal ${randomUUID()} says ${secret}`];
    const { flagged } = await conv.send(texts);
    expect(flagged).toBe(1);
    const db = getDb();
    const conversationId = await conv.conversationId();
    expect(await db.detectionFlag.count({ where: { conversationId } })).toBe(1);
    expect(await db.detectionSignalState.count({ where: { conversationId } })).toBe(2);

    // The test box answers about typed text and forgets it.
    signedIn.staff = lead;
    const typed = `typed into the rules page ${randomUUID()} with ${word}`;
    const res = await testRoute(new Request("http://localhost/api/v1/rules/test", {
      method: "POST",
      headers: { host: "localhost", origin: "http://localhost", "x-custody-request": "1", "content-type": "application/json" },
      body: JSON.stringify({ definition: { kind: "terms", terms: [word] }, text: typed }),
    }));
    expect(res.status).toBe(200);
    expect((await res.json()).result).toMatchObject({ matched: true, terms: [word] });

    const dump = await dumpDatabase();
    expect(dump).toContain(word); // the rule's own term is in its version and its RULE_CHANGED event
    for (const text of [...texts, typed]) {
      expect(dump).not.toContain(text);
      expect(dump).not.toContain(text.slice(0, 30));
      expect(dump).not.toContain(Buffer.from(text).toString("hex"));
    }
  });

  it("an uploaded legal document is stored only encrypted, and LEGAL reads it back intact", async () => {
    const [taker] = await Promise.all([makeStaff(["LEGAL"])]);
    const world = await makeReportedConversation({ messages: 3, reportedPosition: 2 });
    const handle = (await getDb().platformAccount.findUniqueOrThrow({ where: { id: world.accountIds[0] }, select: { handle: true } })).handle;
    const marker = `custody-legal-document-plaintext-${randomUUID()}`;
    const doc = Buffer.from(`%PDF-1.4\n${marker}\n%%EOF`, "latin1");
    const request = await takeInLegalRequest(
      taker,
      legalRequestBody.parse({
        reference: "SW-NP-1", authority: "FBI", officerName: "SA Ortiz", officerEmail: "o@fbi.gov", officerPhone: "+1 202 555 0100",
        instrument: "SEARCH_WARRANT", jurisdiction: "US", jurisdictionName: "N.D. Cal.", category: "THREATS", accountHandles: [handle],
        dateFrom: "2026-10-01T00:00:00Z", dateTo: "2026-10-02T00:00:00Z", dataTypes: ["CONTENT"], dueAt: "2026-12-31T00:00:00Z",
        document: { fileName: "w.pdf", mediaType: "application/pdf", contentBase64: doc.toString("base64") },
      }),
      meta,
    );
    const dump = await dumpDatabase();
    expect(dump).toContain(request.id);
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain(Buffer.from(marker, "latin1").toString("hex"));
    expect(dump).not.toContain(doc.toString("base64").slice(8, 40));
    expect((await readLegalDocument(taker, request.id, meta)).bytes.equals(doc)).toBe(true);
  });
});

