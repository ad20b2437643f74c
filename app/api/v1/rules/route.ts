import { createRule } from "@/lib/detection/save-rule";
import { ruleInput } from "@/lib/detection/rule-definition";
import { listRules } from "@/lib/detection/rules";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

export const GET = withOperation("GET /api/v1/rules", {}, async ({ staff }) => json(await listRules(staff)));

export const POST = withOperation("POST /api/v1/rules", { body: ruleInput }, async ({ staff, body, meta }) => json({ rule: await createRule(staff, body, meta) }, { status: 201 }));
