import "server-only";
import type { Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { refuse, whereOf } from "./intake-errors";
import type { AccountsBatch, AccountsResult } from "./schemas";

// Account facts from the platform, created or updated by platform id. A re-sent batch finds
// every account as sent and answers "unchanged". Handles are unique in Custody as on the
// platform; a batch may swap or pass on handles among its own accounts, but may not take a
// handle that an account outside the batch still holds here.

type Stored = { id: string; external_id: string; handle: string; display_name: string; data_region: string; is_minor: boolean; is_protected: boolean; protected_kind: string | null; created_at: Date };
type Account = AccountsBatch["accounts"][number];

// Longer than any handle the schema accepts (100), so it can never collide with a real one.
const placeholder = (id: string) => `~handle-in-transit~${id}~${"-".repeat(100)}`;

function sameFacts(s: Stored, a: Account): boolean {
  return (
    s.handle === a.handle &&
    s.display_name === a.displayName &&
    s.data_region === a.dataRegion &&
    s.is_minor === a.minor &&
    s.is_protected === a.protected &&
    s.protected_kind === a.protectedKind &&
    (a.createdAt === undefined || s.created_at.getTime() === a.createdAt.getTime())
  );
}

function firstRepeat<T>(items: readonly T[], key: (t: T) => string): number {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const k = key(items[i]!);
    if (seen.has(k)) return i;
    seen.add(k);
  }
  return -1;
}

export async function ingestAccounts(tx: Tx, batch: AccountsBatch): Promise<AccountsResult> {
  const accounts = batch.accounts;
  const repeatedId = firstRepeat(accounts, (a) => a.id);
  if (repeatedId >= 0) throw refuse("DUPLICATE_ID", ["accounts", repeatedId, "id"], "this id appears twice in the batch");
  const repeatedHandle = firstRepeat(accounts, (a) => a.handle);
  if (repeatedHandle >= 0) throw refuse("DUPLICATE_HANDLE", ["accounts", repeatedHandle, "handle"], "this handle appears twice in the batch");

  const ids = accounts.map((a) => a.id);
  // Locked in one order, so two batches over the same accounts cannot deadlock.
  const stored = await tx.$queryRaw<Stored[]>`
    SELECT id, external_id, handle, display_name, data_region::text, is_minor, is_protected, protected_kind, created_at
    FROM platform_account WHERE external_id = ANY(${ids}::text[]) ORDER BY external_id FOR UPDATE`;
  const byExternal = new Map(stored.map((s) => [s.external_id, s]));

  const taken = await tx.$queryRaw<{ external_id: string; handle: string }[]>`
    SELECT external_id, handle FROM platform_account WHERE handle = ANY(${accounts.map((a) => a.handle)}::text[]) AND NOT (external_id = ANY(${ids}::text[]))`;
  if (taken.length > 0) {
    const i = accounts.findIndex((a) => a.handle === taken[0]!.handle);
    throw new ConflictError("HANDLE_TAKEN", `accounts[${i}].handle: held in Custody by account ${taken[0]!.external_id}; send that account's new handle in the same batch`, whereOf(["accounts", i, "handle"]));
  }

  const statuses = accounts.map((a) => {
    const s = byExternal.get(a.id);
    return !s ? ("created" as const) : sameFacts(s, a) ? ("unchanged" as const) : ("updated" as const);
  });
  const updates = accounts.filter((_, i) => statuses[i] === "updated");
  const renamed = updates.filter((a) => byExternal.get(a.id)!.handle !== a.handle);
  // Two steps when handles move, so a swap inside the batch never meets itself half-done.
  if (renamed.length > 0) {
    await tx.$executeRaw`
      UPDATE platform_account p SET handle = t.handle FROM unnest(${renamed.map((a) => a.id)}::text[], ${renamed.map((a) => placeholder(a.id))}::text[]) AS t(external_id, handle)
      WHERE p.external_id = t.external_id`;
  }
  if (updates.length > 0) {
    await tx.$executeRaw`
      UPDATE platform_account p SET
        handle = t.handle, display_name = t.display_name, data_region = t.data_region::"DataRegion", is_minor = t.is_minor,
        is_protected = t.is_protected, protected_kind = t.protected_kind, created_at = COALESCE(t.created_at, p.created_at)
      FROM unnest(
        ${updates.map((a) => a.id)}::text[], ${updates.map((a) => a.handle)}::text[], ${updates.map((a) => a.displayName)}::text[],
        ${updates.map((a) => a.dataRegion)}::text[], ${updates.map((a) => a.minor)}::boolean[], ${updates.map((a) => a.protected)}::boolean[],
        ${updates.map((a) => a.protectedKind)}::text[], ${updates.map((a) => a.createdAt ?? null)}::timestamptz[]
      ) AS t(external_id, handle, display_name, data_region, is_minor, is_protected, protected_kind, created_at)
      WHERE p.external_id = t.external_id`;
  }
  const creates = accounts.filter((_, i) => statuses[i] === "created");
  if (creates.length > 0) {
    await tx.platformAccount.createMany({
      data: creates.map((a) => ({
        externalId: a.id,
        handle: a.handle,
        displayName: a.displayName,
        dataRegion: a.dataRegion,
        isMinor: a.minor,
        isProtected: a.protected,
        protectedKind: a.protectedKind,
        ...(a.createdAt ? { createdAt: a.createdAt } : {}),
      })),
    });
  }
  const unchanged = statuses.filter((s) => s === "unchanged").length;
  return { accepted: accounts.length - unchanged, duplicate: unchanged, refused: 0, accounts: accounts.map((a, i) => ({ id: a.id, status: statuses[i]! })) };
}
