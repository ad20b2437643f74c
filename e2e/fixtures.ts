import { expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export const DEMO_PASSWORD = "custody-demo-2026";

export const STAFF = {
  reviewer: "reviewer@custody.test",
  reviewer2: "reviewer2@custody.test",
  lead: "lead@custody.test",
  legal: "legal@custody.test",
  auditor: "auditor@custody.test",
  admin: "admin@custody.test",
} as const;

/** Signs in through the real sign-in page, as a person would. */
export async function signIn(page: Page, email: string, landing: RegExp = /\/(queue|audit|me|staff)/) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(landing);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync("e2e/screenshots", { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}
