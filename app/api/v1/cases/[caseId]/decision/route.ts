import { z } from "zod";
import { decideCase } from "@/lib/cases/decide-case";
import { json } from "@/lib/http/handle";
import { caseIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { safeText } from "@/lib/validation/safe-text";

const body = z.object({
  decision: z.enum(["NO_VIOLATION", "WARN", "REMOVE_MESSAGE", "RESTRICT_DMS", "SUSPEND", "ESCALATE"]),
  note: safeText.trim().min(3, "a note of at least 3 characters is required").max(4000),
  // The participant the decision applies to (Custody's account id); left out, the sender of the
  // reported or flagged messages. REMOVE_MESSAGE always removes the reported or flagged messages.
  target: z.strictObject({ accountId: z.uuid("target.accountId must be an account id") }).optional(),
});

export const POST = withOperation("POST /api/v1/cases/{caseId}/decision", { params: { caseId: caseIdParam }, body }, async ({ staff, params, body, meta }) =>
  json({ case: await decideCase(staff, { caseId: params.caseId, decision: body.decision, note: body.note, targetAccountId: body.target?.accountId }, meta) }),
);
