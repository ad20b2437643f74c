import { expect, test } from "@playwright/test";
import pg from "pg";
import { STAFF, screenshot, signIn } from "./fixtures";
import { type Sim, startSimulator } from "./platform-sim";

// Custody connected to a platform that is a real separate process (platform-sim/, started as
// `npm run platform:sim` would be) speaking signed HTTP both ways. A report the simulator files
// appears in the reviewer's open queue without a reload; the reviewer decides; the simulator
// receives the decision, verifies Custody's signature and suspends the account. A grooming
// pattern the simulator sends becomes a detection-flag (PROACTIVE_FLAG) case.
// The simulator owns E2E_WEBHOOK_PORT for this spec only (docs/decisions/018).

const CATEGORIES = ["HARASSMENT", "THREATS", "GROOMING", "SCAM", "HATE", "SELF_HARM"] as const;

let sim: Sim;
test.beforeAll(async () => {
  sim = await startSimulator();
});
test.afterAll(async () => {
  await sim?.stop();
  // The simulator prints what it saw, and never a DM's text.
  expect(sim.output()).not.toMatch(/see where it gets you|don't tell your parents|how old are you/);
});

type Reported = { report: { id: string; caseId: string; newCase: boolean }; offenderId: string; conversationId: string };

test("a report from the simulator reaches the open queue live; the decision comes back signed and suspends the account", async ({ page }) => {
  await signIn(page, STAFF.reviewer);
  // The queue lists 50 per page, most urgent then oldest: watch the category with the fewest
  // open cases, so the new case is on the first page.
  const sizes = await Promise.all(
    CATEGORIES.map(async (category) => {
      const res = await page.request.get(`/api/v1/cases?status=open&category=${category}&limit=200`, { headers: { "x-custody-request": "1" } });
      expect(res.ok()).toBe(true);
      return { category, open: ((await res.json()) as { items: unknown[] }).items.length };
    }),
  );
  const { category, open } = sizes.sort((a, b) => a.open - b.open)[0]!;
  expect(open).toBeLessThan(49);

  await page.goto(`/queue?category=${category}`);
  await expect(page.getByTestId("live-queue")).toBeVisible();
  // A marker that only survives if the document is never reloaded or replaced.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  const reported = await sim.act<Reported>("report", { category });
  const answeredAt = Date.now();
  expect(reported.report.newCase).toBe(true);
  const link = page.locator(`a[href="/cases/${reported.report.caseId}"]`);
  await expect(link).toBeVisible({ timeout: 15_000 });
  // Within one polling interval (3 s) and some slack for a loaded machine.
  const shownAfter = Date.now() - answeredAt;
  test.info().annotations.push({ type: "report to open queue page (ms)", description: String(shownAfter) });
  console.log(`[platform-sim.spec] report answered → row in the open queue page: ${shownAfter} ms`);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(page.locator("tr").filter({ has: link })).toContainText("User report");
  await screenshot(page, "70-queue-live-report");

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/cases/${reported.report.caseId}$`));
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByRole("button", { name: "Record decision" })).toBeVisible();
  await expect(page.getByLabel("Applies to").locator("option:checked")).toContainText("— default");
  await page.getByLabel("Suspend account").check();
  await page.getByLabel("Decision note").fill("Threatening the reporter; suspended.");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page).toHaveURL(/\/queue/);

  // The platform's side: the decision arrived, its signature verified, and it was applied.
  await expect
    .poll(async () => (await sim.state()).decisions.find((d) => d.caseId === reported.report.caseId), { timeout: 15_000 })
    .toMatchObject({ action: "SUSPEND", targetAccountId: reported.offenderId, verified: true, applied: "account suspended" });
  const state = await sim.state();
  expect(state.accounts.find((a) => a.id === reported.offenderId)?.status).toBe("suspended");
  expect(state.refusedDeliveries).toEqual([]);
  await page.goto(`/cases/${reported.report.caseId}`);
  await expect(page.getByTestId("delivery-status")).toContainText("Delivered", { timeout: 15_000 });

  // A suspended member sends nothing more: the platform holds the DM and Custody receives none.
  const sentBefore = state.counts.messagesSent;
  expect(await sim.tryAct("message", { from: reported.offenderId })).toMatchObject({ status: 409, body: { held: true } });
  expect((await sim.state()).counts.messagesSent).toBe(sentBefore);

  // The suspended member appeals the signed decision it received: an APPEAL case on the same thread.
  const decisionId = state.decisions.find((d) => d.caseId === reported.report.caseId)!.decisionId;
  const appeal = await sim.act<{ caseId: string }>("appeal", { decisionId });
  expect(appeal.caseId).not.toBe(reported.report.caseId);
  await page.goto(`/cases/${appeal.caseId}`);
  await expect(page.getByText("Appeal").first()).toBeVisible();
});

test("while the platform's endpoint is down the decision is retried, and arrives once it is back", async ({ page }) => {
  await signIn(page, STAFF.reviewer2);
  await sim.act("outage", { seconds: 3 });
  const reported = await sim.act<Reported>("report", { category: "HARASSMENT" });
  await page.goto(`/cases/${reported.report.caseId}`);
  await page.getByRole("button", { name: "Claim" }).click();
  await page.getByLabel("Warn").check();
  await page.getByLabel("Decision note").fill("Insulting the reporter; first warning.");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page).toHaveURL(/\/queue/);
  // The first attempt meets the outage (503); the outbox's retry (5–10 s later) is accepted.
  await expect.poll(async () => (await sim.state()).decisions.find((d) => d.caseId === reported.report.caseId), { timeout: 30_000 }).toMatchObject({ action: "WARN", verified: true, applied: "account warned" });
  const state = await sim.state();
  expect(state.counts.outageRefusals).toBeGreaterThanOrEqual(1);
  expect(state.accounts.find((a) => a.id === reported.offenderId)?.status).toBe("warned");
});

test("a grooming pattern the simulator sends becomes a detection-flag case naming the rule", async ({ page }) => {
  const run = await sim.act<{ conversationId: string; messageIds: string[]; flagged: number }>("grooming");
  expect(run.messageIds).toHaveLength(3);
  // The third signal completes the pattern, which flags the messages that carried all three.
  expect(run.flagged).toBe(3);

  const db = new pg.Client({ connectionString: process.env.E2E_OWNER_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; basis: string; category: string; rule: string }>(
      `SELECT c.id, c.basis::text, c.category::text, r.name AS rule
         FROM "case" c JOIN conversation v ON v.id = c.conversation_id
         JOIN detection_flag f ON f.case_id = c.id JOIN detection_rule r ON r.id = f.rule_id
        WHERE v.external_id = $1`,
      [run.conversationId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(rows[0]).toMatchObject({ basis: "PROACTIVE_FLAG", category: "GROOMING", rule: "Grooming: age, secrecy and another app" });

    await signIn(page, STAFF.reviewer);
    await page.goto(`/cases/${rows[0]!.id}`);
    await expect(page.getByText("Detection flag").first()).toBeVisible();
    await screenshot(page, "71-grooming-flag-case");
  } finally {
    await db.end();
  }
});
