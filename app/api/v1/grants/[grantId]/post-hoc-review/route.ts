import { z } from "zod";
import { reviewEmergencyAccess } from "@/lib/approvals/review-emergency";
import { json } from "@/lib/http/handle";
import { grantIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { MIN_JUSTIFICATION } from "@/lib/policy/limits";
import { POST_HOC_VERDICTS } from "@/lib/policy/post-hoc-review";
import { safeText } from "@/lib/validation/safe-text";

const body = z.object({
  verdict: z.enum(POST_HOC_VERDICTS, { message: "say whether the emergency access was justified (JUSTIFIED or NOT_JUSTIFIED)" }),
  note: safeText.trim().min(MIN_JUSTIFICATION, `explain the verdict in at least ${MIN_JUSTIFICATION} characters`).max(2000),
});

export const POST = withOperation("POST /api/v1/grants/{grantId}/post-hoc-review", { params: { grantId: grantIdParam }, body }, async ({ staff, params, body, meta }) =>
  json({ review: await reviewEmergencyAccess(staff, { grantId: params.grantId, ...body }, meta) }),
);
