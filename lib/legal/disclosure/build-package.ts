import "server-only";
import { once } from "node:events";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { type DisclosureTicket, disclosedMessages, logDisclosure } from "@/lib/access/read-disclosed-messages";
import type { StaffContext } from "@/lib/auth/staff-context";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { auditConfig, checkpointSigningKey } from "@/lib/log/config";
import { waitForInclusion } from "@/lib/log/disclosure/event-inclusion";
import { type DisclosureManifest, FILES, PACKAGE_FORMAT, PACKAGE_VERSION, type PackageFile, signPackageManifest } from "@/lib/log/disclosure/package-format";
import { auditPool } from "@/lib/log/pool";
import { Sealer } from "@/lib/log/sealer/sealer";
import { serverSealer } from "@/lib/log/sealer/server-sealer";
import { coverLetter } from "./cover-letter";
import { HashingStream } from "./hashing-stream";

// A legal request's disclosure package (issue 11 §4, ADR 028), streamed as a ZIP in constant
// memory. Order is the promise: the EXPORT event naming every message commits (the door,
// lib/access/read-disclosed-messages.ts); it is sealed into a signed checkpoint and its
// inclusion proof taken; only then are messages decrypted, a batch at a time, into the PDF
// listing and records.jsonl; the manifest of every file's SHA-256 and its signature come last.

export class PackageNotSealedError extends AppError {
  constructor() {
    super(503, "LOG_NOT_SEALED", "The package's EXPORT event is logged but not sealed into a signed checkpoint yet, so no package was built. Try again shortly.");
  }
}

export type PreparedPackage = { ticket: DisclosureTicket; fileName: string; write: (out: Writable) => Promise<void> };

/** Seals pending events here when this process runs no sealer (CLI, tests); the server's own sealer seals otherwise. */
async function sealHere(): Promise<void> {
  if (serverSealer()) return new Promise((resolve) => setTimeout(resolve, 150));
  const sealer = new Sealer({ connectionString: env().DATABASE_URL, log: () => {} });
  try {
    await sealer.sealAll({ waitMs: 1000 });
  } catch {
    // Another process holds the sealer's lock: it will seal the event; wait for it.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Logs the EXPORT event and waits for its proof; returns a writer that streams the package.
 * Refusals throw (403/404, logged) before anything is written; a log failure throws 503.
 */
export async function prepareDisclosurePackage(staff: StaffContext, requestId: string, meta: RequestMeta, opts: { sealTimeoutMs?: number } = {}): Promise<PreparedPackage> {
  const ticket = await logDisclosure(staff, requestId, meta);
  const proof = await waitForInclusion(auditPool(), ticket.seq, { seal: sealHere, timeoutMs: opts.sealTimeoutMs ?? 30_000 });
  if (!proof) throw new PackageNotSealedError();
  const config = auditConfig();
  const signer = await checkpointSigningKey(config);
  return {
    ticket,
    fileName: `disclosure-L${ticket.request.number}-${ticket.packageId.slice(0, 8)}.zip`,
    write: async (out) => {
      const zip = new yazl.ZipFile();
      const written = pipeline(zip.outputStream, out);
      const files: PackageFile[] = [];
      // One entry at a time: yazl reads the streams in order, so each is produced only as it is written.
      const entry = async (name: string, source: Readable) => {
        const hashed = new HashingStream();
        source.on("error", (e) => hashed.destroy(e));
        zip.addReadStream(source.pipe(hashed), name, { mtime: ticket.builtAt });
        await once(hashed, "end");
        files.push({ name, size: hashed.size, sha256: hashed.digest() });
      };
      try {
        await entry(FILES.cover, coverLetter(ticket, config.origin, disclosedMessages(ticket)) as unknown as Readable);
        await entry(FILES.records, Readable.from(jsonLines(ticket)));
        await entry(FILES.proof, Readable.from([Buffer.from(`${JSON.stringify(proof, null, 2)}\n`)]));
        const manifest: DisclosureManifest = {
          format: PACKAGE_FORMAT,
          version: PACKAGE_VERSION,
          origin: config.origin,
          packageId: ticket.packageId,
          request: { id: ticket.request.id, number: ticket.request.number, reference: ticket.request.reference, authority: ticket.request.authority },
          builtAt: ticket.builtAt.toISOString(),
          builtBy: ticket.builtBy.email,
          exportEventSeq: ticket.seq.toString(),
          messages: ticket.messageCount,
          files,
        };
        const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
        zip.addBuffer(manifestBytes, FILES.manifest, { mtime: ticket.builtAt });
        zip.addBuffer(Buffer.from(signPackageManifest(manifestBytes, manifest, signer)), FILES.signature, { mtime: ticket.builtAt });
        zip.end();
      } catch (error) {
        (zip.outputStream as Readable).destroy(error as Error);
        await written.catch(() => {});
        throw error;
      }
      await written;
    },
  };
}

async function* jsonLines(ticket: DisclosureTicket): AsyncGenerator<Buffer> {
  for await (const batch of disclosedMessages(ticket)) {
    yield Buffer.from(batch.map((m) => `${JSON.stringify(m)}\n`).join(""));
  }
}
