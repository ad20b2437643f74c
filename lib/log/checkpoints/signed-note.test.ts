import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { leafHash, rootOf } from "../merkle/merkle";
import {
  type NoteProblem,
  NoteError,
  formatCheckpoint,
  keyIdFor,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  rawEd25519PublicKey,
  signNote,
  verifierKeyString,
} from "./signed-note";
import { ed25519KeyFromSeed } from "./signing-key";

// Known answers from Go's golang.org/x/mod/sumdb/note tests and the C2SP signed-note spec.
// Ed25519 is deterministic, so signing the same text with the same seed must reproduce the
// published signature byte for byte — proof that Go's tools accept our notes.
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIGNER_SEED = Buffer.from("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "base64").subarray(1);
const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SIG = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const ENOCH_SIG = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
const SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const SPEC_NOTE =
  "This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

function problemOf(attempt: () => unknown): NoteProblem | "none" | "other" {
  try {
    attempt();
    return "none";
  } catch (error) {
    return error instanceof NoteError ? error.problem : "other";
  }
}

const newKey = () => generateKeyPairSync("ed25519");
const ORIGIN = "custody.test/access-log";
const log = { name: ORIGIN, ...newKey() };
const logVkey = verifierKeyString(log.name, log.publicKey);
const root5 = rootOf([0, 1, 2, 3, 4].map((i) => leafHash(Buffer.from([i]))));
const checkpointBody = formatCheckpoint({ origin: ORIGIN, size: 5, rootHash: root5 });
const checkpointNote = signNote(checkpointBody, log);

describe("signed notes: known answers", () => {
  it("reproduces Go's PeterNeumann note and verifier key from the same seed", () => {
    const privateKey = ed25519KeyFromSeed(PETER_SIGNER_SEED);
    expect(signNote(GO_TEXT, { name: "PeterNeumann", privateKey })).toBe(`${GO_TEXT}\n${PETER_SIG}`);
    expect(verifierKeyString("PeterNeumann", rawEd25519PublicKey(createPublicKey(privateKey)))).toBe(PETER_VKEY);
    expect(parseVerifierKey(PETER_VKEY).keyId).toBe(0xc74f20a3);
  });

  it("opens a note signed by two keys with either key", () => {
    const note = `${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expect(openNote(note, PETER_VKEY)).toBe(GO_TEXT);
    expect(openNote(note, ENOCH_VKEY)).toBe(GO_TEXT);
    expect(parseNote(note).signatures.map((s) => s.name)).toEqual(["PeterNeumann", "EnochRoot"]);
  });

  it("opens the example of the C2SP spec", () => {
    expect(openNote(SPEC_NOTE, SPEC_VKEY)).toBe("This is an example message.\n");
  });
});

describe("signed notes and checkpoints", () => {
  it("round-trip a checkpoint through sign, open and parse", () => {
    expect(checkpointBody).toBe(`${ORIGIN}\n5\n${root5.toString("base64")}\n`);
    expect(checkpointNote.startsWith(`${checkpointBody}\n— ${ORIGIN} `)).toBe(true);
    expect(checkpointNote.slice(checkpointBody.length)).toMatch(/^\n— \S+ [A-Za-z0-9+/]{91}=\n$/); // 4 + 64 bytes
    const checkpoint = openCheckpoint(checkpointNote, logVkey, ORIGIN);
    expect(checkpoint).toEqual({ origin: ORIGIN, size: 5, rootHash: root5, extensions: [] });
    const key = parseVerifierKey(`${logVkey}\n`);
    expect(key.keyId).toBe(keyIdFor(ORIGIN, rawEd25519PublicKey(log.publicKey)));
    expect(openNote(checkpointNote, key)).toBe(checkpointBody);
  });

  it("rejects a note signed by another key, even one claiming the same name", () => {
    const other = { name: ORIGIN, ...newKey() };
    expect(problemOf(() => openNote(signNote(checkpointBody, other), logVkey))).toBe("unknown-key");
    expect(problemOf(() => openNote(checkpointNote, verifierKeyString(ORIGIN, other.publicKey)))).toBe("unknown-key");
    expect(() => openNote(checkpointNote, PETER_VKEY)).toThrow(/not signed by PeterNeumann\+c74f20a3/);
  });

  it("rejects a signature line that claims our key id but was made by another key", () => {
    const forgedSig = signNote(checkpointBody, { name: ORIGIN, privateKey: newKey().privateKey }).split("\n— ")[1]!;
    const ourId = Buffer.alloc(4);
    ourId.writeUInt32BE(parseVerifierKey(logVkey).keyId);
    const blob = Buffer.from(forgedSig.split(" ")[1]!, "base64");
    const forged = `${checkpointBody}\n— ${ORIGIN} ${Buffer.concat([ourId, blob.subarray(4)]).toString("base64")}\n`;
    expect(problemOf(() => openNote(forged, logVkey))).toBe("bad-signature");
    // A good signature does not excuse a bad one by the same key beside it.
    expect(problemOf(() => openNote(`${checkpointNote}${forged.split("\n\n")[1]}`, logVkey))).toBe("bad-signature");
  });

  it("rejects an altered origin, size or root", () => {
    const [origin, size, root] = checkpointBody.split("\n");
    const flipped = Buffer.from(root!, "base64");
    flipped[0]! ^= 1;
    const alterations = [
      checkpointNote.replace(origin!, "custody.test/other-log"),
      checkpointNote.replace(`\n${size}\n`, "\n6\n"),
      checkpointNote.replace(root!, flipped.toString("base64")),
      checkpointNote.replace(checkpointBody, checkpointBody + "extra\n"),
    ];
    for (const note of alterations) expect(problemOf(() => openCheckpoint(note, logVkey))).toBe("bad-signature");
  });

  it("rejects a checkpoint of another log signed with the same key", () => {
    const other = signNote(formatCheckpoint({ origin: "custody.test/elsewhere", size: 5, rootHash: root5 }), log);
    expect(problemOf(() => openCheckpoint(other, logVkey, ORIGIN))).toBe("wrong-origin");
  });

  it("rejects malformed notes", () => {
    const sigLine = checkpointNote.slice(checkpointBody.length + 1);
    const malformed = [
      checkpointBody, // no signature block
      checkpointNote.slice(0, -1), // no final newline
      `${checkpointBody}\n`, // blank line but no signatures
      `${checkpointBody}\n${sigLine.replace("— ", "-- ")}`,
      `${checkpointBody}\n${sigLine.replace("— ", "—")}`,
      `${checkpointBody}\n${sigLine.replace(/ (\S+)\n$/, " $1!\n")}`,
      `${checkpointBody}\n${sigLine.replace(/=\n$/, "\n")}`, // unpadded base64
      `${checkpointBody}\n${sigLine.replace(ORIGIN, "has+plus")}`,
      `${checkpointBody}\n— ${ORIGIN} AAAA\n`, // shorter than a key id
      `${checkpointBody}\n${sigLine}\n`, // trailing blank line
      checkpointNote.replace("\n5\n", "\n5\r\n"), // control character
      checkpointNote.replace(ORIGIN, `${ORIGIN}\ud800`),
      `${checkpointBody}\n${sigLine.repeat(101)}`,
      "\n\n" + sigLine,
    ];
    for (const note of malformed) expect(problemOf(() => openNote(note, logVkey)), JSON.stringify(note)).toBe("malformed");
  });

  it("rejects malformed verifier keys", () => {
    const [name, id, key] = [ORIGIN, logVkey.split("+")[1]!, logVkey.split("+").slice(2).join("+")];
    const bad = [
      "",
      "nokeyid",
      `${name}+${id}`,
      `+${id}+${key}`,
      `${name}+${id.toUpperCase()}+${key}`,
      `${name}+00000000+${key}`, // id does not match
      `other+${id}+${key}`, // id is bound to the name
      `${name}+${id}+${Buffer.concat([Buffer.from([2]), rawEd25519PublicKey(log.publicKey)]).toString("base64")}`,
      `${name}+${id}+${key.slice(0, -4)}`,
      `${name} x+${id}+${key}`,
    ];
    for (const text of bad) expect(problemOf(() => parseVerifierKey(text)), text).toBe("malformed");
  });

  it("refuses to sign text that could not be opened", () => {
    for (const body of ["", "no newline", "bad\u0007char\n"]) expect(problemOf(() => signNote(body, log))).toBe("malformed");
    expect(problemOf(() => signNote(checkpointBody, { ...log, name: "two words" }))).toBe("malformed");
  });
});

describe("checkpoint text", () => {
  const rootB64 = root5.toString("base64");

  it("keeps extension lines", () => {
    const body = formatCheckpoint({ origin: ORIGIN, size: 0, rootHash: root5, extensions: ["seal-batch 1", "x"] });
    expect(parseCheckpoint(body)).toEqual({ origin: ORIGIN, size: 0, rootHash: root5, extensions: ["seal-batch 1", "x"] });
  });

  it("rejects sizes that are not canonical decimals, bad roots and missing lines", () => {
    const bad = [
      `${ORIGIN}\n05\n${rootB64}\n`,
      `${ORIGIN}\n-1\n${rootB64}\n`,
      `${ORIGIN}\n1e3\n${rootB64}\n`,
      `${ORIGIN}\n 5\n${rootB64}\n`,
      `${ORIGIN}\n99999999999999999999\n${rootB64}\n`,
      `${ORIGIN}\n5\n${rootB64.slice(4)}\n`,
      `${ORIGIN}\n5\n${root5.toString("base64url")}x\n`,
      `${ORIGIN}\n5\n${rootB64}`,
      `${ORIGIN}\n5\n`,
      `\n5\n${rootB64}\n`,
      `${ORIGIN}\n5\n${rootB64}\n\n`,
    ];
    for (const body of bad) expect(problemOf(() => parseCheckpoint(body)), JSON.stringify(body)).toBe("malformed");
    expect(problemOf(() => formatCheckpoint({ origin: "a\nb", size: 1, rootHash: root5 }))).toBe("malformed");
    expect(problemOf(() => formatCheckpoint({ origin: ORIGIN, size: 1.5, rootHash: root5 }))).toBe("malformed");
    expect(problemOf(() => formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: root5.subarray(1) }))).toBe("malformed");
  });
});
