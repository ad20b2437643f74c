import { describe, expect, it } from "vitest";
import { eventInsert } from "./record-event";

// The raw insert is derived from event-columns.ts; this pins what the content route and the
// sealer's alarm splice into their statements.

describe("eventInsert", () => {
  const e = { actor: { id: "0b6f2a0e-8d0f-4c2e-9a43-5f1d2b8c7e11", email: "r@custody.test", roles: ["REVIEWER"] }, action: "CONTENT_READ", outcome: "ALLOWED", caseId: "7c1e3a52-1111-4d8e-8f00-aaaaaaaaaaaa" } as const;

  it("binds every column but seq and occurred_at, each cast to its declared type", () => {
    const { columns, values, params } = eventInsert(e);
    expect(columns).toBe(
      "actor_id, actor_email, actor_roles, action, outcome, denial_reason, case_id, conversation_id, account_ids, message_ids, purpose, justification, grant_id, request_id, ip_hmac, user_agent, details",
    );
    expect(values).toBe(
      '$1::uuid, $2::text, $3::text[], $4::text, $5::"EventOutcome", $6::text, $7::uuid, $8::uuid, $9::text[], $10::text[], $11::text, $12::text, $13::uuid, $14::text, $15::text, $16::text, $17::jsonb',
    );
    expect(params).toEqual([e.actor.id, e.actor.email, ["REVIEWER"], "CONTENT_READ", "ALLOWED", null, e.caseId, null, [], [], null, null, null, null, null, null, null]);
  });

  it("puts a computed expression in a column's place and numbers the rest after it", () => {
    const { values, params } = eventInsert({ ...e, details: { requestedCaseId: "x" } }, { message_ids: "(SELECT ids FROM revealed)", actor_id: "$99" });
    expect(values.split(", ")[0]).toBe("$99");
    expect(values.split(", ")[9]).toBe("(SELECT ids FROM revealed)");
    expect(values.split(", ").at(-1)).toBe("$15::jsonb");
    expect(params).toHaveLength(15);
    expect(params.at(-1)).toBe('{"requestedCaseId":"x"}');
  });
});
