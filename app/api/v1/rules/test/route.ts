import { ruleTestInput } from "@/lib/detection/rule-definition";
import { requireRuleManager } from "@/lib/detection/rules";
import { testRule } from "@/lib/detection/test-rule";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

/** Runs a draft rule over text typed into the rules page, only: the text is answered about and forgotten. */
export const POST = withOperation("POST /api/v1/rules/test", { body: ruleTestInput }, async ({ staff, body }) => {
  requireRuleManager(staff);
  return json({ result: testRule(body.definition, body.text) });
});
