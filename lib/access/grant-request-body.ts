import { z } from "zod";
import { MIN_JUSTIFICATION } from "@/lib/policy/limits";
import { PURPOSES } from "@/lib/policy/purposes";
import { safeText } from "@/lib/validation/safe-text";
import { saneDate } from "@/lib/validation/sane-date";

// The body of POST /api/v1/cases/{caseId}/grants, also rendered into the OpenAPI document.
// Positions (an int4 column) for report/flag/appeal scopes; a time window for EMERGENCY.
const position = z.number().int().min(1).max(2_147_483_647);
const scope = z.union([z.object({ from: position, to: position }).strict(), z.object({ sentFrom: saneDate, sentTo: saneDate }).strict()]);

export const grantRequestBody = z.object({
  purpose: z.enum(PURPOSES),
  justification: safeText.trim().min(MIN_JUSTIFICATION, `a justification of at least ${MIN_JUSTIFICATION} characters is required`).max(2000),
  scope: scope.optional(),
});
