// Micro-benchmark of the offline verifier:
//   npx tsx bench/bench-verify.ts [events] [--runs N] [--file]
//
// Builds a synthetic, sealed export in memory (a checkpoint every 256 leaves, as the sealer
// does), then times verifyExport over it (best and median of N runs, default 3, since a shared
// machine is noisy) and compares with Node's raw SHA-256 over the same bytes. The target
// (issue 3) is 1,000,000 events in ≤ 6 s on a 2-core machine. With --file it also writes the
// export to a temporary file and verifies it from disk, through linesOf (what the CLI should
// use) and through readline for comparison.

import { createHash, generateKeyPairSync, hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { linesOf } from "@/lib/log/format/export-format";
import { type VerifyResult, verifyExport } from "@/lib/log/verify/offline-verify";
import { verifierKeyString } from "@/lib/log/checkpoints/signed-note";
import { buildSyntheticExport } from "@/lib/demo/synthetic-log";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const count = Number(args.find((a, i) => /^\d+$/.test(a) && i !== runsAt + 1) ?? 1_000_000);
const viaFile = process.argv.includes("--file");
const ORIGIN = "bench.custody.test/access-log";
const TARGET_SECONDS = 6;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

async function main() {
  console.log(`node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? "unknown"})`);
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  let t = process.hrtime.bigint();
  const log = buildSyntheticExport({ count, batch: 256, signer: { name: ORIGIN, privateKey }, origin: ORIGIN });
  console.log(`built ${count.toLocaleString()} events, ${log.checkpoints.length.toLocaleString()} checkpoints, ${mb(log.bytes)} MB in ${seconds(t).toFixed(1)} s (not timed below)`);

  // Raw SHA-256 over the same bytes: once as one contiguous buffer (pure throughput), once as
  // one hash per line (what per-event hashing costs before any parsing or tree work).
  const all = Buffer.allocUnsafe(log.bytes);
  let offset = 0;
  for (const line of log.lines) {
    offset += all.write(line, offset);
    all[offset++] = 0x0a;
  }
  t = process.hrtime.bigint();
  createHash("sha256").update(all).digest();
  const rawBulk = seconds(t);
  t = process.hrtime.bigint();
  for (const line of log.lines) hash("sha256", line, "buffer");
  const rawPerLine = seconds(t);

  const verifierKey = verifierKeyString(ORIGIN, publicKey);
  const times: number[] = [];
  let result: VerifyResult | undefined;
  for (let run = 0; run < Math.max(1, runs); run++) {
    t = process.hrtime.bigint();
    result = await verifyExport(log.lines, { verifierKey });
    times.push(seconds(t));
  }
  if (!result?.ok) throw new Error(`verification failed: ${result?.problem}`);
  times.sort((a, b) => a - b);
  const verify = times[0]!;
  const median = times[Math.floor(times.length / 2)]!;

  const row = (label: string, s: number) =>
    console.log(`${label.padEnd(34)} ${s.toFixed(3).padStart(7)} s  ${(log.bytes / 1e6 / s).toFixed(0).padStart(5)} MB/s  ${Math.round(count / s).toLocaleString().padStart(10)} events/s`);
  row("raw SHA-256, one buffer", rawBulk);
  row("raw SHA-256, one hash per line", rawPerLine);
  row(`verifyExport (in memory), best of ${runs}`, verify);
  row(`verifyExport (in memory), median`, median);
  console.log(`ratio: verification runs at ${((rawBulk / verify) * 100).toFixed(1)}% of raw SHA-256 throughput (${(verify / rawBulk).toFixed(1)}× its time; ${(verify / rawPerLine).toFixed(1)}× per-line hashing)`);
  console.log(`checked ${result.sealedEvents.toLocaleString()} leaves against ${result.checkpointsVerified.toLocaleString()} signed checkpoints`);

  if (viaFile) {
    const dir = await mkdtemp(path.join(tmpdir(), "custody-bench-"));
    try {
      const file = path.join(dir, "export.jsonl");
      await writeFile(file, all);
      t = process.hrtime.bigint();
      const batched = await verifyExport(linesOf(createReadStream(file, { highWaterMark: 1 << 20 })), { verifierKey });
      if (!batched.ok) throw new Error(`verification failed: ${batched.problem}`);
      row("verifyExport (file via linesOf)", seconds(t));
      t = process.hrtime.bigint();
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
      const viaReadline = await verifyExport(lines, { verifierKey });
      if (!viaReadline.ok) throw new Error(`verification failed: ${viaReadline.problem}`);
      row("verifyExport (file via readline)", seconds(t));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const scaled = (median * 1_000_000) / count;
  console.log(`${scaled <= TARGET_SECONDS ? "PASS" : "FAIL"}: ${scaled.toFixed(2)} s per 1,000,000 events, median (target ≤ ${TARGET_SECONDS} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
