import { expect, test, type Page } from "@playwright/test";
import { STAFF, screenshot, signIn, signOut } from "./fixtures";
import { startReceiver } from "./webhook-receiver";

// Decisions out, end to end: a reviewer decides a case, the server's own job runner delivers
// the signed webhook to a platform endpoint (a receiver this spec runs, verifying the
// signature), and the case page says "Delivered" without a reload. With the endpoint down, the
// admin's Deliveries page lists the failing decision, and "Retry now" delivers it once it is up.

// This spec's own cases (e2e/seed-outbox.ts), so no other spec loses the case it claims.
const [FIRST_CASE, SECOND_CASE] = (process.env.E2E_OUTBOX_CASES ?? "").split(",");

async function claimAndDecide(page: Page, caseId: string, decision: string, note: string): Promise<string> {
  await page.goto(`/cases/${caseId}`);
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByRole("button", { name: "Record decision" })).toBeVisible();
  // The decision applies to the reported sender unless the reviewer picks someone else.
  await expect(page.getByLabel("Applies to")).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel("Applies to").locator("option:checked")).toContainText("— default");
  await page.getByLabel(decision).check();
  await page.getByLabel("Decision note").fill(note);
  if (decision === "Suspend account") await screenshot(page, "59-decision-form-target");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page).toHaveURL(/\/queue/);
  return caseId;
}

test("a decision is delivered to the platform, signed; the case page shows it; the admin retries a failed one", async ({ page }) => {
  let receiver = await startReceiver();
  try {
    await signIn(page, STAFF.reviewer);
    const caseId = await claimAndDecide(page, FIRST_CASE!, "Suspend account", "Repeated insults after a warning; suspended.");

    await page.goto(`/cases/${caseId}`);
    const status = page.getByTestId("delivery-status");
    await expect(status).toContainText("Delivered", { timeout: 15_000 });
    await expect.poll(() => receiver.delivered.find((d) => d.data.caseId === caseId)?.data.action).toBe("SUSPEND");
    expect(receiver.refused).toBe(0);
    await screenshot(page, "60-case-delivered");
    // The app pins a light colour scheme (globals.css); this shows a reader who prefers dark gets it legibly.
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "61-case-delivered-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // The platform goes down: the next decision fails, and the case page says why and when next.
    await receiver.close();
    const failingCase = await claimAndDecide(page, SECOND_CASE!, "Remove message", "Threat in the reported message; removed.");
    await page.goto(`/cases/${failingCase}`);
    await expect(status).toContainText(/Failing after \d+ attempts?: connection failed \(ECONNREFUSED\)\. Next try/, { timeout: 15_000 });
    await screenshot(page, "62-case-failing");
    await signOut(page);

    await signIn(page, STAFF.admin);
    await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Deliveries" }).click();
    await expect(page).toHaveURL(/\/admin\/deliveries$/);
    await expect(page.getByRole("heading", { name: /Undelivered decisions/ })).toBeVisible();
    const table = page.getByRole("table", { name: "Undelivered decisions, oldest first" });
    const row = table.locator("tbody tr").filter({ hasText: "Remove message" }).filter({ hasText: "ECONNREFUSED" }).last();
    await expect(row).toContainText("Failing");
    await screenshot(page, "63-admin-deliveries");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "64-admin-deliveries-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // Back up: "Retry now" delivers it at once (a logged DELIVERY_RETRIED), and it leaves the list.
    receiver = await startReceiver();
    const caseNumber = (await row.locator("td").first().innerText()).trim();
    await row.getByRole("button", { name: `Retry now case ${caseNumber}` }).click();
    await expect.poll(() => receiver.delivered.some((d) => d.data.caseId === failingCase), { timeout: 15_000 }).toBe(true);
    await expect(async () => {
      await page.reload();
      await expect(table.locator("tbody tr").filter({ hasText: caseNumber })).toHaveCount(0);
    }).toPass({ timeout: 15_000 });
  } finally {
    await receiver.close().catch(() => {});
  }
});
