import { describe, expect, it } from "vitest";
import { redFlags, type RedFlagFacts } from "./legal-red-flags";

const clean: RedFlagFacts = { officerEmail: "j.doe@fbi.gov", instrument: "SEARCH_WARRANT", jurisdiction: "US", emergencyJustification: null, hasDocument: true, earlierFromAgency: 3, failedFromSender: 0 };

describe("legal red flags", () => {
  it("a warrant from an agency address, with its document, from a known agency: no flags", () => expect(redFlags(clean)).toEqual([]));
  it("free mail (and not also a domain mismatch)", () => expect(redFlags({ ...clean, officerEmail: "cop.jones@Gmail.com" })).toEqual(["FREE_MAIL"]));
  it("a look-alike domain", () => expect(redFlags({ ...clean, officerEmail: "a@fbi-gov.us" })).toEqual(["DOMAIN_MISMATCH"]));
  it("UK police is official", () => expect(redFlags({ ...clean, officerEmail: "a@met.police.uk" })).toEqual([]));
  it("a new agency, a sender who failed before, a missing document", () =>
    expect(redFlags({ ...clean, earlierFromAgency: 0, failedFromSender: 2, hasDocument: false })).toEqual(["NEW_AGENCY", "PRIOR_FAILED", "NO_DOCUMENT"]));
  it("an emergency without justification; blank counts as none", () => {
    expect(redFlags({ ...clean, instrument: "EMERGENCY_DISCLOSURE", emergencyJustification: "  " })).toEqual(["EMERGENCY_WITHOUT_JUSTIFICATION"]);
    expect(redFlags({ ...clean, instrument: "EMERGENCY_DISCLOSURE", emergencyJustification: "Kidnapping in progress" })).toEqual([]);
  });
  it("a domestic instrument from a foreign authority, or an MLAT from a US one", () => {
    expect(redFlags({ ...clean, jurisdiction: "OTHER_FOREIGN" })).toEqual(["UNUSUAL_JURISDICTION"]);
    expect(redFlags({ ...clean, instrument: "MLAT" })).toEqual(["UNUSUAL_JURISDICTION"]);
    expect(redFlags({ ...clean, instrument: "MLAT", jurisdiction: "OTHER_FOREIGN" })).toEqual([]);
  });
});
