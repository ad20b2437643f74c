import "server-only";
import type { Sql } from "@/lib/db/tagged";
import { mayScan, regionSwitches } from "@/lib/policy/detection";
import { flagMessages, type NewFlag } from "./flag-case";
import { activeRuleSet, readDetectionState, type ActiveRule } from "./rule-set";
import { applySightings, type Sighting, type SignalState } from "./signals";

// Proactive detection at ingest: called inside the intake transaction once the batch's rows are
// built, with the plaintext still in memory. It is the only place detection sees text, and it
// keeps none of it: a hit becomes a flag (message id, rule id, rule version) that opens a
// PROACTIVE_FLAG case or joins the conversation's open case; a conversation signal becomes a
// counter and a timestamp. Messages of a region whose scanning is off are not looked at at all.
// Whatever it writes commits or rolls back with the batch.

/**
 * One message of the batch as the intake built its row: Custody's own ids (uuids), not the
 * platform's; `sentAt` drives the signal windows; `participantRegions` are the data regions of
 * every participant of the conversation (the scan needs each of them switched on). The rows
 * may be inserted before or after this call, in the same transaction.
 */
export type IngestedMessage = {
  id: string;
  conversationId: string;
  position: number;
  senderId: string;
  sentAt: Date;
  text: string;
  participantRegions: readonly ("US" | "EU")[];
};

export async function scanIngested(sql: Sql, messages: readonly IngestedMessage[]): Promise<{ flagged: number }> {
  if (messages.length === 0) return { flagged: 0 };
  const state = await readDetectionState(sql);
  const switches = regionSwitches(state.regions);
  const scanned = messages.filter((m) => mayScan(m.participantRegions, switches));
  if (scanned.length === 0 || state.version === 0) return { flagged: 0 };
  const set = await activeRuleSet(sql, state.version);
  if (set.rules.length === 0) return { flagged: 0 };

  const flags: NewFlag[] = [];
  // Signal sightings by conversation and rule: "conversationId ruleIndex" → sightings.
  const sightings = new Map<string, { conversationId: string; rule: ActiveRule; list: Sighting[] }>();
  for (const m of scanned) {
    for (const hit of set.matcher.scan(m.text)) {
      const rule = set.rules[hit.rule]!;
      if (hit.signal === null) {
        flags.push({ messageId: m.id, conversationId: m.conversationId, rule });
        continue;
      }
      const key = `${m.conversationId} ${hit.rule}`;
      let entry = sightings.get(key);
      if (!entry) sightings.set(key, (entry = { conversationId: m.conversationId, rule, list: [] }));
      entry.list.push({ signal: hit.signal, at: m.sentAt, messageId: m.id });
    }
  }
  if (flags.length === 0 && sightings.size === 0) return { flagged: 0 };

  // One conversation's flags, signals and case are decided by one batch at a time: the caller
  // (ingestMessages) holds the row locks of every conversation of the batch, taken in id order,
  // and a report on a conversation takes the same lock.
  for (const { conversationId, rule, list } of sightings.values()) {
    if (rule.definition.kind !== "signals") continue;
    const rows = await sql<SignalState>`
      SELECT signal, hits, first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt", last_message_id AS "lastMessageId"
      FROM detection_signal_state WHERE conversation_id = ${conversationId}::uuid AND rule_id = ${rule.id}::uuid AND rule_version = ${rule.version}`;
    const result = applySightings(rows, list, rule.definition);
    await sql`DELETE FROM detection_signal_state WHERE conversation_id = ${conversationId}::uuid AND rule_id = ${rule.id}::uuid AND rule_version = ${rule.version}`;
    if (result.state.length) {
      const st = result.state;
      await sql`
        INSERT INTO detection_signal_state (conversation_id, rule_id, rule_version, signal, hits, first_seen_at, last_seen_at, last_message_id)
        SELECT ${conversationId}::uuid, ${rule.id}::uuid, ${rule.version}, * FROM unnest(${st.map((x) => x.signal)}::smallint[], ${st.map((x) => x.hits)}::int[],
          ${st.map((x) => x.firstSeenAt)}::timestamptz[], ${st.map((x) => x.lastSeenAt)}::timestamptz[], ${st.map((x) => x.lastMessageId)}::uuid[])`;
    }
    for (const f of result.fired) for (const messageId of f.messageIds) flags.push({ messageId, conversationId, rule });
  }
  return { flagged: await flagMessages(sql, flags) };
}
