// A stand-in for `npm start`'s first half, run as its own process by kill-recovery.test.ts: it
// gets the embedded database ready exactly as lib/cli/start.ts does, proves it answers through
// the application login, and then holds it (or, with --stop, stops it and exits).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { withPgClient } from "../../../lib/db/admin";
import { prepareDatabase } from "../../../lib/db/bootstrap";
import { parsePostmasterPid } from "../../../lib/db/orphaned-postmaster";

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) throw new Error("usage: database-owner.ts <dataDir> <port> [--stop]");
const db = await prepareDatabase({ dataDir, port: Number(port), log: (m) => console.log(`[owner] ${m}`) });
const who = await withPgClient(db.appUrl, async (c) => (await c.query<{ who: string }>("select current_user as who")).rows[0]?.who);
const lock = parsePostmasterPid(await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8"));
console.log(`SERVING ${JSON.stringify({ who, postmaster: lock?.pid })}`);
if (process.argv.includes("--stop")) {
  await db.embedded?.stop();
  process.exit(0);
}
setInterval(() => {}, 1 << 30);
