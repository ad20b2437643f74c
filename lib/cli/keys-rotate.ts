// npm run keys:rotate — makes a new key-encryption key current and re-wraps every
// conversation's data key under it (the local keyring provider). Logged as KEY_ROTATED.
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "../db/bootstrap";

const dataDir = path.resolve(process.env.CUSTODY_DATA_DIR ?? ".data");
if (process.env.CUSTODY_KEK) {
  console.error("CUSTODY_KEK holds a single key from the environment; rotate it in your secret store, or use the keyring file (CUSTODY_KEK_FILE).");
  process.exit(2);
}
try {
  const db = await prepareDatabase({ dataDir, port: Number(process.env.CUSTODY_DB_PORT ?? 54329), log: () => {} });
  process.env.DATABASE_URL = db.appUrl;
  process.env.NEXTAUTH_SECRET ??= "keys-rotate-cli-does-not-sign-sessions-0000";
  process.env.CUSTODY_DATA_DIR = dataDir;
  const { getDb, disconnectDb } = await import("../db");
  const { keyProviderFile } = await import("../crypto/keys");
  const { rotateKeyEncryptionKey } = await import("@/lib/jobs/rotate-keys");
  const r = await rotateKeyEncryptionKey(getDb(), { file: keyProviderFile(), actor: `cli:${os.userInfo().username}` });
  console.log(`key-encryption key rotated: ${r.from} → ${r.to}; ${r.rewrapped} data keys re-wrapped`);
  await disconnectDb();
  await db.embedded?.stop();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
