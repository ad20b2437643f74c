import { expect, test } from "@playwright/test";
import { STAFF, screenshot, signIn } from "./fixtures";

// A lead writes a detection rule, tests it against text typed into the page (never stored
// DMs), changes it and sees the new version in its history; an admin sees EU scanning off by
// default, with the reason, and switches it.

test("a lead creates a rule, tests it against typed text, changes it and sees the version history", async ({ page }) => {
  await signIn(page, STAFF.lead);
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Rules" }).click();
  await expect(page).toHaveURL(/\/rules$/);
  const table = page.getByRole("table", { name: /Detection rules/ });
  // The demo's rules are there, the grooming pattern among them.
  await expect(table).toContainText("Grooming: age, secrecy and another app");
  await expect(table).toContainText("3 of 3 signals within 7 days");
  await screenshot(page, "60-rules-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "61-rules-dark");
  await page.emulateMedia({ colorScheme: "light" });

  const name = `Scam: wire transfer ${Date.now()}`;
  await page.getByText("New rule", { exact: true }).click();
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Category").selectOption("SCAM");
  await form.getByLabel("Severity").selectOption("HIGH");
  await form.getByRole("textbox", { name: "Terms and phrases" }).fill("wire\nbank transfer");
  await form.getByRole("checkbox", { name: /^Only when near/ }).check();
  await form.getByLabel("Within (words)").fill("3");
  await form.getByLabel("Of these terms").fill("fee\nupfront");

  // Testing the draft before saving: a match, and a near miss.
  const testText = page.getByLabel("Text to test");
  await testText.fill("Just W1RE the upfront f33 today");
  await page.getByRole("button", { name: "Test", exact: true }).click();
  const verdict = page.getByRole("status").filter({ hasText: /Match|No match/ });
  await expect(verdict).toContainText("Matches: this text would be flagged.");
  await expect(verdict).toContainText("“wire”");
  await testText.fill("wire me when you are home, there is no fee for asking");
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(verdict).toContainText("No match");

  await form.getByRole("button", { name: "Create rule" }).click();
  await expect(page).toHaveURL(/\/rules\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("version 1");

  // A change is a new version; switching the rule off is one too.
  const edit = page.getByRole("form", { name: `Edit ${name}` });
  await edit.getByRole("textbox", { name: "Terms and phrases" }).fill("wire\nbank transfer\nwestern union");
  await edit.getByRole("checkbox", { name: /^Enabled/ }).uncheck();
  await edit.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as version 2 and logged.")).toBeVisible();
  const history = page.getByRole("table", { name: /Version history/ });
  await expect(history.locator("tbody tr")).toHaveCount(2);
  await expect(history.locator("tbody tr").first()).toContainText("v2");
  await expect(history.locator("tbody tr").first()).toContainText("Off");
  await expect(history.locator("tbody tr").first()).toContainText("“western union”");
  await expect(history.locator("tbody tr").nth(1)).toContainText("v1");
  await expect(history).toContainText("Lee Lead");
  await page.getByLabel("Text to test").fill("send it by western union, the fee is small");
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /Match/ })).toContainText("Matches");
  await screenshot(page, "62-rule-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "63-rule-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // The typed text went nowhere: the change is in the lead's own history as RULE_CHANGED, but
  // a stale edit (from the version-1 page) is refused.
  const stale = await page.request.fetch(page.url().replace("/rules/", "/api/v1/rules/"), {
    method: "PUT",
    headers: { "content-type": "application/json", "x-custody-request": "1" },
    data: { name, category: "SCAM", severity: "HIGH", enabled: true, definition: { kind: "terms", terms: ["wire"], near: null }, baseVersion: 1 },
  });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.code).toBe("RULE_CHANGED_SINCE");
});

test("an admin sees EU scanning off by default, says why, and switches it; leads cannot", async ({ page, browser }) => {
  await signIn(page, STAFF.admin);
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Detection" }).click();
  await expect(page).toHaveURL(/\/admin\/detection$/);
  const eu = page.getByRole("listitem", { name: "EU scanning" });
  const us = page.getByRole("listitem", { name: "US scanning" });
  await expect(eu).toContainText("Scanning off");
  await expect(eu).toContainText("lapsed in April 2026");
  await expect(eu).toContainText("Default setting");
  await expect(us).toContainText("Scanning on");
  await screenshot(page, "64-detection-regions-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "65-detection-regions-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await eu.getByRole("button", { name: "Switch EU scanning on" }).click();
  await expect(page.getByText("EU scanning is now on. The switch is logged.")).toBeVisible();
  await expect(eu).toContainText("Switched by Ada Admin");
  await page.reload();
  await expect(eu).toContainText("Scanning on");
  await eu.getByRole("button", { name: "Switch EU scanning off" }).click();
  await expect(eu).toContainText("Scanning off");

  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, STAFF.lead);
  const refused = await lead.request.fetch("/api/v1/detection/regions/EU", { method: "PUT", headers: { "content-type": "application/json", "x-custody-request": "1" }, data: { enabled: true } });
  expect(refused.status()).toBe(403);
  await lead.goto("/admin/detection");
  await expect(lead.getByText("Access refused")).toBeVisible();
  await leadContext.close();
});
