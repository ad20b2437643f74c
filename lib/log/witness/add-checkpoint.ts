import { decodeBase64 } from "../checkpoints/signed-note";

// The body of a C2SP tlog-witness `add-checkpoint` request (https://c2sp.org/tlog-witness):
//
//   old <size>\n
//   <base64 hash>\n            (zero to 63 consistency proof lines)
//   \n
//   <checkpoint note: text, blank line, signature lines>

export const MAX_PROOF_LINES = 63;
/** Content type of a 409 answer: the witness's latest size in decimal and a newline. */
export const SIZE_CONTENT_TYPE = "text/x.tlog.size";

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Buffer[];
  note: string;
}

export class RequestFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RequestFormatError";
  }
}

export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  if (request.proof.length > MAX_PROOF_LINES) throw new RangeError("a consistency proof has at most 63 hashes");
  return `old ${request.oldSize}\n${request.proof.map((h) => `${Buffer.from(h).toString("base64")}\n`).join("")}\n${request.note}`;
}

export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  const end = body.indexOf("\n\n");
  if (end < 0) throw new RequestFormatError("expected an old size line, proof lines and an empty line before the checkpoint");
  const [oldLine = "", ...proofLines] = body.slice(0, end).split("\n");
  const m = /^old (0|[1-9][0-9]{0,15})$/.exec(oldLine);
  if (!m || !Number.isSafeInteger(Number(m[1]))) throw new RequestFormatError("the first line must be `old <size>` in decimal without leading zeros");
  if (proofLines.length > MAX_PROOF_LINES) throw new RequestFormatError("more than 63 consistency proof lines");
  const proof = proofLines.map((line, i) => {
    const hash = decodeBase64(line);
    if (!hash || hash.length !== 32) throw new RequestFormatError(`consistency proof line ${i + 1} is not base64 of a 32-byte hash`);
    return hash;
  });
  return { oldSize: Number(m[1]), proof, note: body.slice(end + 2) };
}
