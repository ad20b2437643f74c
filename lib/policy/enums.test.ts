import { describe, expect, it } from "vitest";
import * as db from "@/lib/generated/prisma/enums";
import { CASE_STATUSES, CATEGORIES, DECISIONS, GRANT_STATUSES, OUTCOMES } from "./enums";
import { SEVERITIES } from "./detection";
import { HOLD_KINDS } from "./holds";
import { INSTRUMENTS, JURISDICTIONS } from "./legal-basis";
import { POST_HOC_VERDICTS } from "./post-hoc-review";
import { BASES, PURPOSES } from "./purposes";
import { REGIONS, ROLES } from "./roles";

// The policy's enums are what the UI and the API validate against; the database enums are what
// a row may hold. A value added to one and not the other would be refused by one side only.
const pairs: [string, readonly string[], Record<string, string>][] = [
  ["ROLES / StaffRole", ROLES, db.StaffRole],
  ["REGIONS / DataRegion", REGIONS, db.DataRegion],
  ["CATEGORIES / ReportCategory", CATEGORIES, db.ReportCategory],
  ["BASES / CaseBasis", BASES, db.CaseBasis],
  ["CASE_STATUSES / CaseStatus", CASE_STATUSES, db.CaseStatus],
  ["DECISIONS / CaseDecision", DECISIONS, db.CaseDecision],
  ["PURPOSES / Purpose", PURPOSES, db.Purpose],
  ["GRANT_STATUSES / GrantStatus", GRANT_STATUSES, db.GrantStatus],
  ["POST_HOC_VERDICTS / PostHocVerdict", POST_HOC_VERDICTS, db.PostHocVerdict],
  ["OUTCOMES / EventOutcome", OUTCOMES, db.EventOutcome],
  ["SEVERITIES / DetectionSeverity", SEVERITIES, db.DetectionSeverity],
  ["INSTRUMENTS / LegalInstrument", INSTRUMENTS, db.LegalInstrument],
  ["JURISDICTIONS / LegalJurisdiction", JURISDICTIONS, db.LegalJurisdiction],
  ["HOLD_KINDS / HoldKind", HOLD_KINDS, db.HoldKind],
];

describe("lib/policy enums and prisma/schema.prisma", () => {
  it.each(pairs)("%s hold the same values", (_, policy, schema) => {
    expect([...policy].sort()).toEqual(Object.values(schema).sort());
  });
});
