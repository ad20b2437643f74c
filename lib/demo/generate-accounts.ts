// Synthetic platform accounts: the people whose DMs the demo threads are between. The mix is
// chosen to exercise the access rules in the brief: two data regions (residency), minors (the
// queue's "involves a minor" flag and grooming reports) and protected accounts (second-person
// approval). Counts are exact rather than random so small test datasets still contain every kind.

import { createRng, deriveSeed, type Rng } from "./prng";
import type { Person, ProtectedKind } from "./types";
import type { Region } from "../dto";
import {
  EU_FIRST_NAMES,
  EU_LAST_NAMES,
  HANDLE_WORDS,
  NAME_EMOJI,
  PROTECTED_HANDLE_STYLE,
  US_FIRST_NAMES,
  US_LAST_NAMES,
  handlePart,
} from "./vocab-people";

const US_SHARE = 0.6;
const MINOR_SHARE = 0.08;
/** ~6 protected accounts in the default 320. */
const PROTECTED_SHARE = 6 / 320;
const PROTECTED_KINDS: readonly ProtectedKind[] = ["journalist", "official", "staff"];

const HANDLE_STYLES = [
  "{first}{last}", "{first}.{last}", "{first}_{last}{nn}", "{first}{nn}", "{first}{word}",
  "{first}.{word}", "{f}{last}", "{first}_{word}{nn}", "its{first}", "{first}{last}{nn}",
] as const;

export function generateAccounts(seed: number, count: number): Person[] {
  const rng = createRng(deriveSeed(seed, "accounts"));
  const usCount = Math.round(count * US_SHARE);
  const regions: Region[] = rng.shuffle(
    Array.from({ length: count }, (_, i): Region => (i < usCount ? "US" : "EU")),
  );

  // Minors and protected accounts are drawn per region so both regions have some of each.
  const minorCount = Math.max(2, Math.round(count * MINOR_SHARE));
  const protectedCount = Math.max(3, Math.round(count * PROTECTED_SHARE));
  const byRegion = (region: Region) => regions.flatMap((r, i) => (r === region ? [i] : []));
  const us = rng.shuffle(byRegion("US"));
  const eu = rng.shuffle(byRegion("EU"));
  const usMinors = Math.min(us.length - 1, Math.max(1, Math.round((minorCount * us.length) / count)));
  const minors = new Set([...us.slice(0, usMinors), ...eu.slice(0, minorCount - usMinors)]);
  const adults = [...us.slice(usMinors), ...eu.slice(minorCount - usMinors)];
  // Alternate regions when handing out protected status, cycling through the three kinds.
  const adultUs = adults.filter((i) => regions[i] === "US");
  const adultEu = adults.filter((i) => regions[i] === "EU");
  const protectedKind = new Map<number, ProtectedKind>();
  for (let k = 0; k < protectedCount; k++) {
    const pool = k % 2 === 0 ? adultUs : adultEu;
    const index = pool[Math.floor(k / 2)];
    if (index !== undefined) protectedKind.set(index, PROTECTED_KINDS[k % 3] as ProtectedKind);
  }

  const width = Math.max(4, String(count).length);
  const handles = new Set<string>();
  return regions.map((dataRegion, i): Person => {
    const isMinor = minors.has(i);
    const kind = protectedKind.get(i) ?? null;
    const firstName = rng.pick(dataRegion === "US" ? US_FIRST_NAMES : EU_FIRST_NAMES);
    const lastName = rng.pick(dataRegion === "US" ? US_LAST_NAMES : EU_LAST_NAMES);
    const handle = uniqueHandle(rng, handles, firstName, lastName, kind);
    return {
      account: {
        externalId: `demo-acct-${String(i + 1).padStart(width, "0")}`,
        handle,
        displayName: displayName(rng, firstName, lastName, isMinor, kind),
        isMinor,
        dataRegion,
        isProtected: kind !== null,
        protectedKind: kind,
      },
      firstName,
      lastName,
      age: isMinor ? rng.int(13, 17) : rng.int(18, 71),
      // Log-normal chattiness: most accounts are quiet, a few are in many threads.
      activity: Math.exp(rng.gauss() * 0.8),
    };
  });
}

function uniqueHandle(
  rng: Rng,
  taken: Set<string>,
  firstName: string,
  lastName: string,
  kind: ProtectedKind | null,
): string {
  const first = handlePart(firstName);
  const last = handlePart(lastName);
  const style = kind ? rng.pick(PROTECTED_HANDLE_STYLE[kind]) : rng.pick(HANDLE_STYLES);
  const base = style
    .replace("{first}", first)
    .replace("{last}", last)
    .replace("{f}", first.slice(0, 1))
    .replace("{word}", rng.pick(HANDLE_WORDS))
    .replace("{nn}", String(rng.int(1, 99)));
  // Namesakes happen; a trailing number is what real users end up with too.
  let handle = base;
  for (let n = 2; taken.has(handle); n++) handle = `${base}${n}`;
  taken.add(handle);
  return handle;
}

function displayName(
  rng: Rng,
  firstName: string,
  lastName: string,
  isMinor: boolean,
  kind: ProtectedKind | null,
): string {
  if (kind) return `${firstName} ${lastName}`;
  if (isMinor) {
    return rng.chance(0.5) ? `${firstName} ${rng.pick(NAME_EMOJI)}` : `${firstName} ${lastName.slice(0, 1)}.`;
  }
  return rng.weighted<string>([
    [`${firstName} ${lastName}`, 70],
    [`${firstName} ${lastName.slice(0, 1)}.`, 15],
    [firstName, 10],
    [`${firstName} ${rng.pick(NAME_EMOJI)}`, 5],
  ]);
}
