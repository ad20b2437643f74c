import { NoteError, openCheckpoint, parseNote } from "../checkpoints/signed-note";
import { type CosignerKey, parseCosignerKey, verifyCosignatures } from "./cosignature";

// The trust policy a client applies to a checkpoint: the log's signature must verify, and at
// least `quorum` of the witnesses it trusts must have cosigned this very checkpoint text. A
// cosignature line that claims a trusted witness and does not verify fails the check outright.

export interface CosignedVerdict {
  ok: boolean;
  size: number | null;
  quorum: number;
  /** The trusted witnesses whose valid cosignature the note carries, with their timestamps. */
  signedBy: { name: string; timestamp: number }[];
  /** The trusted witnesses that did not cosign it. */
  missing: string[];
  problem?: string;
}

export function verifyCosignedCheckpoint(note: string, opts: { logKey: string | string[]; witnesses: readonly (string | CosignerKey)[]; quorum: number; origin?: string }): CosignedVerdict {
  const witnesses = opts.witnesses.map((w) => (typeof w === "string" ? parseCosignerKey(w) : w));
  const fail = (problem: string, size: number | null = null): CosignedVerdict => ({ ok: false, size, quorum: opts.quorum, signedBy: [], missing: witnesses.map((w) => w.name), problem });
  const logKeys = Array.isArray(opts.logKey) ? opts.logKey : [opts.logKey];
  let opened: number | null = null;
  let lastError = "no log key given";
  for (const key of logKeys) {
    try {
      opened = openCheckpoint(note, key, opts.origin).size;
      break;
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      lastError = error.message;
    }
  }
  if (opened === null) return fail(`the log's signature does not verify: ${lastError}`);
  const size = opened;
  const { body } = parseNote(note);
  const lines = note.slice(body.length + 1, -1).split("\n");
  let valid;
  try {
    valid = verifyCosignatures(body, lines, witnesses, { now: Math.floor(Date.now() / 1000) });
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    return fail(error.message, size);
  }
  const signedBy = valid.map((c) => ({ name: c.name, timestamp: c.timestamp }));
  const missing = witnesses.filter((w) => !valid.some((c) => c.name === w.name && c.keyId === w.keyId)).map((w) => w.name);
  const ok = signedBy.length >= opts.quorum;
  return { ok, size, quorum: opts.quorum, signedBy, missing, ...(ok ? {} : { problem: `${signedBy.length} of the required ${opts.quorum} witness cosignatures` }) };
}
