import type { Scope } from "@/lib/policy/purposes";

// The open-thread form's own range, checked before it is sent so the reviewer sees the
// problem at once; the server decides again (lib/policy/grant-request.ts).

export type ScopeDraft = { mode: "default" | "custom"; from: string; to: string };

/** A custom range as the API takes it, or why it is not one (the server decides again). */
export function customScope(draft: ScopeDraft, messageCount: number, anchors: readonly number[]): { scope: Scope } | { error: string } {
  const from = Number(draft.from);
  const to = Number(draft.to);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > messageCount || from > to) {
    return { error: `Give a range of message numbers between 1 and ${messageCount}, the first no later than the last.` };
  }
  const outside = anchors.filter((a) => a < from || a > to);
  if (outside.length) return { error: `The range must include the reported message${anchors.length > 1 ? "s" : ""} (${anchors.join(", ")}).` };
  return { scope: { from, to } };
}

