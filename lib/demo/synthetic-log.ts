import type { KeyObject } from "node:crypto";
import { type CanonicalEvent, canonicalEventText } from "@/lib/log/events/event-leaf";
import { exportCheckpointLine, exportEventLine, exportHeaderLine } from "@/lib/log/format/export-format";
import { MerkleFrontier } from "@/lib/log/merkle/merkle-frontier";
import { leafHashOfText } from "@/lib/log/merkle/merkle-hash";
import { formatCheckpoint, signNote } from "@/lib/log/checkpoints/signed-note";

// A deterministic, realistic-looking access log built in memory, sealed the way the sealer
// seals (a checkpoint every `batch` leaves), for the verifier's tests and benchmark. No
// database: the point is to exercise the exact export format end to end.

const ROLES = [["REVIEWER"], ["REVIEWER", "LEAD"], ["LEGAL"], ["AUDITOR"]];
const ACTIONS = ["content.read", "grant.request", "grant.approve", "case.decide", "access.denied", "auth.sign_in"];
const PURPOSES = ["USER_REPORT", "PROACTIVE_FLAG", "LEGAL_PROCESS", "EMERGENCY", "APPEAL"];

/** A uuid-shaped id derived from a number, so events are reproducible. */
function idFor(kind: number, n: number): string {
  const h = ((n * 2654435761) >>> 0).toString(16).padStart(8, "0");
  const k = kind.toString(16).padStart(4, "0");
  return `${h}-${k}-4${h.slice(0, 3)}-8${h.slice(3, 6)}-${h}${k}`;
}

/** Event number i of a synthetic log (seq = i + 1, one event every 250 ms from 2026-01-01). */
export function syntheticEvent(i: number): CanonicalEvent {
  const denied = i % 17 === 0;
  const read = !denied && i % 3 !== 2;
  return {
    seq: String(i + 1),
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 250).toISOString(),
    actorId: idFor(1, i % 40),
    actorEmail: `reviewer${i % 40}@custody.test`,
    actorRoles: ROLES[i % ROLES.length]!,
    action: denied ? "access.denied" : ACTIONS[i % ACTIONS.length]!,
    outcome: denied ? "DENIED" : "ALLOWED",
    denialReason: denied ? "NO_ACTIVE_GRANT" : null,
    caseId: idFor(2, i >> 4),
    conversationId: idFor(3, i >> 5),
    accountIds: [`acct-${(i * 7) % 1000}`, `acct-${(i * 13) % 1000}`],
    messageIds: read ? [`msg-${i}-1`, `msg-${i}-2`, `msg-${i}-3`] : [],
    purpose: PURPOSES[i % PURPOSES.length]!,
    justification: read ? `Reviewing report #${i >> 4}: reported threats in thread` : null,
    grantId: read ? idFor(4, i >> 3) : null,
    requestId: `req-${i.toString(36)}`,
    ipHmac: idFor(5, i % 97).replace(/-/g, "").padEnd(64, "0"),
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Custody/1.0",
    details: i % 5 === 0 ? { scope: { before: 10, after: 10 }, widened: i % 10 === 0 } : null,
  };
}

export interface SyntheticExport {
  /** The whole export file, one string per line. */
  lines: string[];
  checkpoints: string[];
  leafHashes: Buffer[];
  /** Total bytes of the lines (UTF-8, with newlines): what a raw hash would read. */
  bytes: number;
}

/**
 * Seals `count` synthetic events, signing a checkpoint after every `batch` leaves and at the
 * end, and writes a contiguous export. `unsealedTail` more events are appended unsealed.
 */
export function buildSyntheticExport(opts: {
  count: number;
  batch: number;
  signer: { name: string; privateKey: KeyObject };
  origin: string;
  withLeafHashes?: boolean;
  unsealedTail?: number;
  event?: (i: number) => CanonicalEvent;
}): SyntheticExport {
  const makeEvent = opts.event ?? syntheticEvent;
  const frontier = new MerkleFrontier();
  const checkpoints: string[] = [];
  const leafHashes: Buffer[] = [];
  const eventLines: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    const canonicalText = canonicalEventText(makeEvent(i));
    const leaf = leafHashOfText(canonicalText);
    leafHashes.push(leaf);
    frontier.append(leaf);
    eventLines.push(exportEventLine({ canonicalText }, { leafIndex: i, leafHash: opts.withLeafHashes === false ? undefined : leaf }));
    if (frontier.size % opts.batch === 0 || i === opts.count - 1) {
      checkpoints.push(signNote(formatCheckpoint({ origin: opts.origin, size: frontier.size, rootHash: frontier.root() }), opts.signer));
    }
  }
  for (let i = opts.count; i < opts.count + (opts.unsealedTail ?? 0); i++) {
    eventLines.push(exportEventLine(makeEvent(i), { leafIndex: null }));
  }
  const lines = [
    exportHeaderLine({ scope: "contiguous", origin: opts.origin, exportedAt: new Date(Date.UTC(2026, 0, 2)).toISOString() }),
    ...checkpoints.map(exportCheckpointLine),
    ...eventLines,
  ];
  const bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
  return { lines, checkpoints, leafHashes, bytes };
}
