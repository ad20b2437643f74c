import { type DecodedEvent, EventRecordError, decodeEvent, decodeEventFully } from "../format/event-record";
import { type ConsistencyLine, type ExportScope, ExportFormatError, type LineSource, readExport } from "../format/export-format";
import { leafHashOfText } from "../merkle/merkle-hash";
import { MerkleFrontier, type FrontierJson } from "../merkle/merkle-frontier";
import { verifyInclusion } from "../merkle/merkle-verify";
import { decodeBase64 } from "../checkpoints/signed-note";
import { type Problem, type ProblemKind, type VerifierKeys, VerificationFailure, prepareCheckpoints } from "./verify-checkpoints";

// The offline verifier's core: no database, no network, only the export (see export-format.ts)
// and the log's public key. It hashes every event's canonical bytes into its leaf (see
// event-record.ts), streams the leaves into a Merkle frontier (O(log n) memory, one pass), and
// at each checkpoint size compares the recomputed root with the signed one. Anything altered,
// inserted, removed or reordered before a signed checkpoint changes that root, so it cannot
// pass. The same function checks the live database when handed its rows as records.
//
// The first problem in leaf order is reported. When the export carries the stored leafHash of
// each event, an edited event is named exactly; otherwise a root mismatch can only say that
// something in the range since the last good checkpoint is wrong, and names the first entry of
// that range — the first one the verifier can no longer vouch for. Time order (an event sealed
// long after an earlier one) is judged only within a range whose root matched, so an event
// whose time was moved is named, not its neighbour that now looks late. Stored leaf hashes only
// pinpoint; they are never evidence: a range whose root matches its signed checkpoint is
// authentic whatever they say.

export type { Problem, ProblemKind, VerifierKeys } from "./verify-checkpoints";

export interface VerifyOptions {
  /** The log's verifier key (`name+id+key`), or several if the signing key was rotated. */
  verifierKey: VerifierKeys;
  /** The log's origin; when omitted, all checkpoints must merely agree on one. */
  origin?: string;
  /** A checkpoint note the auditor kept from before: the export must extend it. */
  trustedCheckpoint?: string;
  /** Fail when an unsealed event is older than this, measured at `asOf`. */
  unsealed?: { maxAgeMs: number; asOf: Date };
  /** Fail when a leaf's occurredAt is this much older than an earlier leaf's (a backdated insert). */
  maxSealDelayMs?: number;
  onProgress?: (eventsChecked: number) => void;
  /** How many events between onProgress calls (default 65,536). */
  progressEvery?: number;
}

export interface VerifyInput {
  scope?: ExportScope;
  /** Event lines or records (see event-record.ts), one by one or in arrays. */
  events: AsyncIterable<unknown> | Iterable<unknown>;
  checkpoints: readonly string[];
  frontier?: FrontierJson;
  consistencyProofs?: readonly ConsistencyLine[];
}

export type VerifyResult =
  | {
      ok: true;
      events: number;
      sealedEvents: number;
      /** Sealed events after the largest checkpoint in the export: recomputed but not yet vouched for. */
      uncoveredEvents: number;
      unsealedEvents: number;
      checkpointsVerified: number;
      /** The largest checkpoint the events were checked against. */
      verifiedSize: number;
      verifiedRoot: string | null;
    }
  | ({ ok: false; eventsChecked: number } & Problem);

/**
 * Verifies an export file given as lines: an array, readline, or — fastest for a file —
 * `linesOf(createReadStream(path))`, which yields them in batches.
 */
export async function verifyExport(lines: LineSource, options: VerifyOptions): Promise<VerifyResult> {
  try {
    const parsed = await readExport(lines);
    if (options.origin === undefined && parsed.header.origin) options = { ...options, origin: parsed.header.origin };
    return await verifyAccessLog({ ...parsed, scope: parsed.header.scope }, options);
  } catch (error) {
    if (!(error instanceof ExportFormatError)) throw error;
    return { ok: false, eventsChecked: 0, kind: "malformed-export", problem: error.message, firstBadSeq: null, firstBadLeafIndex: null };
  }
}

export async function verifyAccessLog(input: VerifyInput, options: VerifyOptions): Promise<VerifyResult> {
  const scope = input.scope ?? "contiguous";
  let count = 0;
  let frontier = new MerkleFrontier();
  try {
    if (input.frontier) frontier = readFrontier(input.frontier);
    const startSize = frontier.size;
    const cps = prepareCheckpoints({ ...input, scope, key: options.verifierKey, options, start: frontier });
    const seen = new Set<string>();
    let sealed = 0;
    let uncovered = 0;
    let unsealed = 0;
    let oldestUnsealed = null as { at: string; seq: string } | null;
    let latestTime = "";
    let lastIndex = -1;
    let rangeStartSeq: string | null = null;
    // The leaves since the last verified checkpoint (a batch, typically 256), kept so that a
    // root mismatch can be traced to the exact event whose stored leaf hash it no longer
    // matches. Comparing lazily keeps a base64 encoding per event off the hot path.
    const pending = { leaves: [] as Buffer[], recorded: [] as (string | undefined)[], items: [] as unknown[] };
    const clearPending = () => (pending.leaves.length = pending.recorded.length = pending.items.length = 0);
    const altered = (): VerificationFailure | null => {
      const first = frontier.size - pending.leaves.length;
      for (let i = 0; i < pending.leaves.length; i++) {
        const recorded = pending.recorded[i];
        if (recorded !== undefined && pending.leaves[i]!.toString("base64") !== recorded) return diagnose(pending.items[i], first + i);
      }
      return null;
    };
    // An event that looks sealed late is charged only once its range has matched its signed
    // root: until then an earlier event may have been altered (its time moved later makes the
    // next one look backdated), and that altered event is the one to name.
    let late: VerificationFailure | null = null;
    /** The first problem in leaf order among an altered unchecked leaf, a deferred late event and `then`. */
    const firstProblem = (then: Error | null = null): Error | null => {
      const found = [altered(), late].filter((f): f is VerificationFailure => f !== null);
      found.sort((a, b) => (a.detail.firstBadLeafIndex ?? 0) - (b.detail.firstBadLeafIndex ?? 0));
      return found[0] ?? then;
    };
    const raise = (error: Error): never => {
      throw firstProblem(error)!;
    };
    const progressEvery = options.progressEvery ?? 65_536;

    const take = (item: unknown): void => {
      count++;
      if (options.onProgress && count % progressEvery === 0) options.onProgress(count);
      let event: DecodedEvent;
      try {
        event = decodeEvent(item);
      } catch (error) {
        // Report problems in leaf order: an altered leaf earlier in the unchecked range comes first.
        if (error instanceof EventRecordError) raise(error);
        throw error;
      }
      const { seq, leafIndex } = event;
      if (seen.has(seq)) raise(failure("duplicate-seq", `seq ${seq} appears twice`, event));
      seen.add(seq);

      if (leafIndex === null) {
        unsealed++;
        if (oldestUnsealed === null || event.occurredAt < oldestUnsealed.at) oldestUnsealed = { at: event.occurredAt, seq };
        return;
      }
      if (unsealed > 0) raise(failure("leaf-order", "a sealed event follows unsealed ones", event));
      if (scope === "contiguous" && leafIndex !== frontier.size) {
        if (leafIndex > frontier.size) {
          raise(failure("leaf-order", `leaf ${frontier.size} is missing: the export jumps to leaf ${leafIndex}`, { seq, leafIndex: frontier.size }));
        }
        raise(failure("leaf-order", `leaf ${leafIndex} is repeated or out of order (expected leaf ${frontier.size})`, event));
      }
      if (scope === "filtered" && leafIndex <= lastIndex) throw failure("leaf-order", `leaf ${leafIndex} is repeated or out of order`, event);
      lastIndex = leafIndex;

      const leaf = leafHashOfText(event.text);
      // Equal-format ISO strings compare like the times they name; parse only when out of order.
      let sealedLate: VerificationFailure | null = null;
      if (event.occurredAt > latestTime) latestTime = event.occurredAt;
      else if (options.maxSealDelayMs !== undefined && Date.parse(latestTime) - Date.parse(event.occurredAt) > options.maxSealDelayMs) {
        sealedLate = failure("sealed-late", `occurred at ${event.occurredAt} but was sealed after an event of ${latestTime}: backdated or inserted late`, event);
      }
      sealed++;

      if (scope === "filtered") {
        // Each event carries its own proof, so it is checked at once, and an event that does
        // not match what was sealed is named for that before its time is judged.
        const anchor = cps.anchor;
        if (!anchor || leafIndex >= anchor.size) {
          uncovered++;
          if (sealedLate) throw sealedLate;
          return;
        }
        if (event.leafHash !== undefined && leaf.toString("base64") !== event.leafHash) {
          throw failure("leaf-hash-mismatch", "the event does not match the leaf hash sealed for it: the event or its hash was altered", event);
        }
        const proof = Array.isArray(event.proof) ? event.proof.map((h) => (typeof h === "string" ? decodeBase64(h) : undefined)) : [];
        if (!proof.every((h) => h !== undefined) || !verifyInclusion(leaf, leafIndex, anchor.size, proof, anchor.rootHash)) {
          throw failure("inclusion-proof", `no valid inclusion proof in the checkpoint of size ${anchor.size}`, event);
        }
        if (sealedLate) throw sealedLate;
        return;
      }
      late ??= sealedLate;
      if (frontier.size === cps.verifiedSize) rangeStartSeq = seq;
      frontier.append(leaf);
      pending.leaves.push(leaf);
      pending.recorded.push(event.leafHash);
      pending.items.push(item);
      if (frontier.size === cps.nextSize) {
        try {
          cps.checkAt(frontier, rangeStartSeq);
        } catch (error) {
          // A mismatched root is traced to the altered leaf when the stored hashes tell which.
          if (error instanceof VerificationFailure && error.detail.kind === "root-mismatch") throw altered() ?? error;
          throw error;
        }
        // The range is authentic, so an event in it that looked late really was sealed late.
        if (late) throw late;
        clearPending();
      } else if (pending.leaves.length >= MAX_PENDING) {
        // Sparse checkpoints: check in chunks rather than hold the whole range.
        const problem = altered();
        if (problem) raise(problem);
        clearPending();
      }
    };

    // Items are event lines or records, or arrays of them (linesOf batches a file's lines so
    // that a million lines do not each cost a trip through an async iterator).
    for await (const item of input.events) {
      if (!Array.isArray(item)) {
        if (item !== "") take(item);
      } else {
        for (const line of item as unknown[]) if (line !== "") take(line);
      }
    }

    if (scope === "contiguous") {
      const problem = firstProblem();
      if (problem) throw problem;
      cps.finish(frontier, rangeStartSeq);
      uncovered = frontier.size - cps.verifiedSize;
    }
    const covered = scope === "contiguous" ? cps.verifiedSize > startSize : uncovered < sealed;
    if (sealed > 0 && !covered) {
      throw new VerificationFailure({
        kind: "no-checkpoint",
        problem: "no signed checkpoint in the export covers its events, so nothing vouches for them",
        firstBadSeq: null,
        firstBadLeafIndex: null,
      });
    }
    if (options.unsealed && oldestUnsealed !== null) {
      const age = options.unsealed.asOf.getTime() - Date.parse(oldestUnsealed.at);
      if (age > options.unsealed.maxAgeMs) {
        throw new VerificationFailure({
          kind: "unsealed-too-long",
          problem: `the event of ${oldestUnsealed.at} is still unsealed after ${Math.round(age / 1000)} s`,
          firstBadSeq: oldestUnsealed.seq,
          firstBadLeafIndex: null,
        });
      }
    }
    return {
      ok: true,
      events: count,
      sealedEvents: sealed,
      uncoveredEvents: uncovered,
      unsealedEvents: unsealed,
      checkpointsVerified: cps.verifiedCount,
      verifiedSize: cps.verifiedSize,
      verifiedRoot: cps.verifiedRoot?.toString("base64") ?? null,
    };
  } catch (error) {
    if (error instanceof VerificationFailure) return { ok: false, eventsChecked: count, ...error.detail };
    if (error instanceof EventRecordError) {
      const detail = { kind: error.kind, problem: error.message, firstBadSeq: error.seq, firstBadLeafIndex: error.leafIndex };
      return { ok: false, eventsChecked: count, ...detail };
    }
    if (error instanceof ExportFormatError) {
      const detail = { kind: "malformed-export" as const, problem: error.message, firstBadSeq: null, firstBadLeafIndex: frontier.size };
      return { ok: false, eventsChecked: count, ...detail };
    }
    throw error;
  }
}

const MAX_PENDING = 65_536;

function readFrontier(json: unknown): MerkleFrontier {
  try {
    return MerkleFrontier.fromJSON(json);
  } catch (error) {
    throw new VerificationFailure({ kind: "malformed-export", problem: `frontier: ${(error as Error).message}`, firstBadSeq: null, firstBadLeafIndex: null });
  }
}

/**
 * Why an exported event does not hash to the leaf sealed for it. Lines are hashed as written,
 * so besides an altered event this may be a line that is no longer canonical JSON (rewritten by
 * some tool) or one with data appended after the event; the full parse tells these apart.
 */
function diagnose(item: unknown, leafIndex: number): VerificationFailure {
  const fast = decodeEvent(item);
  const at = { seq: fast.seq, leafIndex };
  let full: DecodedEvent;
  try {
    full = decodeEventFully(item);
  } catch (error) {
    if (error instanceof EventRecordError) return failure("malformed-event", error.message, at);
    throw error;
  }
  if (full.text !== fast.text) {
    return failure("leaf-hash-mismatch", "the event is not written as canonical JSON (RFC 8785), so its bytes are not the sealed ones", at);
  }
  return failure("leaf-hash-mismatch", "the event does not match the leaf hash sealed for it: the event or its hash was altered", at);
}

function failure(kind: ProblemKind, problem: string, at: { seq: string; leafIndex: number | null }): VerificationFailure {
  return new VerificationFailure({ kind, problem, firstBadSeq: at.seq, firstBadLeafIndex: at.leafIndex });
}
