import { HOLD_RULES, holdExpiry, type HoldKind } from "@/lib/policy/holds";

// The retention checks an auditor runs offline over an export (audit:verify --retention),
// from the events alone:
//   - no KEY_SHREDDED falls inside an active hold on one of the shredded conversation's
//     participants (a hold is active from its HOLD_PLACED until its latest expiry — renewals
//     extend it — or its HOLD_RELEASED, whichever comes first);
//   - every HOLD_PLACED lasted at least its minimum: no HOLD_RELEASED before the first period ran.
// Run it after the export's integrity check, which proves these events are the log's.

export type RetentionEvent = { seq: string; occurredAt: string; action: string; accountIds: readonly string[]; conversationId?: string | null; details?: unknown };

export type RetentionProblem = { seq: string; kind: "shred-under-hold" | "hold-released-early"; problem: string };

export type RetentionResult = { holds: number; shreds: number; problems: RetentionProblem[] };

type Hold = { seq: string; kind: HoldKind; placedAt: number; until: number; releasedAt: number | null; accountIds: readonly string[] };

const obj = (d: unknown): Record<string, unknown> => (d && typeof d === "object" ? (d as Record<string, unknown>) : {});

export function checkRetention(events: Iterable<RetentionEvent>): RetentionResult {
  const holds = new Map<string, Hold>();
  const shreds: RetentionEvent[] = [];
  const problems: RetentionProblem[] = [];
  const sorted = [...events].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  for (const e of sorted) {
    const d = obj(e.details);
    const holdId = typeof d.holdId === "string" ? d.holdId : null;
    if (e.action === "HOLD_PLACED" && holdId && typeof d.expiresAt === "string" && (d.kind === "PRESERVATION" || d.kind === "NCMEC_REPORT")) {
      holds.set(holdId, { seq: e.seq, kind: d.kind, placedAt: Date.parse(e.occurredAt), until: Date.parse(d.expiresAt), releasedAt: null, accountIds: e.accountIds });
    } else if (e.action === "HOLD_RENEWED" && holdId && typeof d.expiresAt === "string") {
      const h = holds.get(holdId);
      if (h) h.until = Math.max(h.until, Date.parse(d.expiresAt));
    } else if (e.action === "HOLD_RELEASED" && holdId) {
      const h = holds.get(holdId);
      if (!h) continue;
      const at = Date.parse(e.occurredAt);
      h.releasedAt = at;
      const minimum = holdExpiry(h.kind, new Date(h.placedAt)).getTime();
      if (at < minimum) {
        problems.push({ seq: e.seq, kind: "hold-released-early", problem: `hold ${holdId} (${h.kind}, placed at seq ${h.seq}) released ${new Date(at).toISOString()}, before its minimum of ${HOLD_RULES[h.kind].days} days ran (${new Date(minimum).toISOString()})` });
      }
    } else if (e.action === "KEY_SHREDDED") {
      shreds.push(e);
    }
  }
  for (const s of shreds) {
    const at = Date.parse(s.occurredAt);
    for (const [id, h] of holds) {
      const end = Math.min(h.until, h.releasedAt ?? Infinity);
      if (at >= h.placedAt && at < end && s.accountIds.some((a) => h.accountIds.includes(a))) {
        problems.push({ seq: s.seq, kind: "shred-under-hold", problem: `conversation ${s.conversationId ?? "?"} shredded ${s.occurredAt} while hold ${id} (placed at seq ${h.seq}) covered a participant` });
      }
    }
  }
  return { holds: holds.size, shreds: shreds.length, problems };
}
