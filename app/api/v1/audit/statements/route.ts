import { z } from "zod";
import { issueAccessStatement } from "@/lib/audit/statements/issue-access-statement";
import { withOperation } from "@/lib/http/with-operation";
import { safeText } from "@/lib/validation/safe-text";

// A "who read my DMs" statement (issue 13 §4, ADR 029) as a JSON download: logged as
// AUDIT_STATEMENT_ISSUED before it is sent; `npm run audit:verify -- --statement` checks it offline.
const body = z.strictObject({ accountId: safeText.trim().min(1).max(200), from: z.string().max(10), to: z.string().max(10) });

export const POST = withOperation("POST /api/v1/audit/statements", { body }, async ({ staff, body, meta }) => {
  const { filename, statement } = await issueAccessStatement(staff, body, meta);
  return new Response(`${JSON.stringify(statement, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
