import { randomBytes } from "node:crypto";
import { createDatabase, withPgClient } from "@/lib/db/admin";
import { appUrlFor, ensureAppLogin } from "@/lib/db/bootstrap";
import { applyMigrations } from "@/lib/db/migrate";

/**
 * A second empty, migrated database on the run's server, for a test that needs a database no
 * other test file has written to (the first-admin bootstrap; a deployment's first start).
 */
export async function spareDatabase(prefix: string) {
  const server = new URL(process.env.TEST_OWNER_URL!);
  server.pathname = "/postgres";
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await createDatabase(server.toString(), name);
  const owner = new URL(server);
  owner.pathname = `/${name}`;
  const ownerUrl = owner.toString();
  await applyMigrations(ownerUrl);
  const password = randomBytes(16).toString("hex");
  await ensureAppLogin(ownerUrl, "custody_test_spare", password);
  return {
    ownerUrl,
    appUrl: appUrlFor(ownerUrl, "custody_test_spare", password),
    drop: () => withPgClient(server.toString(), (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
