import { LEGAL_BASIS, type Instrument, type Jurisdiction } from "./legal-basis";

// The red flags a request page shows the colleague who verifies it. Forged police emails are
// common (one verification service saw 485 of 1,597 emergency requests fail its second check
// in a year), so each flag names something a forger gets wrong. The flags inform; they do not
// decide: the verifier's independent check does, and records its outcome.

export const RED_FLAGS = {
  FREE_MAIL: "The officer writes from a free-mail address, not an agency one.",
  DOMAIN_MISMATCH: "The sender's domain is not an official government domain.",
  NEW_AGENCY: "No earlier request came from this agency.",
  PRIOR_FAILED: "An earlier request from this sender failed verification.",
  NO_DOCUMENT: "No signed legal document was uploaded.",
  EMERGENCY_WITHOUT_JUSTIFICATION: "An emergency request without a stated imminent danger.",
  UNUSUAL_JURISDICTION: "This instrument has no force from this jurisdiction.",
} as const;

export type RedFlag = keyof typeof RED_FLAGS;

export const FREE_MAIL_DOMAINS = ["gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "aol.com", "icloud.com", "proton.me", "protonmail.com", "gmx.com", "mail.com", "yandex.com"] as const;

/** Suffixes of official government and police domains (a sample: the US, the UK, Canada, Australia, the EU). */
export const OFFICIAL_DOMAIN_SUFFIXES = [".gov", ".mil", ".gov.uk", ".police.uk", ".gc.ca", ".gov.au", ".europa.eu", ".police.nl", ".polizei.de"] as const;

export type RedFlagFacts = {
  officerEmail: string;
  instrument: Instrument;
  jurisdiction: Jurisdiction;
  emergencyJustification: string | null;
  hasDocument: boolean;
  /** Earlier requests (not this one) from the same agency. */
  earlierFromAgency: number;
  /** Earlier requests from the same sender address that failed verification. */
  failedFromSender: number;
};

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).trim().toLowerCase();
}

export function redFlags(f: RedFlagFacts): RedFlag[] {
  const domain = emailDomain(f.officerEmail);
  const flags: RedFlag[] = [];
  const free = (FREE_MAIL_DOMAINS as readonly string[]).includes(domain);
  if (free) flags.push("FREE_MAIL");
  else if (!OFFICIAL_DOMAIN_SUFFIXES.some((s) => domain.endsWith(s))) flags.push("DOMAIN_MISMATCH");
  if (f.earlierFromAgency === 0) flags.push("NEW_AGENCY");
  if (f.failedFromSender > 0) flags.push("PRIOR_FAILED");
  if (!f.hasDocument) flags.push("NO_DOCUMENT");
  if (f.instrument === "EMERGENCY_DISCLOSURE" && !f.emergencyJustification?.trim()) flags.push("EMERGENCY_WITHOUT_JUSTIFICATION");
  const cell = LEGAL_BASIS[f.instrument][f.jurisdiction];
  if (cell.types.length === 0 && !cell.hold && f.instrument !== "NON_DISCLOSURE_ORDER") flags.push("UNUSUAL_JURISDICTION");
  return flags;
}
