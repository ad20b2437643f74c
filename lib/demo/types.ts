// The plain objects `generateDemoData` returns. They mirror what the platform pushes to the intake
// API (external ids, plaintext text), not database rows: the seed script feeds them through the
// same ingestion code that encrypts, so nothing here ever holds ciphertext or a database id.

import type { Category, Region } from "../dto";

export type DemoAccount = {
  externalId: string;
  handle: string;
  displayName: string;
  isMinor: boolean;
  dataRegion: Region;
  isProtected: boolean;
  protectedKind: ProtectedKind | null;
};

export type ProtectedKind = "journalist" | "official" | "staff";

export type DemoConversation = {
  externalId: string;
  participantExternalIds: string[];
};

export type DemoMessage = {
  externalId: string;
  conversationExternalId: string;
  senderExternalId: string;
  sentAt: Date;
  text: string;
  hasMedia: boolean;
};

export type DemoReport = {
  externalId: string;
  reporterExternalId: string;
  conversationExternalId: string;
  /** 1–3 messages in that conversation, all written by someone other than the reporter. */
  reportedMessageExternalIds: string[];
  category: Category;
  /** The reporter's own words, as typed into the platform's report form. */
  text: string;
  createdAt: Date;
  /** 1 = most urgent. */
  priority: 1 | 2 | 3 | 4;
};

export type DemoData = {
  accounts: DemoAccount[];
  conversations: DemoConversation[];
  /** Sorted by conversation (in `conversations` order), then by `sentAt`. */
  messages: DemoMessage[];
  reports: DemoReport[];
};

export type DemoDataOptions = {
  /** 32-bit seed; the same seed always gives the same data. */
  seed?: number;
  accounts?: number;
  conversations?: number;
  messages?: number;
  reports?: number;
  /** Messages fall in the ~60 days before this instant. Defaults to a fixed date, not "now". */
  start?: Date;
};

export const REPORT_CATEGORIES = [
  "HARASSMENT",
  "THREATS",
  "GROOMING",
  "SCAM",
  "HATE",
  "SELF_HARM",
] as const satisfies readonly Category[];

/** An account plus the facts the text templates need but the platform does not send us. */
export type Person = {
  account: DemoAccount;
  firstName: string;
  lastName: string;
  /** Only meaningful for minors (13–17); a grooming script quotes it back. */
  age: number;
  /** Relative chattiness; a few accounts send most messages, as on any real platform. */
  activity: number;
};
