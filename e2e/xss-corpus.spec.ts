import { expect, test, type Page } from "@playwright/test";
import { XSS_PAYLOADS } from "../lib/demo/xss-payloads";
import { STAFF, screenshot, signIn, stepUp } from "./fixtures";
import { ingestReportedThread } from "./intake";

// DM text is attacker-controlled input on a staff screen. This spec sends the classic XSS
// payloads through the signed intake as ordinary messages of a reported thread of its own (so
// no other spec can take "its" cases), and a reviewer opens that thread: the payloads must show
// as literal text and do nothing: no dialog, no element they describe, no request anywhere but
// Custody itself, and every script on the page carries the CSP nonce.

const WHY = "Checking the reported messages in context for a policy decision";

async function api(page: Page, path: string, body: unknown) {
  return page.request.fetch(path, { method: "POST", data: body, headers: { "content-type": "application/json", "x-custody-request": "1" } });
}

test("XSS payloads sent by the platform render as inert text in the thread view", async ({ page, baseURL }) => {
  const own = await ingestReportedThread({ tag: "xss", texts: XSS_PAYLOADS, region: "US" });

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
  expect((await api(page, `/api/v1/cases/${own.caseId}/claim`, {})).status()).toBe(200);
  expect((await api(page, `/api/v1/cases/${own.caseId}/grants`, { purpose: "USER_REPORT", justification: WHY })).status()).toBe(201);
  await page.goto(`/cases/${own.caseId}/thread`);
  await stepUp(page, "reviewer@custody.test", new RegExp(`/cases/${own.caseId}/thread`));

  const list = page.getByRole("list", { name: "Messages" });
  await expect(list.getByRole("listitem")).toHaveCount(XSS_PAYLOADS.length);
  const texts = await list.getByRole("listitem").allInnerTexts();
  const missing = XSS_PAYLOADS.filter((p) => !texts.some((t) => t.includes(p)));
  expect(missing).toEqual([]);

  // Nothing the payloads describe exists as an element.
  const injected = await page.evaluate(() => ({
    imgX: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll("[onerror],[onload],[ontoggle],[onfocus]").length,
    frames: document.querySelectorAll("iframe").length,
    jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
    unnoncedScripts: [...document.querySelectorAll("script")].filter((s) => !s.nonce && !s.src.startsWith(location.origin)).length,
  }));
  expect(injected).toEqual({ imgX: 0, handlers: 0, frames: 0, jsLinks: 0, unnoncedScripts: 0 });
  await screenshot(page, "20-xss-thread");

  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
  const csp = (await page.request.get("/queue")).headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
});
