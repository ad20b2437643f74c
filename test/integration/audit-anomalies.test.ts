import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { findAnomalies, type AnomalyReport } from "@/lib/audit/anomalies/find-anomalies";
import type { AnomalyKind } from "@/lib/audit/anomalies/types";
import { disconnectDb } from "@/lib/db";
import { DAY, HOUR, insertEvent, makeAccount } from "./audit-fixtures";
import { makeReportedConversation, makeStaff } from "./world";

// The candidate SQL and the rules together, on a real PostgreSQL: each signal seeded here is
// found with exactly its evidence, and its innocent twin is not.

const now = new Date();
const noon = (daysAgo: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo, 12));
let auditor: StaffContext;
let report: AnomalyReport;
const actors: Record<string, StaffContext> = {};
const expected: Record<string, bigint[]> = {};

const as = (s: StaffContext) => ({ id: s.id, email: s.email, roles: s.roles as string[] });
const signalsOf = (kind: AnomalyKind, who: StaffContext) => report.signals[kind].filter((s) => s.actor.id === who.id);
const seqsOf = (kind: AnomalyKind, who: StaffContext) => signalsOf(kind, who).flatMap((s) => s.evidence.map((e) => e.seq)).sort();

beforeAll(async () => {
  auditor = await makeStaff(["AUDITOR"]);
  for (const name of ["burster", "slow", "busy", "night", "curious", "snoop"]) actors[name] = await makeStaff(["REVIEWER"]);
  const [w1, w2, w3] = [await makeReportedConversation(), await makeReportedConversation(), await makeReportedConversation()];

  // Six denials within five minutes; and another reviewer's four, which is not a burst.
  expected.burst = [];
  for (let i = 0; i < 6; i++) expected.burst.push(await insertEvent({ at: new Date(now.getTime() - HOUR + i * 60_000), actor: as(actors.burster!), outcome: "DENIED", denialReason: "NO_GRANT", caseId: w1.caseId }));
  for (let i = 0; i < 4; i++) await insertEvent({ at: new Date(now.getTime() - HOUR + i * 60_000), actor: as(actors.slow!), outcome: "DENIED", denialReason: "NO_GRANT" });

  // A read 30 h ago never decided; another decided an hour after the read.
  expected.late = [await insertEvent({ at: new Date(now.getTime() - 30 * HOUR), actor: as(actors.slow!), caseId: w1.caseId, purpose: "USER_REPORT" })];
  await insertEvent({ at: new Date(now.getTime() - 30 * HOUR), actor: as(actors.slow!), caseId: w2.caseId, purpose: "USER_REPORT" });
  await insertEvent({ at: new Date(now.getTime() - 29 * HOUR), actor: as(actors.slow!), action: "CASE_DECIDED", caseId: w2.caseId });

  // Two reads a day for a fortnight, then fifteen yesterday.
  for (let d = 2; d <= 15; d++) for (let k = 0; k < 2; k++) await insertEvent({ at: new Date(noon(d).getTime() + k * 60_000), actor: as(actors.busy!), caseId: w3.caseId });
  for (let k = 0; k < 15; k++) await insertEvent({ at: new Date(noon(1).getTime() + k * 60_000), actor: as(actors.busy!), caseId: w3.caseId });

  // A read at 03:00 UTC, and one at noon.
  const three = new Date(noon(1).getTime() - 9 * HOUR);
  expected.night = [await insertEvent({ at: three, actor: as(actors.night!), caseId: w3.caseId })];
  await insertEvent({ at: noon(1), actor: as(actors.night!), caseId: w3.caseId });

  // A protected account read directly and through its conversation.
  const journalist = await makeAccount({ protectedKind: "journalist" });
  expected.protected = [await insertEvent({ at: new Date(now.getTime() - 2 * HOUR), actor: as(actors.curious!), caseId: w1.caseId, accountIds: [journalist.id] })];

  // One account looked up by one reader in three cases on different conversations.
  const target = await makeAccount();
  expected.across = [];
  for (const w of [w1, w2, w3]) expected.across.push(await insertEvent({ at: new Date(now.getTime() - 3 * HOUR), actor: as(actors.snoop!), caseId: w.caseId, conversationId: w.conversationId, accountIds: [target.id] }));

  report = await findAnomalies(auditor, { days: 30, now });
});

afterAll(disconnectDb);

describe("anomaly signals on a real log", () => {
  it("a burst of denials, with every denial as evidence; four is not a burst", () => {
    expect(seqsOf("DENIAL_BURST", actors.burster!)).toEqual(expected.burst!.map(String).sort());
    expect(signalsOf("DENIAL_BURST", actors.slow!)).toEqual([]);
  });

  it("a read with no decision within 24 h, not the one decided in time", () => {
    expect(seqsOf("NO_DECISION", actors.slow!)).toEqual(expected.late!.map(String));
    expect(signalsOf("NO_DECISION", actors.slow!)[0]!.summary).toMatch(/^1 read of case #\d+ with no decision within 24 h$/);
  });

  it("a day above three times the reader's own 14-day baseline", () => {
    const [spike] = signalsOf("VOLUME_SPIKE", actors.busy!);
    expect(spike?.summary).toMatch(/^15 reads on \d{4}-\d{2}-\d{2}, 7\.5× their average of 2\.0 a day/);
    expect(spike?.evidenceCount).toBe(15);
  });

  it("a read outside working hours, not the one at noon", () => {
    expect(seqsOf("OFF_HOURS", actors.night!)).toEqual(expected.night!.map(String));
  });

  it("a read of a protected account", () => {
    expect(seqsOf("PROTECTED_ACCOUNT", actors.curious!)).toEqual(expected.protected!.map(String));
    expect(signalsOf("PROTECTED_ACCOUNT", actors.curious!)[0]!.summary).toMatch(/protected account @acct_\w+ \(journalist\)/);
  });

  it("one account looked up across three unrelated cases", () => {
    expect(seqsOf("ACCOUNT_ACROSS_CASES", actors.snoop!)).toEqual(expected.across!.map(String).sort());
  });

  it("is refused to every role but the auditor", async () => {
    for (const roles of [["REVIEWER"], ["LEAD"], ["LEGAL"], ["ADMIN"]] as const) {
      const staff = await makeStaff([...roles]);
      await expect(findAnomalies(staff, { days: 1 })).rejects.toMatchObject({ status: 403 });
    }
  });

  it("covers only the window asked for", async () => {
    const recent = await findAnomalies(auditor, { days: 1, now: new Date(now.getTime() + 2 * DAY) });
    expect(recent.signals.DENIAL_BURST.filter((s) => s.actor.id === actors.burster!.id)).toEqual([]);
  });
});
