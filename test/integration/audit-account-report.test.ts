import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { accountAccessReport } from "@/lib/audit/account-report/account-report";
import { exportAccountReportCsv } from "@/lib/audit/account-report/export-account-report";
import { disconnectDb, getDb } from "@/lib/db";
import { HOSTILE_TEXTS, inertCell, insertEvent, makeAccount } from "./audit-fixtures";
import { lastSeq, makeReportedConversation, makeStaff, meta } from "./world";

// The data-subject access report on a real PostgreSQL: who read an account's DMs (named as a
// sender, or by reading a conversation the account is in), not who merely tried or asked; and
// its CSV export, which is logged before it is handed over and neutralises formula cells.

let auditor: StaffContext;
const readers: Record<string, StaffContext> = {};
let world: Awaited<ReturnType<typeof makeReportedConversation>>;
let subject: { id: string; handle: string };
const seqs: Record<string, bigint> = {};
const as = (s: StaffContext) => ({ id: s.id, email: s.email, roles: s.roles as string[] });

beforeAll(async () => {
  auditor = await makeStaff(["AUDITOR"]);
  for (const k of ["direct", "viaConversation", "denied", "requester", "elsewhere"]) readers[k] = await makeStaff(["REVIEWER"]);
  world = await makeReportedConversation();
  const [a, b] = world.accountIds;
  subject = (await getDb().platformAccount.findUniqueOrThrow({ where: { id: a }, select: { id: true, handle: true } }))!;
  const other = await makeAccount();
  const base = { caseId: world.caseId, conversationId: world.conversationId, purpose: "USER_REPORT" };
  seqs.direct = await insertEvent({ ...base, at: new Date("2026-05-02T10:00:00Z"), actor: as(readers.direct!), accountIds: [a, b], messageIds: world.messageIds.slice(0, 3), justification: "=HYPERLINK(\"http://x\") checking the report" });
  seqs.conv = await insertEvent({ ...base, at: new Date("2026-05-03T10:00:00Z"), actor: as(readers.viaConversation!), accountIds: [b], messageIds: world.messageIds.slice(3, 5), justification: "Reading the reported side" });
  await insertEvent({ ...base, at: new Date("2026-05-03T11:00:00Z"), actor: as(readers.denied!), outcome: "DENIED", denialReason: "NO_GRANT", accountIds: [a] });
  await insertEvent({ ...base, at: new Date("2026-05-03T12:00:00Z"), actor: as(readers.requester!), action: "GRANT_REQUESTED", accountIds: [a] });
  await insertEvent({ at: new Date("2026-05-03T13:00:00Z"), actor: as(readers.elsewhere!), accountIds: [other.id], purpose: "USER_REPORT" });
});

afterAll(disconnectDb);

describe("per-account access report", () => {
  it("lists reads naming the account and reads of its conversations — not denials, requests or other accounts", async () => {
    const report = (await accountAccessReport(auditor, { account: `@${subject.handle}` }))!;
    expect(report.rows.map((r) => r.seq)).toEqual([seqs.conv, seqs.direct].map(String));
    expect(report.readers.map((r) => [r.email, r.accesses, r.messages])).toEqual([
      [readers.viaConversation!.email, 1, 2],
      [readers.direct!.email, 1, 3],
    ]);
    expect(report.readers[0]!.purposes).toEqual(["USER_REPORT"]);
  });

  it("counts distinct messages seen as well as reads: a message re-read, or read by two people, counts once", async () => {
    const other = await makeReportedConversation();
    const account = (await getDb().platformAccount.findUniqueOrThrow({ where: { id: other.accountIds[0] }, select: { handle: true } })).handle;
    const [one, two] = [await makeStaff(["REVIEWER"]), await makeStaff(["REVIEWER"])];
    const base = { caseId: other.caseId, conversationId: other.conversationId, accountIds: other.accountIds, purpose: "USER_REPORT" };
    const m = other.messageIds;
    // One reader reads messages 0–2, then widens to 1–4 (1 and 2 again); another reads 0–1.
    await insertEvent({ ...base, at: new Date("2026-06-01T10:00:00Z"), actor: as(one), messageIds: m.slice(0, 3) });
    await insertEvent({ ...base, at: new Date("2026-06-01T10:05:00Z"), actor: as(one), messageIds: m.slice(1, 5) });
    await insertEvent({ ...base, at: new Date("2026-06-01T11:00:00Z"), actor: as(two), messageIds: m.slice(0, 2) });
    const report = (await accountAccessReport(auditor, { account }))!;
    expect(report.readers.map((r) => [r.email, r.accesses, r.messages, r.distinctMessages])).toEqual([
      [two.email, 1, 2, 2],
      [one.email, 2, 7, 5],
    ]);
    expect(report.totals).toEqual({ accesses: 3, messages: 9, distinctMessages: 5 });
  });

  it("finds the account by handle, platform id or id, and narrows by date", async () => {
    const ext = (await getDb().platformAccount.findUniqueOrThrow({ where: { id: subject.id }, select: { externalId: true } })).externalId;
    for (const account of [subject.handle, ext, subject.id]) expect((await accountAccessReport(auditor, { account }))!.total).toBe(2);
    expect((await accountAccessReport(auditor, { account: subject.handle, from: "2026-05-03", to: "2026-05-03" }))!.rows.map((r) => r.seq)).toEqual([String(seqs.conv)]);
    expect(await accountAccessReport(auditor, { account: "@nobody_by_this_name" })).toBeNull();
  });

  it("exports CSV after logging the export, with formula cells neutralised", async () => {
    const before = await lastSeq();
    const { csv, filename } = await exportAccountReportCsv(auditor, { account: subject.handle }, meta);
    expect(filename).toMatch(new RegExp(`^access-report-${subject.handle}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(csv).toMatch(/^seq,occurred_at_utc,reader_email/);
    expect(parse(csv, { columns: true })).toHaveLength(2);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") checking the report"`);
    const logged = await getDb().accessEvent.findMany({ where: { seq: { gt: before }, action: "AUDIT_EXPORTED", actorId: auditor.id } });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.accountIds).toEqual([subject.id]);
    expect(logged[0]!.details).toMatchObject({ kind: "account-access-report", format: "csv", rows: 2 });
  });

  it("exports hostile justifications (line breaks, quotes, commas, formula starts) one record each, as inert text", async () => {
    const other = await makeReportedConversation();
    const account = (await getDb().platformAccount.findUniqueOrThrow({ where: { id: other.accountIds[0] }, select: { handle: true } })).handle;
    const reader = await makeStaff(["REVIEWER"]);
    for (const [i, justification] of HOSTILE_TEXTS.entries()) {
      await insertEvent({ at: new Date(Date.UTC(2026, 4, 10, 10, i)), actor: as(reader), caseId: other.caseId, conversationId: other.conversationId, accountIds: other.accountIds, purpose: "USER_REPORT", justification });
    }
    const { csv } = await exportAccountReportCsv(auditor, { account }, meta);
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(HOSTILE_TEXTS.length);
    // Newest first, as on screen.
    expect(records.map((r) => r.justification)).toEqual(HOSTILE_TEXTS.map(inertCell).reverse());
  });

  it("refuses every role but the auditor, and an unknown account is a 404", async () => {
    for (const roles of [["REVIEWER"], ["LEAD"], ["LEGAL"], ["ADMIN"]] as const) {
      const staff = await makeStaff([...roles]);
      await expect(accountAccessReport(staff, { account: subject.handle })).rejects.toMatchObject({ status: 403 });
      await expect(exportAccountReportCsv(staff, { account: subject.handle }, meta)).rejects.toMatchObject({ status: 403 });
    }
    await expect(exportAccountReportCsv(auditor, { account: "@nobody_by_this_name" }, meta)).rejects.toMatchObject({ status: 404 });
  });
});
