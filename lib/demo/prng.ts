// A small seeded pseudo-random generator for the demo data. Not for anything security-relevant:
// its only job is to make `generateDemoData` reproducible, so the same seed always yields the same
// accounts, threads and reports (tests, screenshots and bug reports can then point at real rows).
// Math.random() is never used in lib/demo for that reason.

export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** A float spread evenly on a log scale between min and max (both > 0): good for waiting times. */
  logUniform(min: number, max: number): number;
  /** A standard normal deviate (Box–Muller). */
  gauss(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** A shuffled copy (Fisher–Yates); the input is left alone so callers stay pure. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct elements, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
};

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter): 128 bits of state, passes PractRand, and is a
 * handful of 32-bit integer operations per draw, so 30,000 messages cost microseconds. The seed is
 * spread over the state with splitmix32 so nearby seeds (1, 2, 3) give unrelated streams.
 */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix32 = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();

  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  // Discard the first draws: sfc32's authors recommend it so the state is well mixed.
  for (let i = 0; i < 12; i++) next();

  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError("pick() from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };

  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  };

  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    logUniform: (min, max) => Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min))),
    gauss: () => {
      // 1 - next() is in (0, 1], so the logarithm is finite.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    pick,
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
      if (entries.length === 0 || total <= 0) throw new RangeError("weighted() needs a positive weight");
      let roll = next() * total;
      for (const [value, w] of entries) {
        roll -= Math.max(0, w);
        if (roll < 0) return value;
      }
      // Floating-point leftovers land on the last entry with a positive weight.
      const last = [...entries].reverse().find(([, w]) => w > 0);
      return (last as readonly [T, number])[0];
    },
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, Math.max(0, count)),
  };
}

/**
 * A seed for one named part of the generator ("accounts", "threads", ...), derived from the
 * caller's seed with FNV-1a. Each part draws from its own stream, so asking for more messages does
 * not reshuffle the accounts: the same seed keeps the same people across dataset sizes.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // One extra avalanche round so seeds differing in one low bit still diverge everywhere.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}
