import type { Region } from "./roles";

// Proactive detection's policy: how a rule's severity becomes a case's priority, and where
// scanning has a legal basis. Pure, so the ingest scan, the admin page and the policy document
// read the same table.

export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Bounds of a rule (lib/detection/rule-definition.ts), shown by the rules page. */
export const RULE_LIMITS = { maxTerms: 200, maxSignals: 8, maxWithinWords: 50, maxWindowDays: 90 } as const;

/** A flag's case priority (1 = most urgent), from the raising rule's severity. */
export const SEVERITY_PRIORITY: Record<Severity, number> = { CRITICAL: 1, HIGH: 2, MEDIUM: 3, LOW: 4 };

/**
 * Whether a data region is scanned before any admin has switched it. The EU's temporary
 * derogation from the ePrivacy Directive for voluntary detection in interpersonal messages
 * (Regulation (EU) 2021/1232, as extended) lapsed in April 2026, so EU scanning starts off and
 * needs an admin's deliberate, logged decision that a basis exists.
 */
export const DETECTION_REGION_DEFAULTS: Record<Region, boolean> = { US: true, EU: false };

export const DETECTION_REGION_NOTES: Record<Region, string> = {
  US: "Voluntary detection in DMs is permitted; on unless an admin switches it off.",
  EU: "Off by default: the EU's temporary derogation for voluntary detection in interpersonal messages lapsed in April 2026. Switch on only with a documented legal basis.",
};

/** Every region's scanning switch: the admin's setting where there is one, else the default. */
export function regionSwitches(settings: readonly { region: Region; enabled: boolean }[]): Record<Region, boolean> {
  const out = { ...DETECTION_REGION_DEFAULTS };
  for (const s of settings) out[s.region] = s.enabled;
  return out;
}

/**
 * Whether a message may be scanned. Conservative for mixed conversations: only when every
 * participant's data region has scanning on — a US user's message to an EU user is not
 * scanned while EU scanning is off, because the EU participant's messages would be read by
 * the detector too. A message with no known participant region is not scanned (fail closed).
 */
export function mayScan(participantRegions: readonly Region[], switches: Record<Region, boolean>): boolean {
  return participantRegions.length > 0 && participantRegions.every((r) => switches[r] === true);
}
