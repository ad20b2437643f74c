import "server-only";
import { decideSession } from "@/lib/policy/session";
import { grantState, type GrantWatchRow } from "./grant-state";
import { EVENT_TICK_MS, EXPIRING_NOTICE_MINUTES, MAX_STREAMS_PER_STAFF, type GrantEnd, type GrantState, type SessionEnd, type StaffEvent } from "./staff-event";
import { loadWatchedGrants, loadWatchedSessions, type SessionWatchRow } from "./watch-queries";

// One hub per server process. Every open stream registers here; while any is open, the hub
// reads the grants and sessions of everyone connected, in two statements per tick, and tells
// each stream what changed for its own staff member. The database is the only shared state,
// so any number of processes and nodes each watch their own streams (ADR 008), and every way
// a grant ends (revocation, expiry, a decision, disabling, a newer grant) is seen without the
// code that ends it having to announce anything. The same comparison of one tick with the
// last finds the other grant news (ADR 030): an expiry that moved (an extension), a live grant
// near its end, and a named pending request approved or refused.

/** A live grant this stream follows: its case, the expiry last told, whether "expiring" was said. */
type Watched = { caseId: string; expiresAt: number; warned: boolean };

type Subscriber = {
  staffId: string;
  sessionId: string;
  /** Grants this stream reports the end of: the member's live grants, seen at subscribe or on a tick. */
  watched: Map<string, Watched>;
  /** Named pending requests (id → case) whose approval or refusal this stream reports. */
  pending: Map<string, string>;
  send: (event: StaffEvent) => void;
  close: () => void;
};

export type Subscription = { ready: GrantState[]; unsubscribe: () => void };

const grantEnd = ({ grantId, caseId, cause, endedAt, endedBy, reason, decision }: GrantEnd): GrantEnd => ({ grantId, caseId, cause, endedAt, endedBy, reason, decision });

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

function sessionEnd(row: SessionWatchRow | undefined, now: Date): SessionEnd | null {
  if (!row) return { reason: "SESSION_ENDED" };
  if (row.disabled) return { reason: "DISABLED" };
  const decision = decideSession(row, now);
  if (decision.allow) return null;
  return { reason: decision.reason === "SESSION_IDLE" || decision.reason === "SESSION_MAX_AGE" ? decision.reason : "SESSION_ENDED" };
}

export class StaffEventHub {
  private readonly subscribers = new Set<Subscriber>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly tickMs = EVENT_TICK_MS) {}

  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Registers a stream for one staff member's session. `watch` names grants the caller shows
   * (an open thread's grant); the answer says for each whether it is live, ended (and why), or
   * not found, which is also the answer for someone else's grant. Null when the member already
   * has as many streams open on this process as allowed.
   */
  async subscribe(input: { staffId: string; sessionId: string; watch: readonly string[] }, send: Subscriber["send"], close: Subscriber["close"]): Promise<Subscription | null> {
    if ([...this.subscribers].filter((s) => s.staffId === input.staffId).length >= MAX_STREAMS_PER_STAFF) return null;
    const now = new Date();
    const rows = byId(await loadWatchedGrants([input.staffId], input.watch));
    const states = [...rows.values()].map((row) => grantState(row, now));
    const live = states.flatMap((s) => (s.state === "live" ? [[s.grantId, { caseId: s.caseId, expiresAt: Date.parse(s.expiresAt), warned: false }] as const] : []));
    const pending = states.flatMap((s) => (s.state === "ended" && s.cause === "pending" && input.watch.includes(s.grantId) ? [[s.grantId, s.caseId] as const] : []));
    const sub: Subscriber = { ...input, watched: new Map(live), pending: new Map(pending), send, close };
    this.subscribers.add(sub);
    this.schedule();
    const ready = input.watch.map((id): GrantState => states.find((s) => s.grantId === id) ?? { grantId: id, state: "not-found" });
    return { ready, unsubscribe: () => this.subscribers.delete(sub) };
  }

  private schedule() {
    if (this.timer !== null || this.subscribers.size === 0) return;
    this.timer = setTimeout(() => void this.tick(), this.tickMs);
    // A stream left open must not keep a process (or a test run) alive.
    this.timer.unref?.();
  }

  /** One round for every stream: two statements, then each stream's news. Exposed for tests. */
  async tick(): Promise<void> {
    this.timer = null;
    const subs = [...this.subscribers];
    try {
      if (subs.length === 0) return;
      const staffIds = [...new Set(subs.map((s) => s.staffId))];
      const tracked = [...new Set(subs.flatMap((s) => [...s.watched.keys(), ...s.pending.keys()]))];
      const [grants, sessions] = await Promise.all([loadWatchedGrants(staffIds, tracked), loadWatchedSessions([...new Set(subs.map((s) => s.sessionId))])]);
      const now = new Date();
      const grantsOf = new Map<string, GrantWatchRow[]>();
      for (const g of grants) grantsOf.set(g.staffId, [...(grantsOf.get(g.staffId) ?? []), g]);
      const sessionById = byId(sessions);
      for (const sub of subs) {
        if (!this.subscribers.has(sub)) continue;
        this.report(sub, grantsOf.get(sub.staffId) ?? [], now);
        const ended = sessionEnd(sessionById.get(sub.sessionId), now);
        if (ended) {
          sub.send({ type: "session-ended", data: ended });
          this.subscribers.delete(sub);
          sub.close();
        } else {
          sub.send({ type: "ping", data: { at: now.toISOString() } });
        }
      }
    } catch (err) {
      // No ping goes out this round, so browsers that hear nothing for a while fail closed.
      console.error("event channel tick failed:", err instanceof Error ? err.message : err);
    } finally {
      this.schedule();
    }
  }

  private report(sub: Subscriber, rows: GrantWatchRow[], now: Date) {
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      const state = grantState(row, now);
      if (state.state === "live") this.reportLive(sub, row, now);
      else if (state.state === "ended" && sub.pending.has(row.id)) {
        // Still waiting for a second person: nothing to say yet.
        if (state.cause === "pending") continue;
        sub.pending.delete(row.id);
        if (state.cause === "rejected") sub.send({ type: "grant-rejected", data: { grantId: row.id, caseId: row.caseId, reason: row.reviewNote } });
        else sub.send({ type: "grant-ended", data: grantEnd(state) });
      } else if (state.state === "ended" && sub.watched.delete(row.id)) sub.send({ type: "grant-ended", data: grantEnd(state) });
    }
    // Grant rows are never deleted; should one vanish, its holder still hears that it ended.
    for (const [grantId, { caseId }] of [...sub.watched].filter(([g]) => !seen.has(g))) {
      sub.watched.delete(grantId);
      sub.send({ type: "grant-ended", data: { grantId, caseId, cause: "ended", endedAt: null, endedBy: null, reason: null, decision: null } });
    }
  }

  private reportLive(sub: Subscriber, row: GrantWatchRow, now: Date) {
    const expiresAt = row.expiresAt.getTime();
    const live = { grantId: row.id, caseId: row.caseId, expiresAt: row.expiresAt.toISOString() };
    const known = sub.watched.get(row.id);
    const watched: Watched = known ?? { caseId: row.caseId, expiresAt, warned: false };
    if (sub.pending.delete(row.id)) sub.send({ type: "grant-approved", data: live });
    else if (known && known.expiresAt !== expiresAt) {
      sub.send({ type: "grant-extended", data: live });
      watched.warned = false;
    }
    watched.expiresAt = expiresAt;
    if (!watched.warned && expiresAt - now.getTime() <= EXPIRING_NOTICE_MINUTES * 60_000) {
      watched.warned = true;
      sub.send({ type: "grant-expiring", data: live });
    }
    sub.watched.set(row.id, watched);
  }
}

const globalForHub = globalThis as unknown as { custodyEventHub?: StaffEventHub };

/** This process's hub. */
export function staffEventHub(): StaffEventHub {
  globalForHub.custodyEventHub ??= new StaffEventHub();
  return globalForHub.custodyEventHub;
}
