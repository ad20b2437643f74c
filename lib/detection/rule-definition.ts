import { z } from "zod";
import { RULE_LIMITS, SEVERITIES } from "@/lib/policy/detection";
import { CATEGORIES } from "@/lib/policy/enums";
import { safeText } from "@/lib/validation/safe-text";
import { normalise } from "./normalise";

// What a detection rule is, as the rules API accepts it and a rule version stores it. Two kinds:
//   terms   — any of the terms and phrases; with `near`, only when one of them stands within
//             `within` words of one of the `near` terms ("send" within 4 words of "gift card");
//   signals — a pattern across one conversation's messages: at least `threshold` of the signals
//             (each a list of terms) seen within `windowDays` days of each other.
// Terms are matched after normalisation (normalise.ts), as whole words.

const { maxTerms: MAX_TERMS, maxSignals: MAX_SIGNALS, maxWithinWords: MAX_WITHIN_WORDS, maxWindowDays: MAX_WINDOW_DAYS } = RULE_LIMITS;

const term = safeText
  .trim()
  .min(1, "a term cannot be empty")
  .max(100, "a term has at most 100 characters")
  .refine((t) => normalise(t).trim().length > 0, "a term needs at least one letter or digit");
const terms = z.array(term).min(1, "at least one term").max(MAX_TERMS, `at most ${MAX_TERMS} terms`);

export const termsDefinition = z.strictObject({
  kind: z.literal("terms"),
  terms,
  near: z.strictObject({ terms, within: z.number().int().min(1).max(MAX_WITHIN_WORDS) }).nullable().default(null),
});

export const signalsDefinition = z
  .strictObject({
    kind: z.literal("signals"),
    signals: z
      .array(z.strictObject({ label: safeText.trim().min(1, "name each signal").max(60), terms }))
      .min(2, "a pattern needs at least two signals")
      .max(MAX_SIGNALS, `at most ${MAX_SIGNALS} signals`),
    threshold: z.number().int().min(2),
    windowDays: z.number().int().min(1).max(MAX_WINDOW_DAYS),
  })
  .refine((d) => d.threshold <= d.signals.length, { message: "the threshold cannot exceed the number of signals", path: ["threshold"] });

export const ruleDefinition = z.discriminatedUnion("kind", [termsDefinition, signalsDefinition]);
export type RuleDefinition = z.output<typeof ruleDefinition>;
export type TermsDefinition = z.output<typeof termsDefinition>;
export type SignalsDefinition = z.output<typeof signalsDefinition>;

export const ruleName = safeText.trim().min(3, "a name of at least 3 characters").max(100);

/** A rule as a lead writes it: the body of POST /api/v1/rules. */
export const ruleInput = z.strictObject({
  name: ruleName,
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  enabled: z.boolean(),
  definition: ruleDefinition,
});
export type RuleInput = z.input<typeof ruleInput>;
export type ParsedRuleInput = z.output<typeof ruleInput>;

/** A change: the whole rule again, and the version it was edited from (a stale edit is refused). */
export const ruleUpdateInput = ruleInput.extend({ baseVersion: z.number().int().min(1).max(2 ** 31 - 1) });

/** The "test this rule" box: a draft definition and text typed into the page (never stored, never logged). */
export const ruleTestInput = z.strictObject({ definition: ruleDefinition, text: safeText.max(5_000) });
