import { expect, test } from "@playwright/test";
import { STAFF, screenshot, signIn, signOut } from "./fixtures";

// A LEGAL specialist takes in a search warrant with its document; the same person cannot verify
// it (the page says so, and the API answers 403); a colleague verifies it and its cases open.
// A reviewer is refused the workspace. Screenshots of the queue, the form and the request page.

test("a legal request is taken in by one specialist and verified by another", async ({ page }) => {
  await signIn(page, STAFF.legal);
  await page.getByRole("link", { name: "Legal requests" }).click();
  await expect(page.getByRole("heading", { name: /Legal requests/ })).toBeVisible();
  await expect(page.getByText("Overdue").first()).toBeVisible();
  await screenshot(page, "40-legal-queue");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "40-legal-queue-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // A handle to name: the seeded warrant's account.
  await page.getByRole("link", { name: /^L-\d+$/ }).first().click();
  const named = (await page.locator("dt", { hasText: "Named accounts" }).locator("xpath=following-sibling::dd").innerText()).split(",")[0]!.trim();
  expect(named).toMatch(/^@/);

  await page.goto("/legal/new");
  await page.getByLabel("Reference on the document").fill("SW-E2E-0001");
  await page.getByLabel("Agency").fill("Federal Bureau of Investigation");
  await page.getByLabel("Issuing court or state").fill("N.D. Cal.");
  await page.getByLabel("Requesting officer").fill("SA Dana Ortiz");
  await page.getByLabel("Officer's email").fill("dortiz@fbi.gov");
  await page.getByLabel("Officer's phone").fill("+1 202 555 0100");
  await page.getByRole("combobox", { name: /^Instrument/ }).selectOption("SUBPOENA");
  await expect(page.locator("p", { hasText: "This instrument allows:" })).toContainText("Account facts");
  await expect(page.getByText("(not allowed by this instrument)").first()).toBeVisible();
  await page.getByRole("combobox", { name: /^Instrument/ }).selectOption("SEARCH_WARRANT");
  await page.getByLabel("Named accounts (handles)").fill(named);
  await page.getByLabel("Records from (UTC)").fill("2025-01-01");
  await page.getByLabel("Records to (UTC, inclusive)").fill("2026-12-31");
  await page.getByLabel("Due date (UTC)").fill("2027-01-15");
  await page.getByLabel("Signed legal document").setInputFiles({ name: "warrant.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 e2e warrant") });
  await screenshot(page, "41-legal-intake-form");
  await page.getByRole("button", { name: "Take in the request" }).click();
  await expect(page.getByRole("heading", { name: /SW-E2E-0001/ })).toBeVisible();
  await expect(page.getByText("You took this request in, so a colleague must verify it")).toBeVisible();
  await screenshot(page, "42-legal-request-received");
  const requestUrl = page.url();
  const requestId = requestUrl.split("/").pop()!;

  // From the attacker's side: the same person calls the API directly.
  const self = await page.evaluate(async (id) => {
    const res = await fetch(`/api/v1/legal/requests/${id}/verification`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-custody-request": "1" },
      body: JSON.stringify({ method: "CALLBACK", passed: true, note: "I verified my own request" }),
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  }, requestId);
  expect(self).toMatchObject({ status: 403, body: { error: { code: "LEGAL_SELF_VERIFICATION" } } });
  await signOut(page);

  await signIn(page, "legal2@custody.test");
  await page.goto(requestUrl);
  await page.getByLabel("What you checked, against what").fill("Called the FBI field office on the number published on fbi.gov");
  await page.getByRole("button", { name: "Verified", exact: true }).click();
  await expect(page.getByText("Passed")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Cases \([1-9]/ })).toBeVisible();
  await page.getByLabel("Reason").fill("2703(f) letter received with the warrant");
  await page.getByRole("button", { name: "Place hold" }).click();
  await expect(page.getByRole("heading", { name: "Preservation holds (1)" })).toBeVisible();
  await expect(page.getByText("Nobody has read held material while this hold was in force.")).toBeVisible();
  await screenshot(page, "43-legal-request-verified");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "43-legal-request-verified-dark");
  await signOut(page);

  await signIn(page, STAFF.reviewer);
  await page.goto("/legal");
  await expect(page.getByText(/Legal requests are handled by law-enforcement response specialists/)).toBeVisible();
});
