import "server-only";
import type { Sql } from "@/lib/db/tagged";
import { uuidv7 } from "@/lib/ids";
import { SEVERITY_PRIORITY } from "@/lib/policy/detection";
import type { ActiveRule } from "./rule-set";

// A flag opens a PROACTIVE_FLAG case, or joins the conversation's open case (a user report's or
// an earlier flag's) by adding its message to the case's flagged messages — the anchors of the
// PROACTIVE_FLAG scope (flagged ± 5) and, in a report's case, anchors beside the reported ones.
// The case's priority becomes the most urgent of its own and the rules' severities. Legal,
// emergency and appeal cases are never joined: their scope is set by their own request.
// The caller holds the conversations' row locks.

export type NewFlag = { messageId: string; conversationId: string; rule: ActiveRule };

const JOINABLE = ["USER_REPORT", "PROACTIVE_FLAG"] as const;

/** Writes the flags and their cases; returns how many messages got a new flag. */
export async function flagMessages(sql: Sql, flags: readonly NewFlag[]): Promise<number> {
  const byConversation = new Map<string, NewFlag[]>();
  for (const f of flags) byConversation.set(f.conversationId, [...(byConversation.get(f.conversationId) ?? []), f]);
  let flagged = 0;
  for (const [conversationId, list] of byConversation) {
    // A message flagged before by the same rule (a pattern naming an earlier message again) adds nothing.
    const known = await sql<{ messageId: string; ruleId: string }>`
      SELECT message_id AS "messageId", rule_id AS "ruleId" FROM detection_flag
      WHERE conversation_id = ${conversationId}::uuid AND (message_id, rule_id) IN (SELECT * FROM unnest(${list.map((f) => f.messageId)}::uuid[], ${list.map((f) => f.rule.id)}::uuid[]))`;
    const seen = new Set(known.map((k) => `${k.messageId} ${k.ruleId}`));
    const fresh = list.filter((f) => {
      const k = `${f.messageId} ${f.rule.id}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    if (fresh.length === 0) continue;
    const messageIds = [...new Set(fresh.map((f) => f.messageId))];
    const worst = fresh.reduce((a, b) => (SEVERITY_PRIORITY[b.rule.severity] < SEVERITY_PRIORITY[a.rule.severity] ? b : a));
    const priority = SEVERITY_PRIORITY[worst.rule.severity];
    const [open] = await sql<{ id: string; priority: number; flagged: string[] }>`
      SELECT id, priority, flagged_message_ids::text[] AS flagged FROM "case"
      WHERE conversation_id = ${conversationId}::uuid AND basis::text = ANY(${[...JOINABLE]}::text[]) AND status <> 'CLOSED' ORDER BY created_at LIMIT 1`;
    let caseId: string;
    if (open) {
      caseId = open.id;
      await sql`
        UPDATE "case" SET priority = ${Math.min(open.priority, priority)}, flagged_message_ids = ${[...new Set([...open.flagged, ...messageIds])]}::uuid[], updated_at = now()
        WHERE id = ${open.id}::uuid`;
    } else {
      caseId = uuidv7();
      await sql`
        INSERT INTO "case" (id, basis, category, priority, conversation_id, flagged_message_ids, updated_at)
        VALUES (${caseId}::uuid, 'PROACTIVE_FLAG', ${worst.rule.category}::"ReportCategory", ${priority}, ${conversationId}::uuid, ${messageIds}::uuid[], now())`;
    }
    await sql`
      INSERT INTO detection_flag (id, message_id, conversation_id, case_id, rule_id, rule_version)
      SELECT * FROM unnest(${fresh.map(() => uuidv7())}::uuid[], ${fresh.map((f) => f.messageId)}::uuid[], ${fresh.map(() => conversationId)}::uuid[], ${fresh.map(() => caseId)}::uuid[],
        ${fresh.map((f) => f.rule.id)}::uuid[], ${fresh.map((f) => f.rule.version)}::int[])
      ON CONFLICT (message_id, rule_id) DO NOTHING`;
    flagged += messageIds.length;
  }
  return flagged;
}
