import { expect, type Page } from "@playwright/test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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
// second step-up within 30 seconds takes the next step instead of waiting. The record lives in
// a file for the whole run (e2e/prepare.ts names it): Playwright starts a fresh worker after a
// failed test, and an in-memory record would hand the next spec a step already spent.
function usedStepsFile(): string {
  return process.env.E2E_TOTP_STATE ?? path.join(tmpdir(), "custody-e2e-totp-steps.json");
}

function readUsedSteps(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(usedStepsFile(), "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

/** A valid, unused TOTP code for a demo staff member, from the README's documented secret. */
export async function totpCode(email: keyof typeof DEMO_TOTP_SECRETS): Promise<string> {
  const used = readUsedSteps();
  let now = Math.floor(Date.now() / 1000 / 30);
  const step = Math.max(now - 1, (used[email] ?? -Infinity) + 1);
  // Every acceptable step is spent: the next one becomes acceptable when the clock reaches it.
  while (step > now + 1) {
    await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 50));
    now = Math.floor(Date.now() / 1000 / 30);
  }
  writeFileSync(usedStepsFile(), JSON.stringify({ ...used, [email]: step }));
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
