import { afterAll, describe, expect, it } from "vitest";
import { canonicalEventText } from "@/lib/log/events/event-leaf";
import { CANONICAL_EVENT_SQL, EVENT_COLUMNS, type EventRow, eventOfRow } from "@/lib/log/events/event-rows";
import { type LogDb, appendEvents, dropTemplate, freshLogDb } from "./audit-log-db";

// The SQL rendering of an event's canonical JSON must be byte for byte the JavaScript one
// (event-leaf.ts), or exports and the live verifier would fall back to the slow path — they
// never trust it blindly, but they are fast only when it agrees.

let d: LogDb;
afterAll(async () => {
  await d?.drop();
  await dropTemplate();
});

const controls = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join("");
const tricky = [
  `quotes " and backslash \\ and slash /`,
  controls,
  "\u007f DEL, \u2028 and \u2029 separators, \u00e9 \u0301 combining, 漢字, emoji 🛡️🔐",
  "trailing space ",
  "",
];

describe("CANONICAL_EVENT_SQL", () => {
  it("renders the same bytes as canonicalEventText for ordinary and hostile events", async () => {
    d = await freshLogDb();
    await appendEvents(d, 2000);
    for (const [i, text] of tricky.entries()) {
      await d.app.query(
        `INSERT INTO access_event (occurred_at, actor_email, actor_roles, action, outcome, account_ids, message_ids, justification, user_agent, request_id, denial_reason)
         VALUES ($1, $2, $3, 'CONTENT_READ', 'DENIED', $4, $5, $6, $7, $8, $9)`,
        [new Date(Date.UTC(2026, 0, 1, 12, 0, 0, i)), text, [text, "REVIEWER"], [text], [], text, text, text, text],
      );
    }
    await d.app.query("INSERT INTO access_event (occurred_at, action, outcome, actor_roles, account_ids, message_ids) VALUES ('2026-03-04 05:06:07.123999+00', 'X', 'FAILED', '{}', '{}', '{}')");
    const details = [
      { operation: "GET /api/v1/audit/export", exportId: "0193", ok: true, n: 42, none: null },
      { z: 1, a: [3, { y: "é", b: tricky[0] }, []], "": {}, B: false, émoji: "🛡️" },
      [1, "two", [null]],
      "just a string",
      7,
    ];
    for (const value of details) {
      await d.app.query("INSERT INTO access_event (action, outcome, actor_roles, account_ids, message_ids, details) VALUES ('AUDIT_EXPORTED', 'ALLOWED', '{}', '{}', '{}', $1)", [JSON.stringify(value)]);
    }
    const rows = await d.app.query<EventRow & { canonical: string | null }>(`SELECT ${EVENT_COLUMNS}, ${CANONICAL_EVENT_SQL} AS canonical FROM access_event e ORDER BY e.seq`);
    for (const row of rows.rows) expect(row.canonical).toBe(canonicalEventText(eventOfRow(row)));
    expect(rows.rows.length).toBeGreaterThan(2000);
  });

  it("may differ only where jsonb keeps a number's spelling (1.0), which the leaf-hash check then catches", async () => {
    await d.app.query("INSERT INTO access_event (action, outcome, actor_roles, account_ids, message_ids, details) VALUES ('AUDIT_EXPORTED', 'ALLOWED', '{}', '{}', '{}', '{\"n\": 1.0}')");
    const row = await d.app.query<EventRow & { canonical: string }>(`SELECT ${EVENT_COLUMNS}, ${CANONICAL_EVENT_SQL} AS canonical FROM access_event e ORDER BY e.seq DESC LIMIT 1`);
    const js = canonicalEventText(eventOfRow(row.rows[0]!));
    expect(js).toContain('"details":{"n":1}');
    expect(row.rows[0]!.canonical).toContain('"details":{"n":1.0}');
  });
});
