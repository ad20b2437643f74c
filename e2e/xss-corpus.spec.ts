import { expect, test, type Page } from "@playwright/test";
import { XSS_PAYLOADS } from "../lib/demo/xss-payloads";
import { STAFF, screenshot, signIn, stepUp } from "./fixtures";

// DM text is attacker-controlled input on a staff screen. The demo seeds classic XSS payloads
// as ordinary messages inside reported threads; a reviewer opens those threads and the
// payloads must show as literal text and do nothing: no dialog, no element they describe, no
// request anywhere but Custody itself, and every script on the page carries the CSP nonce.

const WHY = "Checking the reported messages in context for a policy decision";

async function api(page: Page, method: "POST", path: string, body: unknown) {
  return page.request.fetch(path, { method, data: body, headers: { "content-type": "application/json", "x-custody-request": "1" } });
}

test("seeded XSS payloads render as inert text in the thread view", async ({ page, baseURL }) => {
  const dialogs: string[] = [];
  const foreign: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith("data:")) foreign.push(r.url());
  });

  await signIn(page, STAFF.reviewer);
  const queue = await page.request.get("/api/v1/cases?status=open&limit=200");
  expect(queue.status()).toBe(200);
  const { items } = (await queue.json()) as { items: { id: string }[] };
  expect(items.length).toBeGreaterThan(5);

  const seen = new Set<string>();
  let steppedUp = false;
  let shot = false;
  for (const { id } of items) {
    if ((await api(page, "POST", `/api/v1/cases/${id}/claim`, {})).status() !== 200) continue;
    // Protected participants need a second person (202); those threads stay closed here.
    if ((await api(page, "POST", `/api/v1/cases/${id}/grants`, { purpose: "USER_REPORT", justification: WHY })).status() !== 201) continue;
    await page.goto(`/cases/${id}/thread`);
    if (!steppedUp) {
      await stepUp(page, "reviewer@custody.test", new RegExp(`/cases/${id}/thread`));
      steppedUp = true;
    }
    const list = page.getByRole("list", { name: "Messages" });
    await expect(list.getByRole("listitem").first()).toBeVisible();
    const texts = await list.getByRole("listitem").allInnerTexts();
    for (const p of XSS_PAYLOADS) if (texts.some((t) => t.includes(p))) seen.add(p);
    // Nothing the payloads describe exists as an element.
    const injected = await page.evaluate(() => ({
      imgX: document.querySelectorAll('img[src="x"]').length,
      handlers: document.querySelectorAll("[onerror],[onload],[ontoggle],[onfocus]").length,
      frames: document.querySelectorAll("iframe").length,
      jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
      unnoncedScripts: [...document.querySelectorAll("script")].filter((s) => !s.nonce && !s.src.startsWith(location.origin)).length,
    }));
    expect(injected).toEqual({ imgX: 0, handlers: 0, frames: 0, jsLinks: 0, unnoncedScripts: 0 });
    if (seen.size && !shot) {
      await screenshot(page, "20-xss-thread");
      shot = true;
    }
  }

  // Most payloads sit in threads a reviewer can open alone; they must all have shown as text.
  expect(seen.size).toBeGreaterThanOrEqual(6);
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
  const csp = (await page.request.get("/queue")).headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
});
