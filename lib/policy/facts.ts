import type { CaseStatus, GrantStatus } from "./enums";
import type { Instrument, Jurisdiction } from "./legal-basis";
import type { Basis, Purpose, Scope } from "./purposes";
import type { Region, Role } from "./roles";

// The facts a decision needs, loaded by lib/ from the database and passed in, so every
// decision is a pure function and the whole matrix is testable without a database.

export type StaffFacts = {
  id: string;
  roles: readonly Role[];
  regions: readonly Region[];
  disabled: boolean;
  /** Platform accounts linked to this staff member (own accounts, declared relations). */
  linkedAccountIds: readonly string[];
};

export type ParticipantFacts = { accountId: string; dataRegion: Region; isProtected: boolean };

/** What residency, conflict of interest and assignment need: no more, so the hot read path loads little. */
export type ConversationFacts = {
  status: CaseStatus;
  assigneeId: string | null;
  participants: readonly { accountId: string; dataRegion: Region }[];
};

export type CaseFacts = {
  basis: Basis;
  status: CaseStatus;
  assigneeId: string | null;
  participants: readonly ParticipantFacts[];
  messageCount: number;
  /** Positions of the reported (USER_REPORT) or flagged (PROACTIVE_FLAG) messages. */
  anchors: readonly number[];
  /** APPEAL: who reviewed the original case, and its anchors. */
  appealOf?: { reviewerIds: readonly string[]; anchors: readonly number[] } | null;
  /** LEGAL_REQUEST: verification, named accounts, the positions inside its date range, and the instrument that decides what it may disclose. */
  legal?: { verifiedById: string | null; namedAccountIds: readonly string[]; range: Scope | null; instrument: Instrument; jurisdiction: Jurisdiction } | null;
};

export type GrantFacts = {
  staffId: string;
  purpose: Purpose;
  status: GrantStatus;
  expiresAt: Date;
  scopeFrom: number;
  scopeTo: number;
};
