import { expect, test } from "@playwright/test";
import { STAFF, screenshot, signIn, signOut, stepUp } from "./fixtures";

// Second-person approval end to end: a reviewer asks to open a thread with a protected
// participant (202, pending), a lead approves it in the approvals inbox, and the reviewer then
// passes the step-up, reads, and widens the scope by ten messages. The lead sees the request
// marked as theirs-to-decide; the reviewer's own history shows every step, and the lead's team
// history shows the reviewer's read.

const WHY = "Threats against a protected account; need the reported messages in context";

test("a reviewer's request for a protected account waits for a lead, then opens the thread", async ({ page }) => {
  await signIn(page, STAFF.reviewer);
  await page.goto("/queue");
  const row = page.locator("tbody tr").filter({ hasText: "Protected" }).filter({ has: page.getByRole("button", { name: "Claim" }) }).first();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Claim" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split("/").pop()!;
  const caseNumber = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/#\d+/)![0];

  await page.getByLabel("Justification").fill(WHY);
  await page.getByRole("button", { name: "Open thread" }).click();
  // The form confirms the request, then the page refreshes into its pending state; either
  // text may be the one on screen when we look.
  await expect(page.getByText(/awaiting second-person approval/i).first()).toBeVisible();
  // A pending request opens nothing.
  const early = await page.request.get(`/api/v1/cases/${caseId}/messages`);
  expect(early.status()).toBe(403);
  expect((await early.json()).error.code).toBe("GRANT_PENDING");
  await page.reload();
  await expect(page.getByText("Awaiting second-person approval")).toBeVisible();
  await screenshot(page, "10-case-awaiting-approval");
  await signOut(page);

  // The lead's inbox: the request, why it needs approval, approve with a note.
  await signIn(page, STAFF.lead);
  await page.getByRole("link", { name: "Approvals" }).click();
  await expect(page).toHaveURL(/\/approvals$/);
  const request = page.locator("tbody tr").filter({ hasText: caseNumber }).filter({ hasText: STAFF.reviewer });
  await expect(request).toContainText("Protected account");
  await expect(request).toContainText(WHY);
  await screenshot(page, "11-approvals-inbox");
  await request.getByRole("button", { name: /^Approve: request by/ }).click();
  await page.getByLabel("Note (optional)").fill("Protected account; scope is the default ± 10.");
  await screenshot(page, "12-approvals-approve-note");
  await request.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.locator("table").first().locator("tbody tr").filter({ hasText: caseNumber }).filter({ hasText: STAFF.reviewer }).filter({ hasText: "Protected account" })).toHaveCount(0);
  const live = page.getByRole("table", { name: /Live grants/ }).locator("tbody tr").filter({ hasText: caseNumber });
  await expect(live).toContainText("Lee Lead");
  await screenshot(page, "13-approvals-live-grants");
  await signOut(page);

  // The reviewer: continue to the thread, step up, read, widen by ten earlier messages.
  await signIn(page, STAFF.reviewer);
  await page.goto(`/cases/${caseId}`);
  await page.getByRole("link", { name: /Continue to thread/ }).click();
  await expect(page).toHaveURL(/\/step-up\?next=/);
  await screenshot(page, "14-step-up");
  await stepUp(page, STAFF.reviewer, new RegExp(`/cases/${caseId}/thread$`));
  const messages = page.getByRole("list", { name: "Messages" }).getByRole("listitem");
  await expect(messages.first()).toBeVisible();
  const scope = page.getByRole("group", { name: "Access grant" });
  const before = (await scope.textContent())!.match(/messages (\d+)–(\d+)/)!;
  const earlier = page.getByRole("button", { name: "Show 10 earlier messages…" });
  if (Number(before[1]) > 1) {
    await earlier.click();
    await page.getByLabel("Why do you need the earlier messages?").fill("Need to see how the exchange started before the threat");
    await screenshot(page, "15-thread-widen-form");
    await page.getByRole("button", { name: "Show 10 earlier messages", exact: true }).click();
    // Still a protected account: the wider scope needs the lead again; the current scope stays.
    await expect(page.getByText("Wider scope requested")).toBeVisible();
    await expect(scope).toContainText(`messages ${before[1]}–${before[2]}`);
  }
  await screenshot(page, "16-thread-after-approval");

  // The reviewer's own history shows the request, the approval's result, the step-up and the read.
  await page.getByRole("link", { name: "My access" }).click();
  await expect(page).toHaveURL(/\/my-access$/);
  const grants = page.getByRole("table", { name: /My grants/ });
  await expect(grants.locator("tbody tr").filter({ hasText: caseNumber }).first()).toContainText(/Active|Awaiting approval/);
  await expect(grants).toContainText("approved by Lee Lead");
  const events = page.getByRole("table", { name: /My access events/ });
  for (const action of ["GRANT_REQUESTED", "STEP_UP", "CONTENT_READ"]) await expect(events).toContainText(action);
  await screenshot(page, "17-my-access");
  await page.getByRole("link", { name: "Denials" }).click();
  await expect(page.getByRole("table", { name: /My access events/ })).toContainText("GRANT_PENDING");
  await signOut(page);

  // The lead's team history: the same reviewer's read of that case, with how many messages.
  await signIn(page, STAFF.lead);
  await page.getByRole("link", { name: "Team access" }).click();
  await expect(page).toHaveURL(/\/team-access$/);
  await page.getByLabel("Staff member").selectOption({ label: `Riley Reviewer · ${STAFF.reviewer}` });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { name: /Events by Riley Reviewer/ })).toBeVisible();
  await page.getByRole("link", { name: "Reads" }).click();
  await expect(page).toHaveURL(/member=.*kind=reads|kind=reads.*member=/);
  const team = page.getByRole("table", { name: /Access events by Riley Reviewer/ });
  const read = team.locator("tbody tr").filter({ hasText: caseNumber }).first();
  await expect(read).toContainText("CONTENT_READ");
  await expect(read).toContainText(STAFF.reviewer);
  await screenshot(page, "18-team-access");
});
