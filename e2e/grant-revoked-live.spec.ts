import { expect, test, type Page } from "@playwright/test";
import { STAFF, screenshot, signIn, stepUp } from "./fixtures";

// Plaintext must not outlive its grant on screen. A reviewer reads a thread in one browser; a
// lead revokes that grant from a second browser; within 5 seconds, with no reload, the first
// browser's messages are gone from the page and it says who ended the grant, when and why.

const WHY = "Reviewing the reported messages and their context for a policy decision";
const REASON = "Case reassigned to the specialist team";

/** Whether `text` is anywhere in the page's JavaScript heap after a full GC (DOM, query cache, closures). */
async function heapHolds(page: Page, text: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on("HeapProfiler.addHeapSnapshotChunk", ({ chunk }) => chunks.push(chunk));
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  await cdp.detach();
  return chunks.join("").includes(JSON.stringify(text).slice(1, -1));
}

test("a lead's revocation removes the reviewer's open thread without a reload", async ({ page, browser }) => {
  await signIn(page, STAFF.reviewer);
  await page.goto("/queue");
  await page.locator("tbody tr").filter({ hasNotText: "Protected" }).getByRole("button", { name: "Claim" }).first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split("/").pop()!;
  const caseNumber = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/#\d+/)![0];
  await page.getByLabel("Justification").fill(WHY);
  await page.getByRole("button", { name: "Open thread" }).click();
  await stepUp(page, STAFF.reviewer, new RegExp(`/cases/${caseId}/thread$`));

  const messages = page.getByRole("list", { name: "Messages" }).getByRole("listitem");
  await expect(messages.first()).toBeVisible();
  const text = (await messages.first().locator("p").nth(1).textContent())!;
  expect(text.length).toBeGreaterThan(3);
  await expect(page.getByRole("group", { name: "Access grant" })).toContainText("Expires in");
  // The heap check below is not vacuous: while the grant is live, the text is found.
  expect(await heapHolds(page, text)).toBe(true);
  await screenshot(page, "40-thread-live-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "41-thread-live-dark");
  await page.emulateMedia({ colorScheme: "light" });
  // A reload would clear this; it must still be here at the end.
  await page.evaluate(() => Object.assign(window, { __noReload: true }));

  // A second browser, the lead's: revoke that grant from the approvals inbox.
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, STAFF.lead);
  await lead.goto("/approvals");
  const row = lead.getByRole("table", { name: /Live grants/ }).locator("tbody tr").filter({ hasText: caseNumber });
  await row.getByRole("button", { name: /^Revoke: grant of/ }).click();
  await lead.getByLabel("Why revoke?").fill(REASON);
  const revoked = lead.waitForResponse((r) => r.url().includes("/revoke") && r.request().method() === "POST");
  await row.getByRole("button", { name: "Revoke", exact: true }).click();
  expect((await revoked).status()).toBe(200);

  // Within 5 s of the revocation: the messages and the countdown leave the page, and it says why.
  const notice = page.getByRole("alert").filter({ hasText: "Access ended" });
  await expect(notice).toContainText(`Access ended: revoked by ${STAFF.lead}`, { timeout: 5_000 });
  await expect(notice).toContainText(REASON);
  await expect(notice).toBeFocused();
  await expect(page.getByRole("list", { name: "Messages" })).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Access grant" })).toHaveCount(0);
  expect(await page.content()).not.toContain(text);
  // Gone from the query cache too, not just the DOM: nothing in the page's heap still holds it.
  expect(await heapHolds(page, text)).toBe(false);
  expect(await page.evaluate(() => "__noReload" in window)).toBe(true);
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}/thread$`));
  await screenshot(page, "42-thread-revoked-light");
  // The app has no dark theme (globals.css pins color-scheme: light); this shows a reader who
  // prefers dark still gets the light, legible notice.
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "43-thread-revoked-dark");
  await leadContext.close();
});
