import { stepUpIsFresh } from "./content-access";
import { decideLegalBasis, type Instrument, type Jurisdiction } from "./legal-basis";
import { decidePermission } from "./permissions";
import { deny, type PolicyDecision } from "./reasons";
import type { Role } from "./roles";

// Whether a legal request's disclosure package may be built (ADR 028). A package discloses
// content, so it asks the legal-basis table for CONTENT exactly as a grant does: a subpoena or a
// 2703(d) order never reaches it, a preservation request never discloses. On top: the request
// must be APPROVED (four-eyes, ADR 031) — building the package is what moves it to DISCLOSED, so
// a second package is refused — and some second-person-approved access under it must exist (the
// package holds only messages inside approved grants' scopes). Decrypting for a package is a
// content read, so it needs a fresh step-up like the content route.

/** The one status a package can be built in; building it takes APPROVED → DISCLOSED. */
export const PACKAGE_STATUS = "APPROVED";

export type DisclosureFacts = {
  roles: readonly Role[];
  disabled: boolean;
  stepUpAt: Date | null;
  now: Date;
  request: { status: string; instrument: Instrument; jurisdiction: Jurisdiction; verifiedById: string | null };
  /** Grants under the request's cases that a second person approved (active or since ended). */
  approvedGrants: number;
};

export function decideDisclosure(f: DisclosureFacts): PolicyDecision {
  if (f.disabled) return deny("DISABLED");
  const role = decidePermission(f.roles, "legal:disclose");
  if (!role.allow) return role;
  const { request } = f;
  if (request.status === "DISCLOSED") return deny("LEGAL_ALREADY_DISCLOSED");
  if (request.status !== PACKAGE_STATUS) return deny("PACKAGE_NOT_APPROVED", `It is ${request.status.toLowerCase()}.`);
  const basis = decideLegalBasis({ instrument: request.instrument, jurisdiction: request.jurisdiction, dataType: "CONTENT", verified: request.verifiedById !== null, approved: f.approvedGrants > 0 });
  if (!basis.allow) return basis;
  if (!stepUpIsFresh(f.stepUpAt, f.now)) return deny("STEP_UP_REQUIRED");
  return { allow: true };
}

/** Refusals about the request's state rather than the person: answered 409, not 403. */
export const STATE_REFUSALS: readonly string[] = ["LEGAL_ALREADY_DISCLOSED", "PACKAGE_NOT_APPROVED", "DISCLOSURE_EMPTY"];
