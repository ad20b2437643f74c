import { expect, test } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { STAFF, screenshot, signIn, signOut, stepUp } from "./fixtures";

// The auditor's journey: a reviewer reads a thread, then trips six refusals in a row; the
// auditor filters the log to that reviewer's reads, checks one read's inclusion proof in the
// browser, exports the filtered reads as JSONL and the file verifies offline with the public
// key (the `npm run audit:verify` CLI); the anomaly list shows the burst with its evidence;
// the account report, activity charts and verification panel show the rest.

test.setTimeout(180_000);

test("an auditor filters a reviewer's reads, exports them, verifies offline and sees the seeded burst", async ({ page }) => {
  // The reviewer: one real read through a justified grant…
  await signIn(page, STAFF.reviewer2);
  await page.goto("/queue");
  const otherCases = await page.locator("a[data-queue-link]").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  await page.locator("tbody tr").filter({ hasNotText: "Protected" }).getByRole("button", { name: "Claim" }).first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split("/").pop()!;
  await page.getByLabel("Justification").fill("Reviewing the reported messages before deciding on the report");
  await page.getByRole("button", { name: "Open thread" }).click();
  await stepUp(page, STAFF.reviewer2, new RegExp(`/cases/${caseId}/thread$`));
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem").first()).toBeVisible();

  // …then six requests for threads of cases that are not theirs: six logged denials in seconds.
  const targets = otherCases.map((href) => href.split("/").pop()!).filter((id) => id !== caseId);
  expect(targets.length).toBeGreaterThan(0);
  for (let i = 0; i < 6; i++) {
    // Someone else's case answers as one that does not exist; the log keeps the real reason.
    const res = await page.request.get(`/api/v1/cases/${targets[i % targets.length]}/messages`);
    expect(res.status()).toBe(404);
    expect((await res.json()).error.code).toBe("CASE_NOT_FOUND");
  }
  await signOut(page);

  // The auditor filters the log to the reviewer's reads, with the form.
  await signIn(page, STAFF.auditor);
  await page.goto("/audit");
  await page.getByLabel("Actor", { exact: true }).fill(STAFF.reviewer2);
  await page.getByLabel("Action").selectOption("CONTENT_READ");
  await page.getByLabel("Outcome").selectOption("ALLOWED");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/actor=reviewer2%40custody\.test.*action=CONTENT_READ|action=CONTENT_READ.*actor=reviewer2/);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) {
    expect(text).toContain(STAFF.reviewer2);
    expect(text).toContain("CONTENT_READ");
    expect(text).toContain("Allowed");
  }
  await screenshot(page, "auditor-01-log-filtered");

  // One read's page: every field, and its inclusion proof checked in this browser.
  await rows.first().getByRole("link", { name: /^Event \d+/ }).click();
  await expect(page.getByText("Included in the signed log — proof and signature verified in this browser")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Ed25519, verified here with the log's published key/)).toBeVisible();
  await expect(page.getByText("Fields as logged")).toBeVisible();
  await screenshot(page, "auditor-02-event");
  const accountHref = await page.locator('a[href^="/audit/accounts?account="]').first().getAttribute("href");

  // Export the filtered reads as JSONL through the button, and verify the file offline.
  await page.goBack();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "JSONL (verifiable)" }).click()]);
  const dir = mkdtempSync(path.join(tmpdir(), "custody-export-"));
  const file = path.join(dir, "export.jsonl");
  await download.saveAs(file);
  const keyFile = path.join(dir, "public-key.txt");
  writeFileSync(keyFile, await (await page.request.get("/api/v1/audit/public-key")).text());
  const verified = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "lib/cli/audit-verify.ts", "--export", file, "--public-key", keyFile], { encoding: "utf8" });
  expect(verified.status, `${verified.stdout}\n${verified.stderr}`).toBe(0);
  expect(verified.stdout).toMatch(/^OK: .* is intact — [1-9]\d* events/);

  // The anomaly list shows the burst, with its denials as evidence.
  await page.goto("/audit/anomalies?days=7");
  const bursts = page.getByRole("region", { name: /Bursts of denials/ });
  const burst = bursts.getByRole("listitem").filter({ hasText: STAFF.reviewer2 });
  await expect(burst).toContainText(/\d+ denials within \d+ minutes?/);
  await burst.locator("summary").click();
  const evidence = burst.getByRole("table").locator("tbody tr");
  expect(await evidence.count()).toBeGreaterThanOrEqual(6);
  for (const text of await evidence.allTextContents()) expect(text).toContain("Denied");
  await screenshot(page, "auditor-03-anomalies");

  // The rest of the workspace, as the auditor sees it.
  await page.goto(accountHref!);
  await expect(page.getByRole("table", { name: /Staff who accessed/ })).toContainText(STAFF.reviewer2);
  await screenshot(page, "auditor-04-account-report");
  await page.goto("/audit/activity");
  await expect(page.getByRole("img", { name: /Reads per day by purpose/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Top readers/ })).toContainText(STAFF.reviewer2);
  await screenshot(page, "auditor-05-activity");
  await page.goto("/audit/verification");
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByText("The log is intact.")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("table", { name: /Recent verifications/ })).toContainText(STAFF.auditor);
  await screenshot(page, "auditor-06-verification");
});
