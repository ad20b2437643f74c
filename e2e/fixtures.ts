import { expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { generate } from "otplib";
import { DEMO_TOTP_SECRETS } from "../prisma/demo-totp";

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

// The server never accepts a TOTP time step twice for one person, and accepts the step
// before and after the current one (clock drift). Remember which steps each person used, so a
// second step-up within 30 seconds takes the next step instead of waiting.
const usedSteps = new Map<string, number>();

/** A valid, unused TOTP code for a demo staff member, from the README's documented secret. */
export async function totpCode(email: keyof typeof DEMO_TOTP_SECRETS): Promise<string> {
  const now = Math.floor(Date.now() / 1000 / 30);
  const step = Math.max(now - 1, (usedSteps.get(email) ?? -Infinity) + 1);
  if (step > now + 1) throw new Error(`more than three step-ups within 30 s for ${email}`);
  usedSteps.set(email, step);
  return generate({ secret: DEMO_TOTP_SECRETS[email], epoch: step * 30 });
}

/** On the step-up page: enter a fresh code and expect to land back on `next`. */
export async function stepUp(page: Page, email: keyof typeof DEMO_TOTP_SECRETS, next: RegExp) {
  await expect(page).toHaveURL(/\/step-up\?next=/);
  await expect(page.getByRole("heading", { name: /confirm it/i })).toBeVisible();
  await page.getByLabel("Authenticator code").fill(await totpCode(email));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(next);
}
