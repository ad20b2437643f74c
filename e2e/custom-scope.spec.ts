import { expect, test } from "@playwright/test";
import { STAFF, screenshot, signIn, stepUp } from "./fixtures";

// A reviewer may open a range of messages they name instead of the default around the
// reported ones: here the narrowest range that still holds every reported message. The form
// refuses a range that makes no sense before anything is sent; the server decides again.

test("a reviewer opens a range of messages they choose, which must hold the reported ones", async ({ page }) => {
  await signIn(page, STAFF.reviewer);
  await page.goto("/queue");
  await page.locator("tbody tr").filter({ hasNotText: "Protected" }).getByRole("button", { name: "Claim" }).first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split("/").pop()!;

  await page.getByLabel("A range I choose").check();
  const hint = (await page.getByText(/Of \d+ messages; must include/).textContent())!;
  const reported = hint.match(/must include ([\d, ]+)\./)![1]!.split(", ").map(Number);
  const [first, last] = [Math.min(...reported), Math.max(...reported)];
  await page.getByLabel("Justification").fill("Only the reported messages themselves are needed for this decision");

  await page.getByLabel("From message").fill(String(last + 1));
  await page.getByLabel("To message").fill(String(first));
  await page.getByRole("button", { name: "Open thread" }).click();
  await expect(page.getByText(/the first no later than the last/)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));

  await page.getByLabel("From message").fill(String(first));
  await page.getByLabel("To message").fill(String(last));
  await screenshot(page, "05-case-custom-scope");
  await page.getByRole("button", { name: "Open thread" }).click();
  await stepUp(page, STAFF.reviewer, new RegExp(`/cases/${caseId}/thread$`));
  await expect(page.getByRole("group", { name: "Access grant" })).toContainText(`messages ${first}–${last}`);
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem")).toHaveCount(last - first + 1);
});
