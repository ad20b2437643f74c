// npm run audit:verify — checks the access log and names the first bad entry.
//   -- --export FILE --public-key FILE [--trusted-checkpoint FILE] [--manifest FILE]
//        an export file, offline: no database, no network (exit 0 intact, 1 not)
//   -- --csv FILE --manifest FILE --public-key FILE
//        a CSV export against its signed manifest
//   -- --database [--public-key FILE] [--trusted-checkpoint FILE]
//        the live database (MIGRATION_DATABASE_URL, DATABASE_URL or the embedded one) against
//        the checkpoint directory, which must hold the database's latest checkpoint, and
//        against a checkpoint kept elsewhere (e.g. a copy of `latest` taken at the last audit),
//        which the log must extend; recorded as an AUDIT_VERIFIED event
//   -- --export FILE --public-key FILE --retention
//        also the retention checks over the (verified) export: no KEY_SHREDDED inside an active
//        hold, no hold released before its minimum (lib/log/verify/retention-verify.ts)
//   -- --cosigned FILE --public-key FILE --witness VKEY [--witness VKEY…] [--quorum K]
//        a checkpoint note with witness cosignatures (GET /api/v1/audit/checkpoints/latest's
//        `note`), offline: the log's signature and at least K (default 1) valid cosignatures by
//        the given witnesses; prints which witnesses signed
//   -- --statement FILE --account ID --public-key FILE --witness VKEY [--witness VKEY…] [--quorum K]
//        a "who read my DMs" statement (POST /api/v1/audit/statements), offline: its signature,
//        that it is for ID, K cosignatures on its checkpoint and every line's inclusion proof
//   With --database, --witness/--quorum also require K cosignatures on the database's newest
//   checkpoint.
//   -- --package FILE.zip --public-key FILE
//        a legal request's disclosure package, offline (ADR 028): the manifest's signature, every
//        file's SHA-256, the EXPORT event's inclusion proof against its signed checkpoint, and
//        that the records are exactly the messages that event names
//   -- --print-public-key
//        the verifier key of the configured signing key, to hand to auditors
// Options: --max-unsealed-seconds N, --max-seal-delay-seconds N (default 300 each).
// Exit status: 0 intact, 1 not intact, 2 nothing verified (bad usage, unreachable database);
// with --database, 3 intact and 4 not intact when the verdict (printed first) could not be
// recorded as an AUDIT_VERIFIED event, e.g. on a read-only replica or with INSERT revoked.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { auditConfig, checkpointSigningKey } from "@/lib/log/config";
import { CheckpointDirectory, sizeOf } from "@/lib/log/checkpoints/checkpoint-directory";
import { verifyDatabaseLog } from "@/lib/log/verify/verify-database";
import { type FileVerifyResult, verifyCsvFile, verifyExportFile } from "@/lib/log/verify/verify-export-file";
import { EVENT_LINE_PREFIX } from "@/lib/log/format/export-format";
import { checkRetention, type RetentionEvent } from "@/lib/log/verify/retention-verify";
import { type CosignedVerdict, verifyCosignedCheckpoint } from "@/lib/log/witness/verify-cosigned";
import { verifyAccessStatement } from "@/lib/log/statement/access-statement";
import { verifyDisclosurePackage } from "@/lib/log/disclosure/verify-package";
import { cliDatabase } from "./cli-database";

const USAGE = "usage: npm run audit:verify -- (--export FILE | --csv FILE | --database | --cosigned FILE | --statement FILE --account ID | --package FILE | --print-public-key) [--public-key FILE] [--trusted-checkpoint FILE] [--manifest FILE] [--witness VKEY…] [--quorum K]";

function report(result: FileVerifyResult, what: string): number {
  if (result.ok) {
    console.log(
      `OK: ${what} is intact — ${result.events} events (${result.sealedEvents} sealed, ${result.unsealedEvents} unsealed), ` +
        `${result.checkpointsVerified} signed checkpoints verified, tree size ${result.verifiedSize}${result.verifiedRoot ? `, root ${result.verifiedRoot}` : ""}`,
    );
    if (result.uncoveredEvents > 0) console.log(`note: ${result.uncoveredEvents} sealed events come after the last checkpoint in the file and are not vouched for yet`);
    return 0;
  }
  const where = result.firstBadSeq !== null ? `seq ${result.firstBadSeq}${result.firstBadLeafIndex !== null ? ` (leaf ${result.firstBadLeafIndex})` : ""}` : result.firstBadLeafIndex !== null ? `leaf ${result.firstBadLeafIndex}` : "";
  console.error(`FAILED${where ? ` at ${where}` : ""}: ${result.kind}: ${result.problem}`);
  if (result.firstBadSeq !== null) console.error(`first bad sequence number: ${result.firstBadSeq}`);
  if (result.kind === "unsealed-too-long") console.error("(is a sealer running? `npm start` runs one in the server, `npm run audit:seal` on its own)");
  if (result.kind === "checkpoint-store") console.error("(restore the checkpoint directory from its backup; if a sealer was killed just after a seal, starting one copies the file it missed)");
  return 1;
}

/** The export's events, read again for the retention checks (the integrity check has passed). */
async function retentionOfExport(file: string) {
  const events: RetentionEvent[] = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(EVENT_LINE_PREFIX)) continue;
    const e = (JSON.parse(line) as { event: RetentionEvent }).event;
    if (e.action === "HOLD_PLACED" || e.action === "HOLD_RENEWED" || e.action === "HOLD_RELEASED" || e.action === "KEY_SHREDDED") events.push(e);
  }
  return checkRetention(events);
}

function reportRetention(r: ReturnType<typeof checkRetention>): number {
  if (r.problems.length === 0) {
    console.log(`OK: retention — ${r.shreds} shreds, none inside an active hold; ${r.holds} holds, none released before its minimum`);
    return 0;
  }
  for (const p of r.problems) console.error(`FAILED at seq ${p.seq}: ${p.kind}: ${p.problem}`);
  return 1;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      export: { type: "string" },
      csv: { type: "string" },
      database: { type: "boolean" },
      "print-public-key": { type: "boolean" },
      "public-key": { type: "string" },
      "trusted-checkpoint": { type: "string" },
      manifest: { type: "string" },
      retention: { type: "boolean" },
      "max-unsealed-seconds": { type: "string" },
      "max-seal-delay-seconds": { type: "string" },
      cosigned: { type: "string" },
      witness: { type: "string", multiple: true },
      quorum: { type: "string" },
      statement: { type: "string" },
      account: { type: "string" },
      package: { type: "string" },
    },
  });
  const witnessKeys = values.witness ?? [];
  const quorum = values.quorum === undefined ? Math.min(1, witnessKeys.length) : Number(values.quorum);
  if (!Number.isInteger(quorum) || quorum < 0) throw new UsageError("--quorum must be a non-negative integer");
  if (quorum > witnessKeys.length) throw new UsageError(`--quorum ${quorum} needs at least ${quorum} --witness keys`);
  const seconds = (v: string | undefined) => (v === undefined ? undefined : Number(v) * 1000);
  const limits = { maxUnsealedAgeMs: seconds(values["max-unsealed-seconds"]), maxSealDelayMs: seconds(values["max-seal-delay-seconds"]) };
  const text = (file: string | undefined) => (file === undefined ? undefined : readFile(file, "utf8"));

  if (values["print-public-key"]) {
    console.log((await checkpointSigningKey()).verifierKey);
    return 0;
  }
  if (values.package) {
    const keys = keysOf(await text(values["public-key"]));
    if (!keys) throw new UsageError("--public-key FILE is required with --package (GET /api/v1/audit/public-key gives it)");
    const result = await verifyDisclosurePackage(values.package, keys);
    if (result.ok) {
      console.log(`OK: disclosure package ${result.packageId} (L-${result.requestNumber}) is intact — ${result.files} files match the signed manifest, ${result.messages} records are exactly those EXPORT event ${result.exportEventSeq} names, included in the signed checkpoint of size ${result.treeSize}`);
      return 0;
    }
    console.error(`FAILED: ${result.kind}: ${result.problem}`);
    return 1;
  }
  if (values.cosigned) {
    const logKey = keysOf(await text(values["public-key"]));
    if (!logKey) throw new UsageError("--public-key FILE is required with --cosigned");
    if (witnessKeys.length === 0) throw new UsageError("--witness VKEY is required with --cosigned");
    return reportWitnesses(verifyCosignedCheckpoint((await text(values.cosigned))!, { logKey, witnesses: witnessKeys, quorum }));
  }
  if (values.statement) {
    const logKey = keysOf(await text(values["public-key"]));
    if (!logKey) throw new UsageError("--public-key FILE is required with --statement");
    if (!values.account) throw new UsageError("--account ID is required with --statement: the account the statement must be about");
    if (witnessKeys.length === 0) throw new UsageError("--witness VKEY is required with --statement");
    let json: unknown;
    try {
      json = JSON.parse((await text(values.statement))!);
    } catch {
      console.error("FAILED: the statement file is not JSON");
      return 1;
    }
    const v = verifyAccessStatement(json, { logKey, witnesses: witnessKeys, quorum, accountId: values.account });
    if (!v.ok) {
      console.error(`FAILED: ${v.problem}`);
      return 1;
    }
    console.log(`OK: the statement for account ${v.accountId} is signed by the log; its ${v.lines} access line(s) are each in the checkpoint of size ${v.checkpointSize}, cosigned by ${v.witnesses.join(", ")}; ${v.pending} pending; ${v.withheld} read(s) withheld under a non-disclosure order${v.withheldUntil ? ` until ${v.withheldUntil}` : ""}`);
    return 0;
  }
  if (values.export || values.csv) {
    const verifierKey = keysOf(await text(values["public-key"]));
    if (!verifierKey) throw new UsageError("--public-key FILE is required (GET /api/v1/audit/public-key gives it)");
    if (values.csv) {
      const manifest = await text(values.manifest);
      if (!manifest) throw new UsageError("--manifest FILE is required with --csv");
      return report(await verifyCsvFile(values.csv, { verifierKey, manifest }), values.csv);
    }
    const result = await verifyExportFile(values.export!, { verifierKey, trustedCheckpoint: await text(values["trusted-checkpoint"]), manifest: await text(values.manifest), ...limits });
    const status = report(result, values.export!);
    if (status !== 0 || !values.retention) return status;
    return reportRetention(await retentionOfExport(values.export!));
  }
  if (values.database) {
    const config = auditConfig();
    const verifierKey = keysOf(await text(values["public-key"])) ?? (await checkpointSigningKey(config)).verifierKey;
    const trustedCheckpoint = await text(values["trusted-checkpoint"]);
    const db = await cliDatabase();
    const pool = new pg.Pool({ connectionString: db.ownerUrl, max: 2 });
    pool.on("error", () => {}); // an idle connection closed under us is not a verification result
    try {
      const started = Date.now();
      const result = await verifyDatabaseLog(pool, { directory: new CheckpointDirectory(config.checkpointDir), verifierKey, origin: config.origin, trustedCheckpoint, ...limits });
      console.log(`checked ${result.leaves} leaves, ${result.checkpointsInDatabase} checkpoints in the database and ${result.checkpointsInDirectory} in ${config.checkpointDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (trustedCheckpoint !== undefined && result.ok) console.log(`the log extends the trusted checkpoint of size ${claimedSize(trustedCheckpoint)}`);
      // The verdict is printed before it is recorded: a check whose record cannot be written
      // still tells the operator what it found, and then says, by its exit status, what it could not do.
      let verdict = report(result, "the database log");
      if (witnessKeys.length > 0) {
        const latest = await pool.query<{ tree_size: string; note: string }>("SELECT tree_size::text, note FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1");
        const row = latest.rows[0];
        const lines = row ? await pool.query<{ line: string }>("SELECT line FROM audit_cosignature WHERE tree_size = $1::bigint", [row.tree_size]) : { rows: [] };
        const note = row ? row.note + lines.rows.map((l) => `${l.line}\n`).join("") : "";
        const witnessed = row ? reportWitnesses(verifyCosignedCheckpoint(note, { logKey: verifierKey, witnesses: witnessKeys, quorum, origin: config.origin })) : (console.error("FAILED: witnesses: nothing is sealed yet"), 1);
        if (witnessed !== 0) verdict = 1;
      }
      const unrecorded = await recordVerification(db.ownerUrl, result, trustedCheckpoint).then(() => null, (error: unknown) => error);
      if (unrecorded === null) return verdict;
      console.error(`audit:verify: could not record this verification as an AUDIT_VERIFIED event: ${reasonOf(unrecorded)}`);
      console.error("(the verdict above stands, but the log holds no record of this check)");
      return verdict === 0 ? 3 : 4;
    } finally {
      await pool.end();
      await db.close();
    }
  }
  throw new UsageError(USAGE);
}

function reportWitnesses(v: CosignedVerdict): number {
  const who = v.signedBy.map((s) => `${s.name} at ${new Date(s.timestamp * 1000).toISOString()}`).join(", ") || "none";
  if (v.ok) {
    console.log(`OK: the checkpoint of size ${v.size} carries ${v.signedBy.length} valid witness cosignature(s) (quorum ${v.quorum}): ${who}`);
    if (v.missing.length > 0) console.log(`not cosigned by: ${v.missing.join(", ")}`);
    return 0;
  }
  console.error(`FAILED: witnesses: ${v.problem} (size ${v.size ?? "?"}); signed by: ${who}; missing: ${v.missing.join(", ") || "none"}`);
  return 1;
}

/** The verification is itself an event in the log (AUDIT_VERIFIED), written through the app's one writer. */
async function recordVerification(url: string, result: FileVerifyResult, trustedCheckpoint: string | undefined) {
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "audit-verify-cli-secret-not-used-for-sessions";
  const { getDb, disconnectDb } = await import("../db");
  const { recordEvent } = await import("@/lib/log/events/record-event");
  const trusted = trustedCheckpoint === undefined ? {} : { trustedCheckpointSize: claimedSize(trustedCheckpoint) };
  const details = result.ok
    ? { mode: "database" as const, via: "cli" as const, ok: true as const, events: result.events, verifiedSize: result.verifiedSize, verifiedRoot: result.verifiedRoot, ...trusted }
    : { mode: "database" as const, via: "cli" as const, ok: false as const, kind: result.kind, problem: result.problem, firstBadSeq: result.firstBadSeq, firstBadLeafIndex: result.firstBadLeafIndex, ...trusted };
  try {
    await recordEvent(getDb(), { actor: null, action: "AUDIT_VERIFIED", outcome: result.ok ? "ALLOWED" : "FAILED", details });
  } finally {
    await disconnectDb().catch(() => {});
  }
}

/** A database error's own words (Prisma wraps them in a multi-line invocation report). */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? "unknown error";
}

class UsageError extends Error {}

/** The size a checkpoint claims, or null when it is malformed (the verdict says so already). */
function claimedSize(note: string): number | null {
  try {
    return sizeOf(note);
  } catch {
    return null;
  }
}

/** A key file holds one verifier key per line: the current one, and older ones after a rotation. */
function keysOf(text: string | undefined): string | string[] | undefined {
  const keys = (text ?? "").split("\n").map((line) => line.trim()).filter(Boolean);
  return keys.length === 0 ? undefined : keys.length === 1 ? keys[0] : keys;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? error.message : `audit:verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
