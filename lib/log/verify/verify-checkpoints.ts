import type { ConsistencyLine, ExportScope } from "../format/export-format";
import type { MerkleFrontier } from "../merkle/merkle-frontier";
import { sameHash } from "../merkle/merkle-hash";
import { verifyConsistency } from "../merkle/merkle-verify";
import { type VerifierKey, NoteError, decodeBase64, openNote, parseCheckpoint, parseNote, parseVerifierKey } from "../checkpoints/signed-note";

// The checkpoint side of the offline verifier: which signed roots the recomputed tree must
// match, and at which sizes. Checks that need no events (signatures, origin, forks, growth,
// consistency proofs) are settled here; root comparisons happen as the event stream reaches
// each checkpoint's size, so problems are reported in leaf order.

export type ProblemKind =
  | "malformed-export"
  | "malformed-event"
  | "leaf-order"
  | "duplicate-seq"
  | "leaf-hash-mismatch"
  | "sealed-late"
  | "root-mismatch"
  | "missing-events"
  | "inclusion-proof"
  | "checkpoint-malformed"
  | "checkpoint-signature"
  | "checkpoint-origin"
  | "checkpoint-rollback"
  | "fork"
  | "consistency-proof"
  | "trusted-checkpoint"
  | "no-checkpoint"
  | "unsealed-too-long"
  | "checkpoint-store";

export interface Problem {
  kind: ProblemKind;
  /** What is wrong, in a sentence an auditor can act on. */
  problem: string;
  /** The first entry the verifier cannot vouch for (null when no single entry is implicated). */
  firstBadSeq: string | null;
  firstBadLeafIndex: number | null;
}

export class VerificationFailure extends Error {
  constructor(readonly detail: Problem) {
    super(detail.problem);
    this.name = "VerificationFailure";
  }
}

export interface CheckpointEntry {
  label: string;
  size: number;
  rootHash: Buffer;
  origin: string;
  /** Why the signature does not verify, if it does not. */
  signatureProblem?: string;
}

/** The log's verifier key, or several when checkpoints span a key rotation. */
export type VerifierKeys = string | VerifierKey | readonly (string | VerifierKey)[];

function fail(kind: ProblemKind, problem: string, firstBadLeafIndex: number | null = null, firstBadSeq: string | null = null): never {
  throw new VerificationFailure({ kind, problem, firstBadSeq, firstBadLeafIndex });
}

/** Opens a note with whichever of the log's keys signed it (old checkpoints predate a rotation). */
function openWithAnyKey(note: string, keys: readonly VerifierKey[]): void {
  for (const key of keys) {
    try {
      openNote(note, key);
      return;
    } catch (error) {
      if (!(error instanceof NoteError) || error.problem !== "unknown-key" || key === keys.at(-1)) throw error;
    }
  }
}

function readEntry(note: string, label: string, keys: readonly VerifierKey[]): CheckpointEntry {
  let entry: CheckpointEntry;
  try {
    // The size is read before the signature is checked only to place a bad checkpoint in
    // leaf order; an unverified checkpoint is never used as evidence.
    const { origin, size, rootHash } = parseCheckpoint(parseNote(note).body);
    entry = { label, origin, size, rootHash };
  } catch (error) {
    return fail("checkpoint-malformed", `${label} is malformed: ${(error as Error).message}`);
  }
  try {
    openWithAnyKey(note, keys);
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    entry.signatureProblem = `${label} (size ${entry.size}) ${error.problem === "bad-signature" ? "has a bad signature" : "is not signed by the log's key"}: ${error.message}`;
  }
  return entry;
}

export function prepareCheckpoints(input: {
  scope: ExportScope;
  checkpoints: readonly string[];
  consistencyProofs?: readonly ConsistencyLine[];
  key: VerifierKeys;
  options: { origin?: string; trustedCheckpoint?: string };
  start: MerkleFrontier;
}) {
  const keyList: readonly (string | VerifierKey)[] = Array.isArray(input.key) ? input.key : [input.key as string | VerifierKey];
  const keys = keyList.map((k) => (typeof k === "string" ? parseVerifierKey(k) : k));
  const entries = input.checkpoints.map((note, i) => readEntry(note, `checkpoint #${i + 1}`, keys));
  const trusted = input.options.trustedCheckpoint === undefined ? undefined : readEntry(input.options.trustedCheckpoint, "the trusted checkpoint", keys);
  if (trusted?.signatureProblem) fail("trusted-checkpoint", trusted.signatureProblem);
  const all = trusted ? [...entries, trusted] : entries;
  const origin = input.options.origin ?? all.find((e) => !e.signatureProblem)?.origin;

  // A log only grows: a checkpoint smaller than one issued before it is a rollback.
  let largest: CheckpointEntry | undefined;
  for (const entry of entries) {
    if (entry.signatureProblem) continue;
    if (largest && entry.size < largest.size) {
      fail("checkpoint-rollback", `${entry.label} has size ${entry.size} but was issued after ${largest.label} of size ${largest.size}: the log was rolled back`, entry.size);
    }
    largest = entry;
  }

  const bySize = new Map<number, CheckpointEntry[]>();
  for (const entry of all) bySize.set(entry.size, [...(bySize.get(entry.size) ?? []), entry]);
  const sizes = [...bySize.keys()].sort((a, b) => a - b);

  /** Signature, origin and fork checks for the checkpoints of one size; returns the agreed root. */
  const settle = (size: number, at: number | null, seq: string | null): Buffer => {
    const group = bySize.get(size)!;
    for (const entry of group) {
      if (entry.signatureProblem) fail("checkpoint-signature", entry.signatureProblem, at, seq);
      if (entry.origin !== origin) fail("checkpoint-origin", `${entry.label} is for log ${JSON.stringify(entry.origin)}, not ${JSON.stringify(origin)}`, at, seq);
    }
    const forked = group.find((e) => !sameHash(e.rootHash, group[0]!.rootHash));
    if (forked) fail("fork", `${group[0]!.label} and ${forked.label} are both signed for size ${size} but have different roots: the log forked`, at, seq);
    return group[0]!.rootHash;
  };

  // Consistency proofs connect checkpoints the events cannot reach (before a frontier start,
  // or the trusted checkpoint in a filtered export) to ones they can.
  const proven: [number, number][] = [];
  for (const line of input.consistencyProofs ?? []) {
    if (!bySize.has(line.fromSize) || !bySize.has(line.toSize)) continue;
    const proof = line.proof.map((h) => decodeBase64(h) ?? Buffer.alloc(0));
    if (!verifyConsistency(line.fromSize, line.toSize, settle(line.fromSize, null, null), settle(line.toSize, null, null), proof)) {
      fail("consistency-proof", `the consistency proof from size ${line.fromSize} to ${line.toSize} does not verify`);
    }
    proven.push([line.fromSize, line.toSize]);
  }
  const isProven = (from: number, to: (size: number) => boolean) => proven.some(([m, n]) => m === from && to(n));

  let anchor: { size: number; rootHash: Buffer } | undefined;
  if (input.scope === "filtered") {
    for (const size of sizes) settle(size, null, null);
    const top = sizes.at(-1);
    anchor = top === undefined ? undefined : { size: top, rootHash: bySize.get(top)![0]!.rootHash };
    if (trusted && anchor && trusted.size !== anchor.size && !isProven(trusted.size, (n) => n === anchor!.size) && !isProven(anchor.size, (n) => n === trusted.size)) {
      fail("trusted-checkpoint", `the export has no consistency proof between the trusted checkpoint (size ${trusted.size}) and size ${anchor.size}`);
    }
  } else {
    for (const size of sizes) if (size < input.start.size) settle(size, null, null);
    if (trusted && trusted.size < input.start.size && !isProven(trusted.size, (n) => n >= input.start.size)) {
      fail("trusted-checkpoint", `the export starts at leaf ${input.start.size}, after the trusted checkpoint (size ${trusted.size}), and proves no consistency with it`);
    }
  }

  let next = sizes.findIndex((s) => s >= input.start.size);
  if (next < 0) next = sizes.length;
  const state = {
    anchor,
    verifiedSize: input.start.size,
    verifiedRoot: null as Buffer | null,
    verifiedCount: 0,
    get nextSize(): number {
      return input.scope === "contiguous" ? (sizes[next] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    },
    /** The frontier has reached nextSize: its root must be the signed one. */
    checkAt(frontier: MerkleFrontier, rangeStartSeq: string | null) {
      const size = frontier.size;
      const signed = settle(size, state.verifiedSize, rangeStartSeq);
      const root = frontier.root();
      if (!sameHash(root, signed)) {
        fail(
          "root-mismatch",
          `the events do not produce the signed root of size ${size}: an entry in leaves ${state.verifiedSize}–${size - 1} was altered, inserted, removed or reordered`,
          state.verifiedSize,
          rangeStartSeq,
        );
      }
      state.verifiedCount += bySize.get(size)!.length;
      state.verifiedSize = size;
      state.verifiedRoot = root;
      next++;
    },
    /** After the last event: a valid checkpoint beyond it means events are missing. */
    finish(frontier: MerkleFrontier, rangeStartSeq: string | null) {
      const size = sizes[next];
      if (size === undefined) return;
      settle(size, state.verifiedSize, rangeStartSeq);
      const who = trusted && bySize.get(size)!.includes(trusted) ? "the trusted checkpoint" : "a signed checkpoint";
      fail("missing-events", `${who} covers ${size} leaves but the log holds ${frontier.size}: leaves ${frontier.size}–${size - 1} are missing`, frontier.size);
    },
  };
  if (input.scope === "contiguous" && state.nextSize === input.start.size) state.checkAt(input.start, null);
  return state;
}
