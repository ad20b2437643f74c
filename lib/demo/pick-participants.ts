// Choosing who is in a thread. People are drawn in proportion to their activity, so a few accounts
// turn up in many threads (as on a real platform, and as the per-account access reports need),
// and within a region and an age group, because that is who mostly messages whom.

import type { Region } from "../dto";
import type { Rng } from "./prng";
import type { Person } from "./types";

export type PersonFilter = {
  region?: Region;
  /** true: only minors; false: only adults; undefined: either. */
  minor?: boolean;
  /** Leave out protected accounts (they are never written as the offender). */
  unprotected?: boolean;
  /** `minor` is a hard requirement (grooming: the author must be an adult), not a preference. */
  ageRequired?: boolean;
  exclude?: readonly Person[];
};

type Pool = { people: Person[]; cumulative: number[] };

export class PersonPools {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly people: readonly Person[]) {}

  /**
   * One person matching the filter, weighted by activity. If nobody matches (tiny datasets), the
   * age-group and then the region preference are relaxed rather than failing; a required age
   * group is never relaxed, the region is given up instead.
   */
  pick(rng: Rng, filter: PersonFilter): Person {
    const relaxations: PersonFilter[] = filter.ageRequired
      ? [filter, { ...filter, region: undefined }, { ...filter, region: undefined, unprotected: undefined }]
      : [
          filter,
          { ...filter, minor: undefined },
          { ...filter, minor: undefined, region: undefined },
          { exclude: filter.exclude },
        ];
    for (const f of relaxations) {
      const found = this.pickStrict(rng, f);
      if (found) return found;
    }
    throw new RangeError("demo data: not enough accounts to fill a conversation");
  }

  private pickStrict(rng: Rng, filter: PersonFilter): Person | undefined {
    const pool = this.pool(filter);
    const exclude = new Set(filter.exclude ?? []);
    const total = pool.cumulative[pool.cumulative.length - 1] ?? 0;
    if (total === 0) return undefined;
    // Rejection sampling is cheap while exclusions are few (at most five people per thread).
    for (let attempt = 0; attempt < 24; attempt++) {
      const candidate = pool.people[upperBound(pool.cumulative, rng.next() * total)];
      if (candidate && !exclude.has(candidate)) return candidate;
    }
    const rest = pool.people.filter((p) => !exclude.has(p));
    return rest.length > 0 ? rng.pick(rest) : undefined;
  }

  private pool(filter: PersonFilter): Pool {
    const key = `${filter.region ?? "*"}|${filter.minor ?? "*"}|${filter.unprotected ?? false}`;
    let pool = this.pools.get(key);
    if (!pool) {
      const people = this.people.filter(
        (p) =>
          (filter.region === undefined || p.account.dataRegion === filter.region) &&
          (filter.minor === undefined || p.account.isMinor === filter.minor) &&
          !(filter.unprotected && p.account.isProtected),
      );
      let sum = 0;
      pool = { people, cumulative: people.map((p) => (sum += p.activity)) };
      this.pools.set(key, pool);
    }
    return pool;
  }
}

/**
 * Participants of an ordinary (unreported) thread: `first` plus `size - 1` others from the same
 * region, or with the second from the other region for the few cross-region threads.
 */
export function pickParticipants(
  rng: Rng,
  pools: PersonPools,
  size: number,
  crossRegion: boolean,
  first: Person | undefined,
): Person[] {
  const lead = first ?? pools.pick(rng, {});
  const home = lead.account.dataRegion;
  const chosen: Person[] = [lead];
  while (chosen.length < size) {
    const region = crossRegion && chosen.length === 1 ? (home === "US" ? "EU" : "US") : home;
    // Teenagers mostly message teenagers (some parents and coaches); adults rarely message minors.
    const minor = lead.account.isMinor ? rng.chance(0.85) : rng.chance(0.02);
    chosen.push(pools.pick(rng, { region, minor, exclude: chosen }));
  }
  return chosen;
}

/** Index of the first cumulative weight greater than x. */
function upperBound(cumulative: readonly number[], x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
