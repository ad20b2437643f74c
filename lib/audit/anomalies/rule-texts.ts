import { formatWorkingHours } from "@/lib/config/working-hours";
import { type AnomalyConfig, type AnomalyKind, plural } from "./types";

// What each rule looks for, in an auditor's words. The words are built from the same config the
// rules run on, so the anomaly page cannot describe a threshold that no rule applies.

export type RuleText = { title: string; description: string };

/** The NO_DECISION deadline in whole hours, as the rule's titles and summaries state it. */
export const decisionHours = (config: AnomalyConfig) => Math.round(config.decisionWithinMs / 3_600_000);

/** "LEGAL_PROCESS" → "legal-process", for a sentence. */
const purposeWords = (purposes: readonly string[]) => purposes.map((p) => p.toLowerCase().replaceAll("_", "-")).join(" and ");
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const TEXTS: Record<AnomalyKind, (c: AnomalyConfig) => RuleText> = {
  DENIAL_BURST: (c) => ({
    title: "Bursts of denials",
    description: `${c.burstCount} or more refusals within ${plural(Math.round(c.burstWindowMs / 60_000), "minute")} held against one actor (a staff member, or an email tried at sign-in).`,
  }),
  NO_DECISION: (c) => ({
    title: `Reads with no decision within ${decisionHours(c)} h`,
    description:
      `Content read on a case that was not decided within ${decisionHours(c)} h of the read.` +
      (c.purposesWithoutDecision.length ? ` ${capitalised(purposeWords(c.purposesWithoutDecision))} reads end in a disclosure, not a decision, and are left out.` : ""),
  }),
  VOLUME_SPIKE: (c) => ({
    title: `Daily volume above ${c.volumeRatio}× the reader's baseline`,
    description: `A day with more than ${c.volumeRatio} times the reader's own average of the ${c.baselineDays} days before (at least ${c.volumeMinReads} reads).`,
  }),
  OFF_HOURS: (c) => ({
    title: "Reads outside working hours",
    description: `Content read outside ${formatWorkingHours(c.workingHours)}, set by CUSTODY_WORKING_HOURS.`,
  }),
  PROTECTED_ACCOUNT: () => ({
    title: "Reads of protected accounts",
    description: "Reads revealing a protected account's messages or reading a conversation one takes part in. They need second-person approval; each still deserves a look.",
  }),
  ACCOUNT_ACROSS_CASES: (c) => ({
    title: "One account looked up across unrelated cases",
    description: `One reader reading the same platform account in ${c.acrossCasesMin} or more cases that share no conversation and no appeal.`,
  }),
};

/** The title and description of one rule under `config` (the report's, so env overrides show). */
export function ruleText(kind: AnomalyKind, config: AnomalyConfig): RuleText {
  return TEXTS[kind](config);
}
