import http from "node:http";
import type { KeyObject } from "node:crypto";
import { NoteError, type VerifierKey, openNote, parseCheckpoint, parseNote } from "../checkpoints/signed-note";
import { verifyConsistency } from "../merkle/merkle-verify";
import { SIZE_CONTENT_TYPE, parseAddCheckpoint, RequestFormatError } from "./add-checkpoint";
import { cosign } from "./cosignature";
import type { WitnessStore } from "./witness-store";

// A C2SP tlog-witness (https://c2sp.org/tlog-witness): POST /add-checkpoint with an old size, a
// consistency proof and a checkpoint; the witness checks the log's signature, that the old size
// is the size it last cosigned, and that the proof takes its recorded root to the new one, and
// only then records the new checkpoint and answers with its cosignature. Requests are handled
// one at a time, so checking the old size and recording the new checkpoint are atomic (the
// spec's rollback race cannot happen). A fork — the same size with another root, or a signed
// checkpoint whose proof from the recorded one fails — is refused, reported loudly and kept.

const MAX_BODY = 64 * 1024;

export interface WitnessOptions {
  name: string;
  privateKey: KeyObject;
  /** Trusted log keys; the key name is the log's origin, as Custody names its log key. */
  logs: readonly VerifierKey[];
  store: WitnessStore;
  log?: (message: string) => void;
  now?: () => number;
}

interface Answer {
  status: number;
  body: string;
  contentType?: string;
}

export function createWitnessServer(opts: WitnessOptions): http.Server {
  const log = opts.log ?? ((m: string) => console.log(`[witness] ${m}`));
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };

  return http.createServer((req, res) => {
    const send = (a: Answer) => {
      res.writeHead(a.status, { "content-type": a.contentType ?? "text/plain; charset=utf-8", "content-length": Buffer.byteLength(a.body) });
      res.end(a.body);
    };
    const url = new URL(req.url ?? "/", "http://witness");
    if (url.pathname !== "/add-checkpoint") return send({ status: 404, body: "not found: the witness serves POST /add-checkpoint\n" });
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return send({ status: 405, body: "use POST\n" });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        send({ status: 413, body: "request body too large\n" });
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (res.headersSent) return;
      serial(() => addCheckpoint(opts, Buffer.concat(chunks).toString("utf8"), log))
        .then(send)
        .catch((error: unknown) => {
          log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
          send({ status: 500, body: "internal error\n" });
        });
    });
  });
}

async function addCheckpoint(opts: WitnessOptions, body: string, log: (m: string) => void): Promise<Answer> {
  const bad = (message: string): Answer => ({ status: 400, body: `${message}\n` });
  let request;
  let checkpoint;
  try {
    request = parseAddCheckpoint(body);
    checkpoint = parseCheckpoint(parseNote(request.note).body);
  } catch (error) {
    if (error instanceof RequestFormatError || error instanceof NoteError) return bad(`bad request: ${error.message}`);
    throw error;
  }
  const keys = opts.logs.filter((k) => k.name === checkpoint.origin);
  if (keys.length === 0) return { status: 404, body: `unknown log origin ${JSON.stringify(checkpoint.origin)}\n` };
  let text: string | undefined;
  for (const key of keys) {
    try {
      text = openNote(request.note, key);
      break;
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
    }
  }
  if (text === undefined) {
    log(`refused a checkpoint for ${checkpoint.origin} of size ${checkpoint.size}: no valid signature by a trusted log key`);
    return { status: 403, body: "the checkpoint carries no valid signature by a key trusted for its origin\n" };
  }
  if (request.oldSize > checkpoint.size) return bad(`old size ${request.oldSize} is larger than the checkpoint size ${checkpoint.size}`);
  const latest = opts.store.latest(checkpoint.origin);
  const latestSize = latest?.size ?? 0;
  if (request.oldSize !== latestSize) {
    return { status: 409, body: `${latestSize}\n`, contentType: SIZE_CONTENT_TYPE };
  }
  const root = checkpoint.rootHash.toString("base64");
  const fork = async (kind: "same-size-different-root" | "inconsistent-proof") => {
    if (!latest) return;
    const file = await opts.store.recordFork({
      origin: checkpoint.origin,
      detectedAt: new Date(opts.now?.() ?? Date.now()).toISOString(),
      kind,
      witnessed: latest,
      presented: request.note,
      proof: request.proof.map((h) => h.toString("base64")),
    });
    log(`FORK DETECTED for ${checkpoint.origin}: ${kind} at size ${checkpoint.size} (cosigned size ${latest.size}, root ${latest.root}; presented root ${root}); evidence in ${file}`);
  };
  if (latest && request.oldSize === checkpoint.size) {
    if (latest.root !== root) {
      await fork("same-size-different-root");
      return { status: 409, body: `${latestSize}\n`, contentType: SIZE_CONTENT_TYPE };
    }
  } else if (request.oldSize === 0) {
    if (request.proof.length !== 0) return { status: 422, body: "the consistency proof must be empty when the old size is zero\n" };
  } else if (!latest || !verifyConsistency(latest.size, checkpoint.size, Buffer.from(latest.root, "base64"), checkpoint.rootHash, request.proof)) {
    await fork("inconsistent-proof");
    return { status: 422, body: `the consistency proof from size ${latestSize} to ${checkpoint.size} does not verify\n` };
  }
  const now = Math.floor((opts.now?.() ?? Date.now()) / 1000);
  const line = cosign(text, { name: opts.name, privateKey: opts.privateKey }, now);
  await opts.store.setLatest(checkpoint.origin, { size: checkpoint.size, root, note: request.note, cosignedAt: new Date(now * 1000).toISOString() });
  return { status: 200, body: `${line}\n` };
}
