import { updateRule } from "@/lib/detection/save-rule";
import { ruleUpdateInput } from "@/lib/detection/rule-definition";
import { getRule } from "@/lib/detection/rules";
import { json } from "@/lib/http/handle";
import { ruleIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";

export const GET = withOperation("GET /api/v1/rules/{ruleId}", { params: { ruleId: ruleIdParam } }, async ({ staff, params }) => json({ rule: await getRule(staff, params.ruleId) }));

/** The whole rule again, with the version it was edited from: a new version, or 409 if someone saved one since. */
export const PUT = withOperation("PUT /api/v1/rules/{ruleId}", { params: { ruleId: ruleIdParam }, body: ruleUpdateInput }, async ({ staff, params, body, meta }) =>
  json({ rule: await updateRule(staff, params.ruleId, body, meta) }),
);
