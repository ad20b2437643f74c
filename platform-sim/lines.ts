import type { Category } from "./wire";

// What the simulated members write. Everyday lines flag nothing; hostile lines use words the
// seeded detection rules know (lib/demo/demo-rules.ts, read as a platform would read the
// Rules page), so some traffic is flagged at ingest; the grooming script sends the three
// signals of the seeded pattern (age question, secrecy, another app) in one conversation.

export const EVERYDAY = [
  "running ten minutes late, save me a seat",
  "did you see the match last night?",
  "can you send the notes from Tuesday",
  "happy birthday! hope it's a good one",
  "the train is stuck again",
  "thanks for yesterday, that was fun",
  "are we still on for Saturday?",
  "I'll bring the snacks",
];

export const HOSTILE: { category: Category; text: string }[] = [
  { category: "HARASSMENT", text: "you're such a loser, nobody wants you here" },
  { category: "HARASSMENT", text: "pathetic. cry about it" },
  { category: "THREATS", text: "watch yourself, this is your last warning" },
  { category: "SCAM", text: "send me the gift card code and claim it before tonight" },
];

/**
 * Abuse the seeded rules do not catch: what members report that detection missed, so a report
 * of one opens a user-report case of its own rather than joining a detection flag.
 */
export const UNFLAGGED_ABUSE: { category: Category; text: string }[] = [
  { category: "HARASSMENT", text: "everyone at school thinks you're weird, stop messaging people" },
  { category: "THREATS", text: "keep talking and see where it gets you" },
  { category: "HATE", text: "people like you should go back where you came from" },
  { category: "SCAM", text: "pay the fee first and the prize is yours" },
];

/** The seeded grooming rule's three signals, in the order a groomer tends to use them. */
export const GROOMING = ["how old are you btw?", "this is just between us, don't tell your parents ok", "let's move to another app, it's more private there"];

export function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}
