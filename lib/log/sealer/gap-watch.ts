// Seqs the sealer passed over because they were not visible yet. A BIGSERIAL value is taken
// when a transaction inserts, but becomes visible only when it commits, so seq 100 can appear
// after seq 101 was sealed — or never, if its transaction rolled back. The sealer's floor
// moves past such a gap at once (so the common path stays an index range scan), and the gap is
// rechecked by primary key on every seal until its event turns up or `maxAgeMs` passes. A gap
// given up on is still found by the sealer's periodic sweep, so no committed event is left
// unsealed forever; it is merely sealed later.

export class GapWatch {
  readonly #firstSeen = new Map<string, number>();

  constructor(readonly maxAgeMs = 10 * 60_000) {}

  /** The gaps still watched, for the next seal's recheck. */
  seqs(): string[] {
    return [...this.#firstSeen.keys()];
  }

  get size(): number {
    return this.#firstSeen.size;
  }

  /** Records a seal: its new gaps start being watched, the seqs it sealed stop being. */
  update(result: { seqs: readonly string[]; gaps: readonly string[] }, now = Date.now()): void {
    for (const seq of result.seqs) this.#firstSeen.delete(seq);
    for (const seq of result.gaps) if (!this.#firstSeen.has(seq)) this.#firstSeen.set(seq, now);
  }

  /** Adds seqs found committed but unsealed by a sweep. */
  add(seqs: readonly string[], now = Date.now()): void {
    for (const seq of seqs) if (!this.#firstSeen.has(seq)) this.#firstSeen.set(seq, now);
  }

  /** Stops watching gaps older than maxAgeMs (their transactions rolled back); returns them. */
  expire(now = Date.now()): string[] {
    const dropped: string[] = [];
    for (const [seq, seen] of this.#firstSeen) {
      if (now - seen > this.maxAgeMs) {
        this.#firstSeen.delete(seq);
        dropped.push(seq);
      }
    }
    return dropped;
  }
}
