import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, readdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseCheckpoint, parseNote } from "./signed-note";

// Checkpoints kept outside the database (CUSTODY_CHECKPOINT_DIR): one file per tree size,
// written once and never replaced, plus `latest`. Whoever can rewrite the database cannot
// rewrite these, so a verifier comparing the two catches a rewritten, truncated or forked log.
// In production the directory would be a write-once bucket; the semantics here are the same:
// a size, once written, keeps its note, and a different note for it is refused as a fork.

export const LATEST_FILE = "latest";
const FILE_RE = /^(\d{1,16})\.checkpoint$/;

export class CheckpointForkError extends Error {
  constructor(readonly size: number, message: string) {
    super(message);
    this.name = "CheckpointForkError";
  }
}

export interface StoredCheckpoint {
  size: number;
  note: string;
}

export class CheckpointDirectory {
  constructor(readonly dir: string) {}

  fileFor(size: number): string {
    return path.join(this.dir, `${String(size).padStart(12, "0")}.checkpoint`);
  }

  /**
   * Creates the directory. Only for a log that has no checkpoint yet (store-guard.ts): a store
   * that vanished under a log with history must be restored, not quietly started afresh.
   */
  async create(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  async exists(): Promise<boolean> {
    return stat(this.dir).then((s) => s.isDirectory(), ifMissing(false));
  }

  /** Whether a file can be written here now, by writing and removing one (permission bits lie to root). */
  async writable(): Promise<boolean> {
    const probe = path.join(this.dir, `.probe.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await writeFile(probe, "", { flag: "wx" });
      await unlink(probe);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Writes the checkpoint of `size` unless it is already there. Writing is tmp-file then
   * link(), which fails if the name exists, so two writers can never both "win"; rewriting the
   * identical note (a sealer resuming after a crash) is fine, a different one is a fork. The
   * directory must exist: writing never recreates a store that was deleted.
   */
  async write(size: number, note: string): Promise<void> {
    const file = this.fileFor(size);
    const tmp = path.join(this.dir, `.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    await writeFile(tmp, note, { flag: "wx", flush: true });
    try {
      await link(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const existing = await readFile(file, "utf8");
      if (existing !== note) throw new CheckpointForkError(size, `the checkpoint store already holds a different checkpoint of size ${size}: refusing to fork the log`);
    } finally {
      await unlink(tmp);
    }
    await this.#raiseLatest(size, note);
  }

  /** `latest` only moves forward; it is replaced atomically (rename) so readers never see half a note. */
  async #raiseLatest(size: number, note: string): Promise<void> {
    const current = await this.latest();
    if (current && current.size >= size) return;
    const tmp = path.join(this.dir, `.latest.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    await writeFile(tmp, note, { flag: "wx", flush: true });
    await rename(tmp, path.join(this.dir, LATEST_FILE));
  }

  async read(size: number): Promise<string | null> {
    return readFile(this.fileFor(size), "utf8").catch(ifMissing(null));
  }

  async latest(): Promise<StoredCheckpoint | null> {
    const note = await readFile(path.join(this.dir, LATEST_FILE), "utf8").catch(ifMissing(null));
    return note === null ? null : { size: sizeOf(note), note };
  }

  /** The tree sizes that have a file, ascending. */
  async sizes(): Promise<number[]> {
    const names = await readdir(this.dir).catch(ifMissing([] as string[]));
    return names
      .map((name) => FILE_RE.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  /** Every stored checkpoint, ascending by size, plus `latest` if it names a size with no file. */
  async all(): Promise<StoredCheckpoint[]> {
    const out: StoredCheckpoint[] = [];
    const sizes = await this.sizes();
    // A few files at a time: tens of thousands of parallel reads would run out of descriptors.
    for (let i = 0; i < sizes.length; i += 64) {
      const notes = await Promise.all(sizes.slice(i, i + 64).map((size) => this.read(size)));
      notes.forEach((note, k) => note !== null && out.push({ size: sizes[i + k]!, note }));
    }
    const latest = await this.latest();
    if (latest && !out.some((c) => c.size === latest.size && c.note === latest.note)) out.push(latest);
    return out.sort((a, b) => a.size - b.size);
  }
}

/** The tree size a note claims (unverified: only for filing and ordering). */
export function sizeOf(note: string): number {
  return parseCheckpoint(parseNote(note).body).size;
}

function ifMissing<T>(value: T) {
  return (error: unknown): T => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return value;
    throw error;
  };
}
