import { z } from "zod";
import { requestGrant } from "@/lib/access/request-grant";
import { json } from "@/lib/http/handle";
import { caseIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { MIN_JUSTIFICATION } from "@/lib/policy/limits";
import { PURPOSES } from "@/lib/policy/purposes";
import { safeText } from "@/lib/validation/safe-text";
import { saneDate } from "@/lib/validation/sane-date";

// Positions (an int4 column) for report/flag/appeal scopes; a time window for EMERGENCY.
const position = z.number().int().min(1).max(2_147_483_647);
const scope = z.union([z.object({ from: position, to: position }).strict(), z.object({ sentFrom: saneDate, sentTo: saneDate }).strict()]);

const body = z.object({
  purpose: z.enum(PURPOSES),
  justification: safeText.trim().min(MIN_JUSTIFICATION, `a justification of at least ${MIN_JUSTIFICATION} characters is required`).max(2000),
  scope: scope.optional(),
});

/** 201 with a live grant, or 202 with a request awaiting second-person approval. */
export const POST = withOperation("POST /api/v1/cases/{caseId}/grants", { params: { caseId: caseIdParam }, body }, async ({ staff, params, body, meta }) => {
  const { status, grant } = await requestGrant(staff, { caseId: params.caseId, ...body }, meta);
  return json({ grant }, { status });
});
