import type { RedFlag } from "@/lib/policy/legal-red-flags";

export const STATUS_LABEL: Record<string, string> = {
  RECEIVED: "Received, awaiting verification",
  VERIFIED: "Verified",
  APPROVED: "Approved",
  DISCLOSED: "Disclosed",
  REJECTED: "Failed verification",
  CLOSED: "Closed",
  VERIFYING: "Being verified",
};

export const METHOD_LABEL: Record<string, string> = {
  CALLBACK: "Independent callback (number found independently)",
  PORTAL: "Agency law-enforcement portal check",
  IN_PERSON: "In-person check",
};

export const FLAG_LABEL: Record<RedFlag, string> = {
  FREE_MAIL: "Free-mail sender",
  DOMAIN_MISMATCH: "Unofficial domain",
  NEW_AGENCY: "New agency",
  PRIOR_FAILED: "Sender failed before",
  NO_DOCUMENT: "No signed document",
  EMERGENCY_WITHOUT_JUSTIFICATION: "Emergency without justification",
  UNUSUAL_JURISDICTION: "Unusual jurisdiction",
};
