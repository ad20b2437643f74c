import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";

// The witness's own durable state: per log origin the latest checkpoint it cosigned, and the
// fork evidence it has seen. One JSON file, replaced atomically (write a temporary file, fsync,
// rename over the old one, fsync the directory), so a crash leaves the old state or the new one,
// never half of either. Fork evidence is also written as one file per fork beside it, since an
// operator reporting a misbehaving log wants the two signed notes as they came.

export interface WitnessedCheckpoint {
  size: number;
  /** base64 root hash */
  root: string;
  /** The checkpoint note the witness cosigned (with the log's signature). */
  note: string;
  cosignedAt: string;
}

export interface ForkEvidence {
  origin: string;
  detectedAt: string;
  kind: "same-size-different-root" | "inconsistent-proof";
  /** The checkpoint the witness had cosigned. */
  witnessed: WitnessedCheckpoint;
  /** The signed checkpoint that conflicts with it, as presented. */
  presented: string;
  /** The consistency proof presented with it (base64). */
  proof: string[];
}

export interface WitnessState {
  version: 1;
  logs: Record<string, WitnessedCheckpoint>;
  forks: ForkEvidence[];
}

export class WitnessStore {
  #state: WitnessState = { version: 1, logs: {}, forks: [] };

  constructor(readonly file: string) {}

  get state(): Readonly<WitnessState> {
    return this.#state;
  }

  async load(): Promise<this> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return this;
      throw error;
    }
    const parsed = JSON.parse(text) as WitnessState;
    if (parsed.version !== 1 || typeof parsed.logs !== "object" || !Array.isArray(parsed.forks)) {
      throw new Error(`${this.file} is not a witness state file`);
    }
    this.#state = parsed;
    return this;
  }

  latest(origin: string): WitnessedCheckpoint | undefined {
    return Object.hasOwn(this.#state.logs, origin) ? this.#state.logs[origin] : undefined;
  }

  async setLatest(origin: string, checkpoint: WitnessedCheckpoint): Promise<void> {
    await this.#save({ ...this.#state, logs: { ...this.#state.logs, [origin]: checkpoint } });
  }

  async recordFork(evidence: ForkEvidence): Promise<string> {
    const same = this.#state.forks.some((f) => f.origin === evidence.origin && f.presented === evidence.presented);
    const name = `fork-${evidence.detectedAt.replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}.json`;
    const evidenceFile = path.join(path.dirname(this.file), "forks", name);
    await writeAtomically(evidenceFile, JSON.stringify(evidence, null, 2) + "\n");
    if (!same) await this.#save({ ...this.#state, forks: [...this.#state.forks, evidence] });
    return evidenceFile;
  }

  async #save(next: WitnessState): Promise<void> {
    await writeAtomically(this.file, JSON.stringify(next, null, 2) + "\n");
    this.#state = next;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  const d = await open(dir, "r");
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
