import { describe, expect, it } from "vitest";
import { DATA_TYPES, INSTRUMENTS, JURISDICTIONS, allowsHold, decideLegalBasis, type DataType, type Instrument, type Jurisdiction } from "./legal-basis";

// The legal-basis table, exhaustively: instrument × jurisdiction × data type × verified ×
// approved (7 × 3 × 3 × 2 × 2 = 252 cases). The expectation is written out here by hand, cell by
// cell, rather than derived from the table under test: A = account facts, M = metadata,
// C = content, E = emergency (all three, EMERGENCY purpose), H = hold only, - = nothing.
const EXPECTED: Record<Instrument, Record<Jurisdiction, string>> = {
  SUBPOENA: { US: "A", CLOUD_ACT_PARTNER: "-", OTHER_FOREIGN: "-" },
  COURT_ORDER_2703D: { US: "AM", CLOUD_ACT_PARTNER: "AM", OTHER_FOREIGN: "-" },
  SEARCH_WARRANT: { US: "AMC", CLOUD_ACT_PARTNER: "AMC", OTHER_FOREIGN: "-" },
  EMERGENCY_DISCLOSURE: { US: "E", CLOUD_ACT_PARTNER: "E", OTHER_FOREIGN: "E" },
  PRESERVATION: { US: "H", CLOUD_ACT_PARTNER: "H", OTHER_FOREIGN: "H" },
  NON_DISCLOSURE_ORDER: { US: "-", CLOUD_ACT_PARTNER: "-", OTHER_FOREIGN: "-" },
  MLAT: { US: "-", CLOUD_ACT_PARTNER: "AMC", OTHER_FOREIGN: "AMC" },
};
const LETTER: Record<DataType, string> = { ACCOUNT_FACTS: "A", METADATA: "M", CONTENT: "C" };

const cases = INSTRUMENTS.flatMap((instrument) =>
  JURISDICTIONS.flatMap((jurisdiction) =>
    DATA_TYPES.flatMap((dataType) => [false, true].flatMap((verified) => [false, true].map((approved) => ({ instrument, jurisdiction, dataType, verified, approved })))),
  ),
);

describe("legal-basis table", () => {
  it("covers every combination", () => expect(cases).toHaveLength(252));

  it.each(cases)("$instrument from $jurisdiction, $dataType, verified=$verified approved=$approved", (f) => {
    const cell = EXPECTED[f.instrument][f.jurisdiction];
    const decision = decideLegalBasis(f);
    const typeAllowed = cell === "E" || cell.includes(LETTER[f.dataType]);
    if (!typeAllowed) {
      expect(decision).toMatchObject({ allow: false, reason: cell === "H" ? "LEGAL_HOLD_ONLY" : "LEGAL_BASIS" });
    } else if (!f.verified) {
      expect(decision).toMatchObject({ allow: false, reason: "LEGAL_NOT_VERIFIED" });
    } else if (!f.approved) {
      expect(decision).toMatchObject({ allow: false, reason: "LEGAL_NOT_APPROVED" });
    } else {
      expect(decision).toEqual({ allow: true, purpose: cell === "E" ? "EMERGENCY" : "LEGAL_PROCESS", scope: cell === "E" ? "emergency-window" : "named-accounts-in-range" });
    }
  });

  it("content is never disclosed on a subpoena, a 2703(d) order, a preservation request or an NDO", () => {
    for (const instrument of ["SUBPOENA", "COURT_ORDER_2703D", "PRESERVATION", "NON_DISCLOSURE_ORDER"] as const) {
      for (const jurisdiction of JURISDICTIONS) expect(decideLegalBasis({ instrument, jurisdiction, dataType: "CONTENT", verified: true, approved: true }).allow).toBe(false);
    }
  });

  it("a hold may follow from every instrument that discloses, and from a preservation request, never from an NDO alone", () => {
    for (const instrument of INSTRUMENTS) {
      for (const jurisdiction of JURISDICTIONS) {
        const cell = EXPECTED[instrument][jurisdiction];
        expect(allowsHold(instrument, jurisdiction), `${instrument}/${jurisdiction}`).toBe(cell !== "-");
      }
    }
  });
});
