import "server-only";
import type { Db } from "@/lib/db";
import { accountInput, type AccountInput } from "./schemas";

/** Creates or updates platform accounts by their platform id. Idempotent. */
export async function upsertAccounts(db: Db, raw: readonly AccountInput[]): Promise<number> {
  const accounts = raw.map((a) => accountInput.parse(a));
  await db.$transaction(
    accounts.map((a) =>
      db.platformAccount.upsert({
        where: { externalId: a.externalId },
        create: a,
        update: { handle: a.handle, displayName: a.displayName, isMinor: a.isMinor, dataRegion: a.dataRegion, isProtected: a.isProtected, protectedKind: a.protectedKind },
        select: { id: true },
      }),
    ),
  );
  return accounts.length;
}
