import "server-only";
import { getDb } from "@/lib/db";
import { UUID_RE } from "@/lib/ids";
import type { AuditFilters } from "./search-filters";

// Auditors type what they know — an email, a handle, "#1042" — but the log stores ids. These
// lookups turn the human forms into the ids the indexes are on, against the small staff, case
// and account tables, so the search of the large log stays an equality on an indexed column.

export type ResolvedFilters = Omit<AuditFilters, "actor" | "case" | "account" | "cursor" | "limit"> & {
  actorIds?: string[];
  caseId?: string;
  accountId?: string;
};

/** Resolved filters, or `unmatched` naming the filter that matches nothing (the result is empty). */
export type Resolution = { filters: ResolvedFilters; unmatched: string | null };

export async function resolveActor(text: string): Promise<string[]> {
  if (UUID_RE.test(text)) return [text.toLowerCase()];
  const needle = text.toLowerCase();
  const staff = await getDb().staff.findMany({
    where: { OR: [{ email: { contains: needle, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }] },
    select: { id: true, email: true },
    orderBy: { email: "asc" },
    take: 20,
  });
  // An exact email is one person, even if it is also part of another address.
  const exact = staff.find((s) => s.email.toLowerCase() === needle);
  return exact ? [exact.id] : staff.map((s) => s.id);
}

export async function resolveCase(text: string): Promise<string | null> {
  if (UUID_RE.test(text)) return text.toLowerCase();
  const number = Number(text.replace(/^#/, ""));
  const row = await getDb().case.findUnique({ where: { number }, select: { id: true } });
  return row?.id ?? null;
}

export async function resolveAccount(text: string): Promise<{ id: string; handle: string } | null> {
  const t = text.trim();
  const db = getDb();
  if (UUID_RE.test(t)) {
    const row = await db.platformAccount.findUnique({ where: { id: t.toLowerCase() }, select: { id: true, handle: true } });
    // An id the platform no longer knows may still appear in old events: search for it as is.
    return row ?? { id: t.toLowerCase(), handle: t };
  }
  const handle = t.replace(/^@/, "");
  return db.platformAccount.findFirst({ where: { OR: [{ handle }, { externalId: t }] }, select: { id: true, handle: true } });
}

export async function resolveFilters(f: AuditFilters): Promise<Resolution> {
  const { actor, case: caseText, account } = f;
  const filters: ResolvedFilters = { role: f.role, action: f.action, outcome: f.outcome, purpose: f.purpose, conversation: f.conversation, from: f.from, to: f.to, q: f.q };
  const [actorIds, caseId, acct] = await Promise.all([
    actor ? resolveActor(actor) : undefined,
    caseText ? resolveCase(caseText) : undefined,
    account ? resolveAccount(account) : undefined,
  ]);
  if (actorIds !== undefined) {
    if (actorIds.length === 0) return { filters, unmatched: `No staff member matches “${actor}”.` };
    filters.actorIds = actorIds;
  }
  if (caseId !== undefined) {
    if (caseId === null) return { filters, unmatched: `No case ${caseText}.` };
    filters.caseId = caseId;
  }
  if (acct !== undefined) {
    if (acct === null) return { filters, unmatched: `No platform account matches “${account}”.` };
    filters.accountId = acct.id;
  }
  return { filters, unmatched: null };
}
