import { describe, expect, it } from "vitest";
import { assertSafeTextDeep, fieldPath, parseIntakeBody, whereOf } from "./intake-errors";
import { accountsBatch, messagesBatch } from "./schemas";

// Refusals name the batch item and the field, so the platform can fix the one at fault.

const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    const { status, code, where, message } = e as { status: number; code: string; where: unknown; message: string };
    return { status, code, where, message };
  }
  return null;
};

describe("intake errors", () => {
  it("formats paths as the contract writes them", () => {
    expect(fieldPath(["messages", 3, "senderId"])).toBe("messages[3].senderId");
    expect(fieldPath(["messages", 0, "attachments", 1, "data"])).toBe("messages[0].attachments[1].data");
    expect(whereOf(["messages", 3, "senderId"])).toEqual({ item: 3, field: "messages[3].senderId" });
    expect(whereOf(["decisionId"])).toEqual({ field: "decisionId" });
    expect(whereOf([])).toEqual({ field: "body" });
  });

  it("finds U+0000 and lone surrogates anywhere, keys included, naming where", () => {
    expect(caught(() => assertSafeTextDeep({ messages: [{ text: "ok" }, { text: "bad\u0000" }] }))).toMatchObject({ status: 400, code: "UNSAFE_TEXT", where: { item: 1, field: "messages[1].text" } });
    expect(caught(() => assertSafeTextDeep({ accounts: [{ ["x\u0000"]: 1 }] }))).toMatchObject({ code: "UNSAFE_TEXT", where: { item: 0, field: "accounts[0]" } });
    expect(caught(() => assertSafeTextDeep({ a: ["\ud800"] }))).toMatchObject({ code: "UNSAFE_TEXT", where: { field: "a[0]" } });
    expect(caught(() => assertSafeTextDeep({ fine: ["é", "😀", 1, null, true] }))).toBeNull();
    // Hostile depth is refused, not recursed into.
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000));
    expect(caught(() => assertSafeTextDeep(deep))).toMatchObject({ status: 400, code: "TOO_DEEP" });
  });

  it("schema refusals name item and field, unknown keys by their own name", () => {
    const account = { id: "u_1", handle: "alex", displayName: "Alex", dataRegion: "US" };
    expect(caught(() => parseIntakeBody(accountsBatch, { accounts: [account, { ...account, id: "u_2", dataRegion: "MARS" }] }))).toMatchObject({ status: 400, where: { item: 1, field: "accounts[1].dataRegion" } });
    expect(caught(() => parseIntakeBody(accountsBatch, { accounts: [{ ...account, minr: true }] }))).toMatchObject({ where: { item: 0, field: "accounts[0].minr" } });
    expect(caught(() => parseIntakeBody(accountsBatch, { accounts: Array.from({ length: 501 }, (_, i) => ({ ...account, id: `u_${i}` })) }))).toMatchObject({ where: { field: "accounts" } });
    const message = { id: "m_1", conversationId: "c_1", senderId: "u_1", sentAt: "2026-11-01T10:00:00Z", text: "hi" };
    expect(caught(() => parseIntakeBody(messagesBatch, { messages: [message, { ...message, id: "m_2", sentAt: "yesterday" }] }))).toMatchObject({ where: { item: 1, field: "messages[1].sentAt" } });
    expect(caught(() => parseIntakeBody(messagesBatch, { messages: [{ ...message, attachments: [{ contentType: "image/svg+xml", data: "AAAA" }] }] }))).toMatchObject({ where: { item: 0, field: "messages[0].attachments[0]" } });
    expect(parseIntakeBody(messagesBatch, { messages: [message] }).messages[0]!.sentAt).toEqual(new Date("2026-11-01T10:00:00Z"));
  });
});
