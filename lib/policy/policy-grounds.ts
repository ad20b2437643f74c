import type { Category, Decision } from "./enums";

// The policy ground each decision rests on, by the report's category: the short text the
// platform shows the person affected (DSA Art. 17(3)(e): the contractual ground relied on), and
// what a statement of reasons cites. One table, so the webhook and the export say the same.

export const POLICY_GROUNDS: Record<Category, string> = {
  HARASSMENT: "Community Guidelines 3.1: no harassment or bullying of other members",
  THREATS: "Community Guidelines 3.2: no threats of violence or intimidation",
  GROOMING: "Community Guidelines 4.1: no sexual contact with or grooming of minors",
  SCAM: "Community Guidelines 5.1: no scams, fraud or deceptive requests for money or data",
  HATE: "Community Guidelines 3.3: no hate speech against protected groups",
  SELF_HARM: "Community Guidelines 6.1: no encouragement of suicide or self-harm",
};

/** Decisions that restrict the target (and so tell the reporter their report led to action). */
export const ACTION_TAKEN: Record<Exclude<Decision, "ESCALATE">, boolean> = {
  NO_VIOLATION: false,
  WARN: true,
  REMOVE_MESSAGE: true,
  RESTRICT_DMS: true,
  SUSPEND: true,
};

export type FinalDecision = keyof typeof ACTION_TAKEN;

export function isFinalDecision(d: Decision): d is FinalDecision {
  return d !== "ESCALATE";
}
