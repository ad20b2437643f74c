import { APPROVAL_TRIGGERS } from "./approval-triggers";
import {
  APPROVAL_TTL_HOURS,
  DEFAULT_GRANT_MINUTES,
  DEFAULT_READ_LIMIT_PER_HOUR,
  EMERGENCY_MAX_HOURS,
  EXPANSION_STEP,
  EXTENSION_MINUTES,
  MAX_GRANT_MINUTES,
  MIN_JUSTIFICATION,
  SESSION_IDLE_MINUTES,
  SESSION_MAX_HOURS,
  SIGNATURE_TOLERANCE_MINUTES,
  STEP_UP_MINUTES,
} from "./limits";

// The attribute rules applied on top of the permission table, named so that each operation
// in lib/policy/operations.ts can say which of them it enforces. The text is what the
// generated policy document shows; the numbers come from lib/policy/limits.ts.
export const ATTRIBUTE_RULES = {
  SESSION: `A session ends after ${SESSION_IDLE_MINUTES} idle minutes and after ${SESSION_MAX_HOURS} hours at most; a disabled member's next request is refused and their sessions end.`,
  ROLE_CONFLICT: "A role set holding AUDITOR or ADMIN together with a content role (REVIEWER, LEAD, LEGAL) may do nothing, and cannot be assigned.",
  CASE_VISIBILITY: "Each role sees only the case bases it handles (legal-request cases: LEGAL; the others: REVIEWER and LEAD; emergencies: all three).",
  RESIDENCY: "Every participant's data region must be among the staff member's regions.",
  CONFLICT_OF_INTEREST: "No access to a conversation involving a platform account linked to the staff member.",
  CLAIM: "Open cases may be claimed once; escalated cases only by a lead; an appeal not by the original case's reviewers.",
  ASSIGNMENT: "The case must be open and claimed by or assigned to the staff member.",
  PURPOSE: `The purpose must match the case's basis and the role; a justification of at least ${MIN_JUSTIFICATION} characters is required.`,
  SCOPE: "Only messages inside the grant's scope are revealed; the scope comes from the purpose (see Purposes).",
  GRANT_LIVE: `The reader's own grant must be active and unexpired (default ${DEFAULT_GRANT_MINUTES} min, at most ${MAX_GRANT_MINUTES} min); it ends on expiry, case closure or revocation.`,
  SECOND_PERSON: `Second-person approval when ${Object.values(APPROVAL_TRIGGERS).join("; or ")}. Until then the request is pending (HTTP 202).`,
  APPROVER: "The approver holds an approver role for the purpose, is not the requester, and passes residency and conflict-of-interest for the conversation.",
  APPROVAL_EXPIRY: `A pending request lapses ${APPROVAL_TTL_HOURS} h after it was made; lapsed requests cannot be approved and are logged as GRANT_EXPIRED.`,
  EXPANSION: `Widening is ${EXPANSION_STEP} messages earlier or later per step, needs a fresh justification and the reader's live grant, and needs approval whenever the wider scope would.`,
  EMERGENCY_WINDOW: `An EMERGENCY request names a time window of at most ${EMERGENCY_MAX_HOURS} h.`,
  POST_HOC_REVIEW: "Every approved EMERGENCY grant is reviewed once, after the fact, by a lead or legal specialist who neither held nor approved it and who passes residency and conflict-of-interest for the conversation.",
  STEP_UP: `Reading content needs a TOTP check in this session within the last ${STEP_UP_MINUTES} minutes; codes cannot be replayed.`,
  READ_LIMIT: `At most ${DEFAULT_READ_LIMIT_PER_HOUR} content reads per reader per hour (CUSTODY_READ_LIMIT_PER_HOUR); refusals are logged.`,
  SELF_CHANGE: "Nobody changes their own roles, regions, account links or disabled flag.",
  OWN_EVENTS: "The event channel speaks only of the staff member's own grants and session: someone else's grant id is answered exactly like one that does not exist. It carries no message content, and holding it open does not count as activity for the idle timeout.",
  CASE_SECRECY: "A case that is not the caller's to reach (held by someone else, or outside their bases, regions or conflicts) answers exactly as one that does not exist: 404 CASE_NOT_FOUND. The access log records the true reason.",
  LEGAL_BASIS: "What a legal request may disclose comes from its instrument and jurisdiction (the legal-basis table); a grant under it opens content only where the table allows content, after verification and second-person approval.",
  FOUR_EYES: "A legal request is verified by a LEGAL colleague other than the one who took it in (independent callback, portal or in-person check); a failed verification rejects it. Both outcomes and any refusal are logged.",
  HOLD: "A preservation hold lasts its kind's period (preservation request 90 days, renewable once; NCMEC report one year); placing, renewing and releasing are logged. A hold never grants access; it only stops the retention sweep.",
  CSRF: "Mutations must come from a Custody page: header x-custody-request: 1 and a same-origin Origin.",
  SIGNED: `The platform's own requests, not a person's: signed with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) by one of the active CUSTODY_INTAKE_SECRET secrets, a timestamp within ${SIGNATURE_TOLERANCE_MINUTES} minutes of now, and a webhook-id not accepted before. No staff session and no CSRF check (no cookie is involved); no staff access event.`,
  EXTENSION: `Extending adds ${EXTENSION_MINUTES} minutes to the holder's own live grant per step, needs a fresh justification and step-up, and never reaches past ${MAX_GRANT_MINUTES} min from the grant's start (its approval, or its creation when no approval was needed). Concurrent extensions are serialised on the grant.`,
} as const;

export type RuleId = keyof typeof ATTRIBUTE_RULES;
