import { expect, test } from "@playwright/test";
import { STAFF, screenshot, signIn } from "./fixtures";

// Staff administration end to end: the admin sees everyone, cannot save a conflicting role
// set or change their own record, and disabling a member signs them out on their next click.

test("an admin manages staff; conflicting roles and self-changes are refused; disabling takes effect at once", async ({ page, browser }) => {
  // reviewer2 is signed in elsewhere, on the queue.
  const other = await browser.newContext();
  const victim = await other.newPage();
  await signIn(victim, STAFF.reviewer2);
  await expect(victim.getByRole("heading", { name: /queue/i })).toBeVisible();

  await signIn(page, STAFF.admin);
  await expect(page).toHaveURL(/\/staff$/);
  const table = page.getByRole("table", { name: /Staff/ });
  for (const email of Object.values(STAFF)) await expect(table).toContainText(email);
  await screenshot(page, "20-staff");

  // A conflicting role set is refused with the reason, and nothing is created.
  await page.getByText("Add a staff member").click();
  const form = page.getByRole("form", { name: "New staff member" });
  await form.getByLabel("Name").fill("Casey Conflict");
  await form.getByLabel("Email").fill("casey@custody.test");
  await form.getByLabel("Auditor").check();
  await form.getByLabel("Reviewer").check();
  await form.getByLabel("US").check();
  await form.getByRole("button", { name: "Create staff member" }).click();
  await expect(form.getByRole("alert")).toContainText("AUDITOR cannot be combined with REVIEWER");
  await screenshot(page, "21-staff-role-conflict");
  await form.getByLabel("Auditor").uncheck();
  await form.getByLabel("Linked platform accounts").fill("no_such_handle, own account");
  await form.getByRole("button", { name: "Create staff member" }).click();
  await expect(form.getByRole("alert")).toContainText("No platform account has the handle @no_such_handle");
  await form.getByLabel("Linked platform accounts").fill("");
  await form.getByRole("button", { name: "Create staff member" }).click();
  await expect(page).toHaveURL(/\/staff\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Casey Conflict");
  await screenshot(page, "22-staff-member");

  // One's own record is read-only (and the server would refuse it anyway).
  await page.goto("/staff");
  await table.getByRole("link", { name: "Edit Ada Admin" }).click();
  await expect(page.getByText("This is you")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toBeDisabled();
  const selfChange = await page.request.fetch(page.url().replace("/staff/", "/api/v1/staff/"), {
    method: "PATCH",
    headers: { "content-type": "application/json", "x-custody-request": "1" },
    data: { name: "Ada Admin", roles: ["ADMIN", "REVIEWER"], regions: ["US", "EU"], disabled: false, links: [] },
  });
  expect(selfChange.status()).toBe(403);
  expect((await selfChange.json()).error.code).toBe("SELF_CHANGE");

  // Disable reviewer2: their very next request is signed out.
  await page.goto("/staff");
  await table.getByRole("link", { name: "Edit Sam Second" }).click();
  await page.getByRole("checkbox", { name: /^Disabled/ }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved and logged.")).toBeVisible();
  await victim.reload();
  await expect(victim).toHaveURL(/\/signin/);
  const api = await victim.request.get("/api/v1/cases");
  expect(api.status()).toBe(401);
  // Restore reviewer2 for anything that runs later.
  await page.getByRole("checkbox", { name: /^Disabled/ }).uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved and logged.")).toBeVisible();
  await other.close();

  // A reviewer opening the staff page by URL is refused, and says why.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, STAFF.reviewer);
  await reviewer.goto("/staff");
  await expect(reviewer.getByText("Access refused")).toBeVisible();
  await screenshot(reviewer, "23-staff-refused-for-reviewer");
  await reviewerContext.close();
});
