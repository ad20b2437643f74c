// The app's keyboard shortcuts as data, and the pure matcher the key handler uses. The `?`
// overlay renders the same list, so what it shows is what the keys do.

export type ShortcutAction =
  | "help"
  | "go-queue"
  | "go-approvals"
  | "search"
  | "next-row"
  | "previous-row"
  | "open-row"
  | "claim-row"
  | "next-reported"
  | "previous-reported"
  | "earlier"
  | "later"
  | "decide";

export type Shortcut = { keys: readonly string[]; action: ShortcutAction; description: string; where: "Anywhere" | "Queue" | "Thread" };

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ["?"], action: "help", description: "Show or hide this list", where: "Anywhere" },
  { keys: ["g", "q"], action: "go-queue", description: "Go to the queue", where: "Anywhere" },
  { keys: ["g", "a"], action: "go-approvals", description: "Go to approvals", where: "Anywhere" },
  { keys: ["/"], action: "search", description: "Focus the search or first filter", where: "Anywhere" },
  { keys: ["j"], action: "next-row", description: "Next case", where: "Queue" },
  { keys: ["k"], action: "previous-row", description: "Previous case", where: "Queue" },
  { keys: ["o"], action: "open-row", description: "Open the focused case (or Enter)", where: "Queue" },
  { keys: ["c"], action: "claim-row", description: "Claim the focused case", where: "Queue" },
  { keys: ["n"], action: "next-reported", description: "Next reported message", where: "Thread" },
  { keys: ["p"], action: "previous-reported", description: "Previous reported message", where: "Thread" },
  { keys: ["e"], action: "earlier", description: "Ask for earlier messages", where: "Thread" },
  { keys: ["l"], action: "later", description: "Ask for later messages", where: "Thread" },
  { keys: ["d"], action: "decide", description: "Go to the decision form", where: "Thread" },
];

export type KeyMatch = { kind: "action"; action: ShortcutAction } | { kind: "prefix"; pending: string[] } | { kind: "none" };

/**
 * `pending` is what was typed so far of a multi-key shortcut (["g"]); `key` is the new key.
 * Returns the action when a shortcut is complete, the new prefix when one is under way, or none
 * (and an unfinished prefix followed by a key that fits nothing starts over with that key).
 */
export function matchKey(pending: readonly string[], key: string): KeyMatch {
  const typed = [...pending, key];
  const exact = SHORTCUTS.find((s) => s.keys.length === typed.length && s.keys.every((k, i) => k === typed[i]));
  if (exact) return { kind: "action", action: exact.action };
  if (SHORTCUTS.some((s) => s.keys.length > typed.length && typed.every((k, i) => s.keys[i] === k))) return { kind: "prefix", pending: typed };
  return pending.length > 0 ? matchKey([], key) : { kind: "none" };
}
