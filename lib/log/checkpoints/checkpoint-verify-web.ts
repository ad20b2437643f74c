// A checkpoint's signature checked with WebCrypto, so the auditor's browser can check it
// itself (lib/log/checkpoints/signed-note.ts is the server's and the CLI's, on node:crypto). The same
// C2SP signed-note rules: the verifier key is `<name>+<hex key id>+<base64(0x01 ‖ key)>`, the
// key id is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4], and a signature line is
// `— <name> <base64(key id ‖ Ed25519 signature over the text)>`. Checked against
// signNote's output in checkpoint-verify-web.test.ts, so the two cannot drift apart.

export type WebCheckpoint = { origin: string; size: number; rootHash: string };

export type WebCheckpointResult =
  | { ok: true; checkpoint: WebCheckpoint; keyName: string; keyId: string }
  | { ok: false; why: string; unsupported?: true };

const EM_DASH_PREFIX = "\u2014 ";
const fromB64 = (s: string): Uint8Array<ArrayBuffer> | null => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
};
const toHex = (u: Uint8Array) => [...u].map((b) => b.toString(16).padStart(2, "0")).join("");

async function keyIdOf(name: string, rawKey: Uint8Array<ArrayBuffer>): Promise<string> {
  const input = new Uint8Array([...new TextEncoder().encode(name), 0x0a, 0x01, ...rawKey]);
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", input)).subarray(0, 4));
}

/** Verifies `note` with `verifierKey` and returns the checkpoint it signs, or why it does not verify. */
export async function verifyCheckpointInBrowser(note: string, verifierKey: string): Promise<WebCheckpointResult> {
  // <name>+<8 hex digits>+<base64>; the base64 may itself contain "+".
  const text = verifierKey.trim();
  const plus = text.indexOf("+");
  const name = text.slice(0, plus);
  const idHex = text.slice(plus + 1, plus + 9);
  const key = text[plus + 9] === "+" ? fromB64(text.slice(plus + 10)) : null;
  if (plus <= 0 || !/^[0-9a-f]{8}$/.test(idHex) || !key || key.length !== 33 || key[0] !== 0x01) return { ok: false, why: "The published verifier key is not an Ed25519 key." };
  const raw = key.subarray(1);
  if ((await keyIdOf(name, raw)) !== idHex) return { ok: false, why: "The published verifier key's id does not match the key." };

  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) return { ok: false, why: "The checkpoint is not a signed note." };
  const body = note.slice(0, split + 1);
  const ours = note
    .slice(split + 2, -1)
    .split("\n")
    .filter((line) => line.startsWith(`${EM_DASH_PREFIX}${name} `))
    .map((line) => fromB64(line.slice(EM_DASH_PREFIX.length + name.length + 1)))
    .filter((blob): blob is Uint8Array<ArrayBuffer> => blob !== null && blob.length === 68 && toHex(blob.subarray(0, 4)) === idHex);
  if (ours.length === 0) return { ok: false, why: `The checkpoint carries no signature by ${name}+${idHex}.` };

  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
  } catch {
    return { ok: false, unsupported: true, why: "This browser cannot check Ed25519 signatures; use the offline verifier (npm run audit:verify)." };
  }
  const message = new TextEncoder().encode(body);
  for (const blob of ours) {
    if (!(await crypto.subtle.verify({ name: "Ed25519" }, publicKey, blob.subarray(4), message))) return { ok: false, why: "The checkpoint's signature does not verify." };
  }

  const [origin, sizeText, rootText] = body.split("\n");
  const root = fromB64(rootText ?? "");
  if (!origin || !sizeText || !/^(0|[1-9][0-9]*)$/.test(sizeText) || !root || root.length !== 32) return { ok: false, why: "The signed text is not a checkpoint." };
  return { ok: true, checkpoint: { origin, size: Number(sizeText), rootHash: rootText! }, keyName: name, keyId: idHex };
}
