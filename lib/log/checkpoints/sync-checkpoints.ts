import type { CheckpointDirectory } from "./checkpoint-directory";
import { guardCheckpointStore } from "./store-guard";
import { type Queryable, toSafeNumber } from "../events/event-rows";

// A sealer killed between committing a seal and writing its checkpoint file leaves the
// directory one or more checkpoints behind the database. The next sealer copies the missing
// ones before it seals anything, so the directory again holds every checkpoint ever signed.
// Copying is write-once (CheckpointDirectory.write), so a database checkpoint that disagrees
// with a file already there is refused as a fork rather than overwriting the evidence. A store
// that is gone or empty is never filled from the database (store-guard.ts): that would launder
// whatever the database now says into the one record meant to contradict it.

export async function syncCheckpointDirectory(db: Queryable, directory: CheckpointDirectory): Promise<number> {
  await guardCheckpointStore(db, directory);
  const sizes = await directory.sizes();
  const latest = await directory.latest();
  const have = Math.max(sizes.at(-1) ?? 0, latest?.size ?? 0);
  const missing = await db.query<{ tree_size: string; note: string }>(
    "SELECT c.tree_size::text, c.note FROM audit_checkpoint c WHERE c.tree_size > $1 ORDER BY c.tree_size",
    [String(have)],
  );
  for (const row of missing.rows) await directory.write(toSafeNumber(row.tree_size, "tree size"), row.note);
  return missing.rows.length;
}
