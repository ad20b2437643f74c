import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { searchAuditEvents } from "@/lib/audit/search/search-events";
import { parseAuditFilters, type AuditFilters } from "@/lib/audit/search/search-filters";
import { disconnectDb, getDb } from "@/lib/db";
import { DAY, HOUR, insertEvent, makeAccount } from "./audit-fixtures";
import { makeReportedConversation, makeStaff, uid } from "./world";

// Every filter of the auditor's search against a real PostgreSQL, on a small log written for
// this file: each filter returns exactly the events it should, pages never overlap or skip,
// and a malformed or guessed filter is refused or empty — never an error.

let auditor: StaffContext;
let reader: StaffContext;
let lead: StaffContext;
let world: Awaited<ReturnType<typeof makeReportedConversation>>;
let account: { id: string; handle: string; externalId: string };
let caseNumber: number;
const marker = `marker-${uid()}`;
const base = Date.parse("2026-06-10T12:00:00Z");
const seqs: Record<string, bigint> = {};

async function search(f: Record<string, string>): Promise<string[]> {
  const parsed = parseAuditFilters(f);
  if (!parsed.success) throw parsed.error;
  const page = await searchAuditEvents(auditor, { limit: 500, ...parsed.data });
  return page.items.map((e) => e.seq);
}

beforeAll(async () => {
  auditor = await makeStaff(["AUDITOR"]);
  reader = await makeStaff(["REVIEWER"]);
  lead = await makeStaff(["LEAD"]);
  world = await makeReportedConversation();
  account = await makeAccount();
  caseNumber = (await getDb().case.findUniqueOrThrow({ where: { id: world.caseId }, select: { number: true } })).number;
  const asReader = { id: reader.id, email: reader.email, roles: ["REVIEWER"] };
  const asLead = { id: lead.id, email: lead.email, roles: ["LEAD"] };
  seqs.read = await insertEvent({ at: new Date(base), actor: asReader, caseId: world.caseId, conversationId: world.conversationId, accountIds: [account.id], purpose: "USER_REPORT", justification: `Checking the reported threat ${marker} in context` });
  seqs.denied = await insertEvent({ at: new Date(base + HOUR), actor: asReader, outcome: "DENIED", denialReason: "NO_GRANT", caseId: world.caseId, conversationId: world.conversationId });
  seqs.legal = await insertEvent({ at: new Date(base + 2 * DAY), actor: asLead, purpose: "LEGAL_PROCESS", justification: `Subpoena 7 ${marker.toUpperCase()}`, accountIds: [account.id] });
  seqs.decided = await insertEvent({ at: new Date(base + 3 * DAY), actor: asLead, action: "CASE_DECIDED", caseId: world.caseId });
});

afterAll(disconnectDb);

describe("auditor search filters", () => {
  it("actor: by exact email, by part of the name, and by id", async () => {
    expect(await search({ actor: reader.email })).toEqual([seqs.denied, seqs.read].map(String));
    expect(await search({ actor: reader.id })).toEqual([seqs.denied, seqs.read].map(String));
    expect(await search({ actor: lead.email.toUpperCase() })).toEqual([seqs.decided, seqs.legal].map(String));
  });

  it("actor role, action, outcome and purpose", async () => {
    const mine = (list: string[]) => list.filter((s) => Object.values(seqs).map(String).includes(s));
    expect(mine(await search({ role: "LEAD", actor: lead.id }))).toEqual([seqs.decided, seqs.legal].map(String));
    expect(await search({ role: "AUDITOR", actor: lead.id })).toEqual([]);
    expect(mine(await search({ action: "CASE_DECIDED", case: world.caseId }))).toEqual([String(seqs.decided)]);
    expect(await search({ outcome: "DENIED", actor: reader.id })).toEqual([String(seqs.denied)]);
    expect(await search({ purpose: "LEGAL_PROCESS", actor: lead.id })).toEqual([String(seqs.legal)]);
  });

  it("case by id and by number, and conversation", async () => {
    const expected = [seqs.decided, seqs.denied, seqs.read].map(String);
    expect(await search({ case: world.caseId })).toEqual(expected);
    expect(await search({ case: `#${caseNumber}` })).toEqual(expected);
    expect(await search({ caseId: String(caseNumber) })).toEqual(expected);
    expect(await search({ conversation: world.conversationId })).toEqual([seqs.denied, seqs.read].map(String));
  });

  it("platform account by handle, @handle, external id and id", async () => {
    const expected = [seqs.legal, seqs.read].map(String);
    for (const account_ of [account.handle, `@${account.handle}`, account.externalId, account.id]) expect(await search({ account: account_ })).toEqual(expected);
  });

  it("date range: whole UTC days, inclusive, and exact timestamps", async () => {
    const f = { actor: reader.id };
    expect(await search({ ...f, from: "2026-06-10", to: "2026-06-10" })).toEqual([seqs.denied, seqs.read].map(String));
    expect(await search({ ...f, from: "2026-06-11" })).toEqual([]);
    expect(await search({ ...f, to: "2026-06-10T12:30:00Z" })).toEqual([String(seqs.read)]);
    expect(await search({ ...f, from: "2026-06-10T12:00:00.000Z", to: "2026-06-10T12:00:00.000Z" })).toEqual([String(seqs.read)]);
  });

  it("text in the justification, case-insensitive, with LIKE metacharacters taken literally", async () => {
    expect(await search({ q: marker })).toEqual([seqs.legal, seqs.read].map(String));
    expect(await search({ q: `${marker} in context` })).toEqual([String(seqs.read)]);
    expect(await search({ q: "%%%" })).toEqual([]);
    expect(await search({ q: `${marker.slice(0, 6)}_${marker.slice(7)}` })).toEqual([]);
  });

  it("filters combine with AND", async () => {
    expect(await search({ actor: reader.id, outcome: "ALLOWED", account: account.handle, q: marker })).toEqual([String(seqs.read)]);
  });
});

describe("keyset pagination", () => {
  it("walks every event once, newest first, whatever the page size", async () => {
    const all = await search({ account: account.handle });
    const f: AuditFilters = { account: account.handle, limit: 1 };
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchAuditEvents(auditor, { ...f, cursor });
      walked.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual(all);
    const times = (await searchAuditEvents(auditor, { case: world.caseId })).items.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("a cursor naming no event gives an empty page", async () => {
    expect((await searchAuditEvents(auditor, { cursor: "999999999999" })).items).toEqual([]);
  });
});

describe("malformed and guessed filters", () => {
  const bad: Record<string, string>[] = [
    { action: "DROP TABLE" },
    { outcome: "MAYBE" },
    { role: "SUPERUSER" },
    { purpose: "CURIOSITY" },
    { case: "'; select 1 --" },
    { conversation: "not-a-uuid" },
    { from: "yesterday" },
    { to: "2026-13-45" },
    { q: "ab" },
    { cursor: "-1" },
    { limit: "100000" },
  ];
  it.each(bad)("%o is a validation error", (f) => {
    expect(parseAuditFilters(f).success).toBe(false);
  });

  it("guessed ids and unknown names give an empty result that says which filter matched nothing", async () => {
    for (const f of [{ actor: "nobody-at-all" }, { account: "@no_such_handle_xyz" }, { case: "#999999999" }]) {
      const page = await searchAuditEvents(auditor, f);
      expect(page.items).toEqual([]);
      expect(page.unmatched).toMatch(/No /);
    }
    expect((await searchAuditEvents(auditor, { case: "00000000-0000-7000-8000-000000000000" })).items).toEqual([]);
    expect((await searchAuditEvents(auditor, { account: "00000000-0000-7000-8000-000000000000" })).items).toEqual([]);
  });
});
