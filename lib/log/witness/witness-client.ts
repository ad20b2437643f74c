import type { Queryable } from "../events/event-rows";
import { parseNote } from "../checkpoints/signed-note";
import { TreeReader } from "../merkle/tree-reader";
import { SIZE_CONTENT_TYPE, formatAddCheckpoint } from "./add-checkpoint";
import { type CosignerKey, parseCosignerKey, verifyCosignatures } from "./cosignature";

// The sealer's side of C2SP tlog-witness: after a seal it offers the newest checkpoint to every
// configured witness with a consistency proof from the size that witness last cosigned. A 409
// names the witness's own size, and the client re-proves from it (once per round); 403/404/422
// and anything else are recorded as the witness's last error and retried on a later seal. Each
// call has a deadline, and at most one call per witness is under way, so a slow or dead witness
// costs the sealer nothing: sealing never waits for witnesses, and a witness that comes back
// cosigns the newest checkpoint, which by consistency vouches for every earlier one.

export interface WitnessEndpoint {
  /** A label for logs and readiness; the cosigner's name is the key's. */
  label: string;
  url: string;
  key: CosignerKey;
}

export interface WitnessStatus {
  label: string;
  name: string;
  /** The largest checkpoint size this witness has cosigned, as far as the log knows. */
  cosignedSize: number | null;
  lastOkAt: string | null;
  lastError: string | null;
}

/**
 * CUSTODY_WITNESSES: entries separated by `;` or newlines, each `label url vkey` separated by
 * spaces, e.g. `privacy-office http://10.0.0.5:3321 privacy.example/w1+1a2b3c4d+BA…`.
 */
export function parseWitnessList(text: string | undefined): WitnessEndpoint[] {
  if (!text?.trim()) return [];
  const entries = text.split(/[;\n]/).map((e) => e.trim()).filter(Boolean);
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const fields = entry.split(/\s+/);
    if (fields.length !== 3) throw new Error(`CUSTODY_WITNESSES entry ${i + 1}: expected "label url vkey"`);
    const [label = "", url = "", vkey = ""] = fields;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`CUSTODY_WITNESSES entry ${i + 1} (${label}): ${JSON.stringify(url)} is not a URL`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`CUSTODY_WITNESSES entry ${i + 1} (${label}): the URL must be http or https`);
    let key: CosignerKey;
    try {
      key = parseCosignerKey(vkey);
    } catch (error) {
      throw new Error(`CUSTODY_WITNESSES entry ${i + 1} (${label}): ${(error as Error).message}`);
    }
    if (seen.has(label) || seen.has(key.vkey)) throw new Error(`CUSTODY_WITNESSES entry ${i + 1}: witness ${label} is listed twice`);
    seen.add(label).add(key.vkey);
    return { label, url: url.replace(/\/+$/, ""), key };
  });
}

export interface WitnessClientOptions {
  witnesses: readonly WitnessEndpoint[];
  db: Queryable;
  timeoutMs?: number;
  log?: (message: string) => void;
  fetch?: typeof fetch;
}

interface State {
  endpoint: WitnessEndpoint;
  status: WitnessStatus;
  known: number | null;
  running: Promise<void> | null;
}

export class WitnessClient {
  readonly #states: State[];
  readonly #opts: WitnessClientOptions;

  constructor(opts: WitnessClientOptions) {
    this.#opts = opts;
    this.#states = opts.witnesses.map((endpoint) => ({
      endpoint,
      status: { label: endpoint.label, name: endpoint.key.name, cosignedSize: null, lastOkAt: null, lastError: null },
      known: null,
      running: null,
    }));
  }

  get status(): WitnessStatus[] {
    return this.#states.map((s) => ({ ...s.status }));
  }

  get keys(): CosignerKey[] {
    return this.#states.map((s) => s.endpoint.key);
  }

  /**
   * Offers `latest` to every witness that has not cosigned it and has no call under way; never
   * waits for the answers. Returns the calls started, for callers that want to wait (tests,
   * `audit:seal --once`).
   */
  offer(latest: { size: number; note: string } | null): Promise<void> {
    if (!latest) return Promise.resolve();
    const started: Promise<void>[] = [];
    for (const state of this.#states) {
      if (state.running || (state.status.cosignedSize !== null && state.status.cosignedSize >= latest.size)) continue;
      state.running = this.#submit(state, latest).finally(() => {
        state.running = null;
      });
      started.push(state.running);
    }
    return Promise.all(started).then(() => {});
  }

  /** Waits for the calls under way. */
  async idle(): Promise<void> {
    await Promise.all(this.#states.map((s) => s.running));
  }

  async #submit(state: State, checkpoint: { size: number; note: string }): Promise<void> {
    const { endpoint, status } = state;
    const log = this.#opts.log ?? (() => {});
    const fail = (why: string) => {
      if (status.lastError !== why) log(`witness ${endpoint.label}: ${why}`);
      status.lastError = why;
    };
    try {
      const body = parseNote(checkpoint.note).body;
      let old = state.known ?? (await this.#storedSize(endpoint.key)) ?? 0;
      for (let attempt = 0; attempt < 3; attempt++) {
        if (old > checkpoint.size) {
          state.known = old;
          return fail(`the witness has cosigned size ${old}, beyond the log's ${checkpoint.size}: a rollback, or another log with this origin`);
        }
        const proof = old === 0 || old === checkpoint.size ? [] : await new TreeReader(this.#opts.db).consistencyProof(old, checkpoint.size);
        const res = await (this.#opts.fetch ?? fetch)(`${endpoint.url}/add-checkpoint`, {
          method: "POST",
          headers: { "content-type": "text/plain; charset=utf-8" },
          body: formatAddCheckpoint({ oldSize: old, proof, note: checkpoint.note }),
          signal: AbortSignal.timeout(this.#opts.timeoutMs ?? 3000),
        });
        const text = (await res.text()).slice(0, 64 * 1024);
        if (res.status === 409) {
          const size = /^(0|[1-9][0-9]{0,15})\n$/.exec(text)?.[1];
          if (!res.headers.get("content-type")?.startsWith(SIZE_CONTENT_TYPE) || size === undefined) return fail(`409 without a size: ${text.slice(0, 200)}`);
          if (Number(size) === old) return fail(`409 at its own size ${old}: the witness holds a different checkpoint of that size (a fork?)`);
          old = Number(size);
          state.known = old;
          continue;
        }
        if (res.status !== 200) return fail(`HTTP ${res.status}: ${text.trim().slice(0, 200)}`);
        const lines = text.split("\n").filter((l) => l !== "");
        const valid = verifyCosignatures(body, lines, [endpoint.key]);
        const cosig = valid[0];
        if (!cosig) return fail("the answer carries no cosignature by the configured key");
        await this.#opts.db.query(
          `INSERT INTO audit_cosignature (tree_size, witness_name, key_id, cosigned_at, line)
           VALUES ($1::bigint, $2, $3::bigint, to_timestamp($4::float8), $5) ON CONFLICT DO NOTHING`,
          [String(checkpoint.size), cosig.name, String(cosig.keyId), cosig.timestamp, cosig.line],
        );
        state.known = checkpoint.size;
        status.cosignedSize = checkpoint.size;
        status.lastOkAt = new Date().toISOString();
        if (status.lastError) log(`witness ${endpoint.label}: cosigning again (size ${checkpoint.size})`);
        status.lastError = null;
        return;
      }
      fail("the witness's size kept changing; trying again on the next seal");
    } catch (error) {
      const e = error as Error;
      fail(e.name === "TimeoutError" ? `no answer within ${this.#opts.timeoutMs ?? 3000} ms` : `unreachable: ${e.message}`);
    }
  }

  async #storedSize(key: CosignerKey): Promise<number | null> {
    const r = await this.#opts.db.query<{ n: string | null }>("SELECT max(tree_size)::text AS n FROM audit_cosignature WHERE witness_name = $1 AND key_id = $2::bigint", [
      key.name,
      String(key.keyId),
    ]);
    const n = r.rows[0]?.n;
    return n === null || n === undefined ? null : Number(n);
  }
}

export interface WitnessedState {
  /** The newest checkpoint carrying at least `quorum` cosignatures by the given keys (0: none). */
  witnessedSize: number;
  /** Seconds the oldest checkpoint above that size has waited for a quorum (0: none waits). */
  lagSeconds: number;
}

/** Which checkpoint the log's witnesses vouch for, and how long newer ones have waited. */
export async function witnessedState(db: Queryable, keys: readonly CosignerKey[], quorum: number): Promise<WitnessedState> {
  const r = await db.query<{ size: string; lag: number | null }>(
    `WITH w AS (
       SELECT coalesce(max(tree_size), 0) AS size FROM (
         SELECT s.tree_size FROM audit_cosignature s
           JOIN unnest($1::text[], $2::bigint[]) AS k(name, id) ON s.witness_name = k.name AND s.key_id = k.id
          GROUP BY s.tree_size HAVING count(*) >= $3) q)
     SELECT w.size::text AS size,
            extract(epoch FROM clock_timestamp() - (SELECT min(c.created_at) FROM audit_checkpoint c WHERE c.tree_size > w.size))::float8 AS lag
       FROM w`,
    [keys.map((k) => k.name), keys.map((k) => String(k.keyId)), quorum],
  );
  const row = r.rows[0];
  return { witnessedSize: Number(row?.size ?? 0), lagSeconds: Math.max(0, Math.floor(row?.lag ?? 0)) };
}
