import type { Action, DecisionWebhook, Region } from "./wire";

// The platform's own state: its accounts, conversations and what Custody decided about them.
// Messages are kept as ids and a marker of what kind of line was sent, never their text (the
// simulator forgets a DM as soon as it is sent, and prints none). A decision is applied once,
// by decision id, so Custody's at-least-once delivery is harmless here too.

export type AccountStatus = "active" | "warned" | "restricted" | "suspended";
export type SimAccount = { id: string; handle: string; displayName: string; dataRegion: Region; minor: boolean; status: AccountStatus };
export type LineKind = "everyday" | "hostile" | "grooming";
export type SimMessage = { id: string; senderId: string; kind: LineKind; removed: boolean };
/** `scripted`: made by an action or script, which alone writes in it (automatic traffic stays out). */
export type SimConversation = { id: string; participantIds: string[]; messages: SimMessage[]; scripted: boolean };

export type ReceivedDecision = {
  decisionId: string;
  webhookId: string;
  caseId: string;
  caseNumber: number;
  action: Action;
  basis: string;
  targetAccountId: string;
  verified: true;
  applied: string;
  deliveries: number;
  receivedAt: string;
};
export type RefusedDelivery = { webhookId: string | null; reason: string; at: string };
export type FiledReport = { id: string; conversationId: string; reporterId: string; messageIds: string[]; caseId: string | null; newCase: boolean | null; error: string | null };
export type FiledAppeal = { id: string; decisionId: string; appellantId: string; caseId: string | null; error: string | null };

export type Counts = {
  accountsPushed: number;
  messagesSent: number;
  messagesFlagged: number;
  messagesHeld: number;
  reportsFiled: number;
  appealsFiled: number;
  decisionsReceived: number;
  duplicateDeliveries: number;
  refusedDeliveries: number;
  /** Deliveries answered 503 during a simulated outage (POST /actions/outage). */
  outageRefusals: number;
  intakeErrors: number;
};

const STATUS_OF: Partial<Record<Action, AccountStatus>> = { WARN: "warned", RESTRICT_DMS: "restricted", SUSPEND: "suspended" };
const RANK: Record<AccountStatus, number> = { active: 0, warned: 1, restricted: 2, suspended: 3 };

export class World {
  readonly accounts = new Map<string, SimAccount>();
  readonly conversations = new Map<string, SimConversation>();
  readonly decisions = new Map<string, ReceivedDecision>();
  readonly refused: RefusedDelivery[] = [];
  readonly reports: FiledReport[] = [];
  readonly appeals: FiledAppeal[] = [];
  readonly counts: Counts = { accountsPushed: 0, messagesSent: 0, messagesFlagged: 0, messagesHeld: 0, reportsFiled: 0, appealsFiled: 0, decisionsReceived: 0, duplicateDeliveries: 0, refusedDeliveries: 0, outageRefusals: 0, intakeErrors: 0 };
  #next = 0;

  constructor(readonly prefix: string) {}

  /** A fresh platform id, unique across simulator runs by the run prefix. */
  nextId(kind: string): string {
    this.#next += 1;
    return `${this.prefix}_${kind}${this.#next}`;
  }

  addAccount(a: Omit<SimAccount, "status">): SimAccount {
    const account = { ...a, status: "active" as const };
    this.accounts.set(a.id, account);
    return account;
  }

  addConversation(participantIds: string[], opts: { scripted?: boolean } = {}): SimConversation {
    const conv = { id: this.nextId("c"), participantIds, messages: [], scripted: opts.scripted ?? false };
    this.conversations.set(conv.id, conv);
    return conv;
  }

  /** A suspended or DM-restricted account sends nothing more; a warned one still may. */
  canSend(accountId: string): boolean {
    const a = this.accounts.get(accountId);
    return a !== undefined && (a.status === "active" || a.status === "warned");
  }

  /**
   * Applies a verified decision to the platform's state, once per decision id (a repeat is
   * counted and answered, not re-applied). Returns the entry and whether it was new.
   */
  applyDecision(webhookId: string, d: DecisionWebhook["data"], now: Date = new Date()): { entry: ReceivedDecision; repeat: boolean } {
    const seen = this.decisions.get(d.decisionId);
    if (seen) {
      seen.deliveries += 1;
      this.counts.duplicateDeliveries += 1;
      return { entry: seen, repeat: true };
    }
    const account = this.accounts.get(d.target.accountId);
    let applied: string;
    if (!account) applied = "not one of this simulator's accounts: recorded, nothing to apply";
    else if (d.action === "REMOVE_MESSAGE") {
      const ids = new Set(d.target.messageIds);
      let removed = 0;
      for (const c of this.conversations.values())
        for (const m of c.messages)
          if (ids.has(m.id) && !m.removed) {
            m.removed = true;
            removed += 1;
          }
      applied = `removed ${removed} message${removed === 1 ? "" : "s"}`;
    } else {
      const next = STATUS_OF[d.action];
      // A milder decision never lifts a stronger one (a warning after a suspension leaves it suspended).
      if (next && RANK[next] > RANK[account.status]) account.status = next;
      applied = next ? `account ${account.status}` : "no action";
    }
    const entry: ReceivedDecision = {
      decisionId: d.decisionId,
      webhookId,
      caseId: d.caseId,
      caseNumber: d.caseNumber,
      action: d.action,
      basis: d.ground.basis,
      targetAccountId: d.target.accountId,
      verified: true,
      applied,
      deliveries: 1,
      receivedAt: now.toISOString(),
    };
    this.decisions.set(d.decisionId, entry);
    this.counts.decisionsReceived += 1;
    return { entry, repeat: false };
  }

  refuse(webhookId: string | null, reason: string, now: Date = new Date()): void {
    this.refused.push({ webhookId, reason, at: now.toISOString() });
    if (this.refused.length > 200) this.refused.shift();
    this.counts.refusedDeliveries += 1;
  }

  /** A restricting decision on one of our accounts that has not been appealed yet. */
  appealable(): ReceivedDecision | undefined {
    const appealed = new Set(this.appeals.map((a) => a.decisionId));
    return [...this.decisions.values()].find((d) => ["SUSPEND", "RESTRICT_DMS", "REMOVE_MESSAGE"].includes(d.action) && this.accounts.has(d.targetAccountId) && !appealed.has(d.decisionId));
  }

  /** The JSON of GET /state: statuses, decisions, counts. Ids only, never message text. */
  snapshot(extra: Record<string, unknown> = {}) {
    return {
      ...extra,
      counts: this.counts,
      accounts: [...this.accounts.values()].map(({ id, handle, dataRegion, minor, status }) => ({ id, handle, dataRegion, minor, status })),
      conversations: [...this.conversations.values()].map((c) => ({ id: c.id, participantIds: c.participantIds, messages: c.messages.length, removed: c.messages.filter((m) => m.removed).length })),
      decisions: [...this.decisions.values()],
      refusedDeliveries: this.refused,
      reports: this.reports,
      appeals: this.appeals,
    };
  }
}
