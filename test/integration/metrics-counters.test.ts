import { afterAll, describe, expect, it } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { disconnectDb, getDb } from "@/lib/db";
import { register } from "@/lib/observability/metrics";
import { makeReportedConversation, makeStaff, meta } from "./world";

// The content-read counter counts what the access log records: an allowed read once, each
// refusal by its reason code. Read from prom-client's registry, as a scrape would.

afterAll(async () => {
  await disconnectDb();
});

async function count(outcome: string, reason: string): Promise<number> {
  const m = await register.getSingleMetric("custody_content_reads_total")?.get();
  return m?.values.find((v) => v.labels.outcome === outcome && v.labels.reason === reason)?.value ?? 0;
}

describe("custody_content_reads_total", () => {
  it("counts an allowed read, and refusals by reason", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const auditor = await makeStaff(["AUDITOR"]);
    const world = await makeReportedConversation();
    await getDb().case.update({ where: { id: world.caseId }, data: { status: "IN_REVIEW", assigneeId: reviewer.id, claimedAt: new Date() } });
    const [allowed, noGrant, role] = [await count("ALLOWED", ""), await count("DENIED", "NO_GRANT"), await count("DENIED", "ROLE")];

    await expect(readCaseMessages(reviewer, { caseId: world.caseId }, meta)).rejects.toMatchObject({ code: "NO_GRANT" });
    await expect(readCaseMessages(auditor, { caseId: world.caseId }, meta)).rejects.toMatchObject({ code: "ROLE" });
    await getDb().accessGrant.create({
      data: { staffId: reviewer.id, caseId: world.caseId, conversationId: world.conversationId, purpose: "USER_REPORT", justification: "Reviewing the reported harassment in context", scopeFrom: 10, scopeTo: 30, status: "ACTIVE", expiresAt: new Date(Date.now() + 30 * 60_000) },
    });
    await readCaseMessages(reviewer, { caseId: world.caseId }, meta);

    expect(await count("DENIED", "NO_GRANT")).toBe(noGrant + 1);
    expect(await count("DENIED", "ROLE")).toBe(role + 1);
    expect(await count("ALLOWED", "")).toBe(allowed + 1);
  });
});
