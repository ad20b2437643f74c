import type { Decision } from "@/lib/dto";

// The per-staff event channel (GET /api/v1/me/events, ADR 008): what the server tells one
// signed-in staff member about their own grants and session while a page is open. Shared by
// the server and the browser, so no server-only imports here. Never message content: ids,
// times, who and why.

/** How often each server process checks the grants and sessions of everyone connected to it. */
export const EVENT_TICK_MS = 2_000;
/** Without a word from the channel for this long, the browser treats it as lost (and fails closed). */
export const CHANNEL_LOST_AFTER_MS = 8_000;
/** The browser's reconnect delay, sent as the stream's `retry:` field. */
export const CHANNEL_RETRY_MS = 2_000;
/** At most this many grant ids watched per stream (`?grant=`), and streams per staff member per process. */
export const MAX_WATCHED_GRANTS = 5;
export const MAX_STREAMS_PER_STAFF = 8;

/** Why a grant no longer opens content. */
export type GrantEndCause = "revoked" | "expired" | "case-closed" | "case-escalated" | "holder-disabled" | "superseded" | "lapsed" | "rejected" | "pending" | "ended";

export type GrantEnd = {
  grantId: string;
  caseId: string;
  cause: GrantEndCause;
  /** When it ended (ISO); for an expiry, the expiry time. */
  endedAt: string | null;
  /** The email of whoever ended it: the revoking lead, the staff member who decided the case. */
  endedBy: string | null;
  /** The revoking lead's reason; null for the other causes. */
  reason: string | null;
  /** The case decision, when the case was decided. */
  decision: Decision | null;
};

/** A watched grant's state: live (with its expiry), ended (why), or not one of the caller's grants. */
export type GrantState = { grantId: string; state: "live"; caseId: string; expiresAt: string } | ({ state: "ended" } & GrantEnd) | { grantId: string; state: "not-found" };

/** Why the server closed the channel: the session ended, so nothing more will be said on it. */
export type SessionEnd = { reason: "SESSION_ENDED" | "SESSION_IDLE" | "SESSION_MAX_AGE" | "DISABLED" };

/** A watched grant's expiry moved (an extension, possibly from another tab), or it became live on approval. */
export type GrantLive = { grantId: string; caseId: string; expiresAt: string };
/** A watched pending request was refused, with the approver's note. */
export type GrantRejected = { grantId: string; caseId: string; reason: string | null };

/** A live grant is announced as about to expire once, when this many minutes or fewer are left (ADR 030). */
export const EXPIRING_NOTICE_MINUTES = 5;

export type StaffEvent =
  | { type: "ready"; data: { grants: GrantState[] } }
  | { type: "ping"; data: { at: string } }
  | { type: "grant-ended"; data: GrantEnd }
  | { type: "session-ended"; data: SessionEnd }
  | { type: "grant-extended"; data: GrantLive }
  | { type: "grant-expiring"; data: GrantLive }
  | { type: "grant-approved"; data: GrantLive }
  | { type: "grant-rejected"; data: GrantRejected };

export type StaffEventType = StaffEvent["type"];

export const STAFF_EVENT_TYPES: readonly StaffEventType[] = ["ready", "ping", "grant-ended", "session-ended", "grant-extended", "grant-expiring", "grant-approved", "grant-rejected"];
