import { EMERGENCY_MAX_HOURS } from "./limits";
import type { Purpose } from "./purposes";
import { deny, type PolicyDecision } from "./reasons";

// What a legal instrument allows us to disclose: the legal-basis table, beside the permission
// table. Rows are instruments, columns the data types a request can ask for; each cell says,
// per kind of jurisdiction, whether that type may be disclosed and under which purpose. The
// grant path (grant-request.ts) asks it for CONTENT; the intake form and the request page show
// it; docs/access-policy.md lists it. Simplified from the US Stored Communications Act:
//   - a subpoena reaches basic subscriber facts only (18 U.S.C. 2703(c)(2));
//   - a 2703(d) order adds non-content records (metadata);
//   - content needs a search warrant (2703(b), Carpenter / Warshak practice);
//   - an emergency disclosure request is voluntary disclosure under 2702(b)(8) / (c)(4): any
//     type, from any government, for at most EMERGENCY_MAX_HOURS, with post-hoc review;
//   - a preservation request (2703(f)) allows a hold and no access at all;
//   - a non-disclosure order (2705(b)) restricts notice to the user and discloses nothing;
//   - a foreign request discloses only through MLAT (a US court order under 18 U.S.C. 3512), or
//     directly from a CLOUD Act partner (an executive agreement, 18 U.S.C. 2523).

export const INSTRUMENTS = ["SUBPOENA", "COURT_ORDER_2703D", "SEARCH_WARRANT", "EMERGENCY_DISCLOSURE", "PRESERVATION", "NON_DISCLOSURE_ORDER", "MLAT"] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  SUBPOENA: "Subpoena",
  COURT_ORDER_2703D: "Court order (18 U.S.C. 2703(d))",
  SEARCH_WARRANT: "Search warrant",
  EMERGENCY_DISCLOSURE: "Emergency disclosure request (EDR)",
  PRESERVATION: "Preservation request (2703(f))",
  NON_DISCLOSURE_ORDER: "Non-disclosure order",
  MLAT: "Foreign / MLAT request",
};

/** Who issued it: a US authority, a government with a CLOUD Act executive agreement, or any other foreign one. */
export const JURISDICTIONS = ["US", "CLOUD_ACT_PARTNER", "OTHER_FOREIGN"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const JURISDICTION_LABELS: Record<Jurisdiction, string> = {
  US: "United States (federal or state)",
  CLOUD_ACT_PARTNER: "Foreign, CLOUD Act agreement (e.g. UK, Australia)",
  OTHER_FOREIGN: "Foreign, no agreement",
};

export const DATA_TYPES = ["ACCOUNT_FACTS", "METADATA", "CONTENT"] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const DATA_TYPE_LABELS: Record<DataType, string> = {
  ACCOUNT_FACTS: "Account facts (subscriber information)",
  METADATA: "Metadata (who messaged whom, when)",
  CONTENT: "Content (DM text and media)",
};

/** How a permitted disclosure is scoped: the named accounts' threads in the date range, or an emergency window. */
export type LegalScope = "named-accounts-in-range" | "emergency-window";

type Cell = { types: readonly DataType[]; purpose: Purpose | null; scope: LegalScope | null; hold: boolean };

const NONE: Cell = { types: [], purpose: null, scope: null, hold: false };
const upTo = (types: readonly DataType[]): Cell => ({ types, purpose: "LEGAL_PROCESS", scope: "named-accounts-in-range", hold: true });
const EMERGENCY_CELL: Cell = { types: DATA_TYPES, purpose: "EMERGENCY", scope: "emergency-window", hold: true };

export const LEGAL_BASIS: Record<Instrument, Record<Jurisdiction, Cell>> = {
  SUBPOENA: { US: upTo(["ACCOUNT_FACTS"]), CLOUD_ACT_PARTNER: NONE, OTHER_FOREIGN: NONE },
  COURT_ORDER_2703D: { US: upTo(["ACCOUNT_FACTS", "METADATA"]), CLOUD_ACT_PARTNER: upTo(["ACCOUNT_FACTS", "METADATA"]), OTHER_FOREIGN: NONE },
  SEARCH_WARRANT: { US: upTo(DATA_TYPES), CLOUD_ACT_PARTNER: upTo(DATA_TYPES), OTHER_FOREIGN: NONE },
  EMERGENCY_DISCLOSURE: { US: EMERGENCY_CELL, CLOUD_ACT_PARTNER: EMERGENCY_CELL, OTHER_FOREIGN: EMERGENCY_CELL },
  PRESERVATION: { US: { ...NONE, hold: true }, CLOUD_ACT_PARTNER: { ...NONE, hold: true }, OTHER_FOREIGN: { ...NONE, hold: true } },
  NON_DISCLOSURE_ORDER: { US: NONE, CLOUD_ACT_PARTNER: NONE, OTHER_FOREIGN: NONE },
  MLAT: { US: NONE, CLOUD_ACT_PARTNER: upTo(DATA_TYPES), OTHER_FOREIGN: upTo(DATA_TYPES) },
};

export const LEGAL_BASIS_NOTES: Record<Instrument, string> = {
  SUBPOENA: "basic subscriber facts only (2703(c)(2)); never content",
  COURT_ORDER_2703D: "non-content records; never content",
  SEARCH_WARRANT: "content, within the named accounts and dates",
  EMERGENCY_DISCLOSURE: `voluntary (2702(b)(8)): a window of at most ${EMERGENCY_MAX_HOURS} h, second-person approval, post-hoc review`,
  PRESERVATION: "a hold only (90 days, renewable once); no access",
  NON_DISCLOSURE_ORDER: "defers the user notice; discloses nothing by itself",
  MLAT: "through a US court order (18 U.S.C. 3512); a US authority must use a domestic instrument",
};

export type LegalBasisFacts = { instrument: Instrument; jurisdiction: Jurisdiction; dataType: DataType; verified: boolean; approved: boolean };

export type LegalBasisDecision = PolicyDecision<{ purpose: Purpose; scope: LegalScope }>;

/**
 * Whether a request may lead to disclosing one data type. Order of refusal: the instrument
 * (and its jurisdiction) must allow the type at all; then the request must be verified by a
 * second LEGAL colleague; then the access must be approved by a second person.
 */
export function decideLegalBasis(f: LegalBasisFacts): LegalBasisDecision {
  const cell = LEGAL_BASIS[f.instrument][f.jurisdiction];
  if (cell.purpose === null || cell.scope === null) {
    return deny(cell.hold ? "LEGAL_HOLD_ONLY" : "LEGAL_BASIS", `${INSTRUMENT_LABELS[f.instrument]} from ${JURISDICTION_LABELS[f.jurisdiction]}: ${LEGAL_BASIS_NOTES[f.instrument]}.`);
  }
  if (!cell.types.includes(f.dataType)) {
    return deny("LEGAL_BASIS", `${INSTRUMENT_LABELS[f.instrument]} does not reach ${DATA_TYPE_LABELS[f.dataType].toLowerCase()}: ${LEGAL_BASIS_NOTES[f.instrument]}.`);
  }
  if (!f.verified) return deny("LEGAL_NOT_VERIFIED");
  if (!f.approved) return deny("LEGAL_NOT_APPROVED");
  return { allow: true, purpose: cell.purpose, scope: cell.scope };
}

/** Whether an instrument allows a preservation hold (any instrument that is not a bare NDO). */
export function allowsHold(instrument: Instrument, jurisdiction: Jurisdiction): boolean {
  return LEGAL_BASIS[instrument][jurisdiction].hold;
}

/** The data types an instrument may disclose, for the request page and the intake form. */
export function disclosableTypes(instrument: Instrument, jurisdiction: Jurisdiction): readonly DataType[] {
  return LEGAL_BASIS[instrument][jurisdiction].types;
}
