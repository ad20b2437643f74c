import { expect, test } from "@playwright/test";
import { STAFF, screenshot, signIn, signOut } from "./fixtures";

// Emergency access is reviewed after the fact by someone who had no part in it. The e2e seed
// (seed-emergency.ts) leaves one approved emergency grant: Sam Second held it, Lee Lead
// approved it. The lead sees it but may not review it; Lou Legal reviews it, and it leaves the list.

test("an emergency grant is reviewed after the fact by someone who neither held nor approved it", async ({ page }) => {
  await signIn(page, STAFF.lead);
  await page.goto("/approvals");
  const leadView = page.getByRole("table", { name: /Emergency access awaiting review/ }).locator("tbody tr").filter({ hasText: "Sam Second" });
  await expect(leadView).toContainText("Nobody reviews emergency access they held or approved");
  await expect(leadView.getByRole("button", { name: /^Review/ })).toHaveCount(0);
  await signOut(page);

  await signIn(page, STAFF.legal, /\/(queue|approvals)/);
  await page.goto("/approvals");
  const row = page.getByRole("table", { name: /Emergency access awaiting review/ }).locator("tbody tr").filter({ hasText: "Sam Second" });
  await expect(row).toContainText("Lee Lead");
  await expect(row).toContainText("Safety line escalation");
  await row.getByRole("button", { name: /^Review: emergency grant of Sam Second/ }).click();
  // Both parts are required: nothing is sent without a verdict and a real note.
  await row.getByRole("button", { name: "Record review" }).click();
  await expect(row.getByText("Choose a verdict.")).toBeVisible();
  await row.getByLabel("Justified", { exact: true }).check();
  await row.getByLabel("Review note").fill("Threat was specific and current; the window was the minimum needed.");
  await screenshot(page, "19-emergency-review");
  await row.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByText("No emergency access awaits review")).toBeVisible();
  await screenshot(page, "19b-emergency-reviewed");
});
