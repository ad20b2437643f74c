// Decides, before any text is written, who talks to whom and which threads get reported for what.
// Planning reports first and then choosing participants to fit them is what guarantees the
// report invariants by construction: a grooming thread is always an adult writing to a minor, the
// reporter is always in the thread and never the author of what they report.

import type { Category, Region } from "../dto";
import { createRng, deriveSeed, type Rng } from "./prng";
import { REPORT_CATEGORIES, type Person } from "./types";
import { PROBLEM_SCRIPTS, type Script } from "./vocab-problems";
import { XSS_PAYLOADS } from "./xss-payloads";
import { PersonPools, pickParticipants } from "./pick-participants";

export type ReportPlan = {
  category: Category;
  script: Script;
  /** Writes the reported messages. */
  author: Person;
  /** Receives them and files the report. */
  reporter: Person;
  bystanders: Person[];
};

export type ConversationPlan = {
  externalId: string;
  participants: Person[];
  report: ReportPlan | null;
  /** A few threads run for weeks with hundreds of messages (the benchmark reads 200 at once). */
  long: boolean;
  /** An XSS payload to drop in as an ordinary message, if this thread carries one. */
  xss: string | null;
};

export type PlanCounts = { conversations: number; reports: number };

/** Each category gets at least a tenth of the reports; the rest follow how often each is reported. */
const CATEGORY_WEIGHTS: Record<Category, number> = {
  HARASSMENT: 3, SCAM: 3, THREATS: 2, HATE: 2, SELF_HARM: 1.5, GROOMING: 1.5,
};
const GROUP_SHARE = 0.1;
const CROSS_REGION_SHARE = 0.004;
const LONG_SHARE = 1 / 150;

export function planConversations(seed: number, people: readonly Person[], counts: PlanCounts): ConversationPlan[] {
  const rng = createRng(deriveSeed(seed, "conversations"));
  const pools = new PersonPools(people);
  const n = counts.conversations;
  const width = Math.max(5, String(n).length);

  // Which threads are reported, and for what. Sampling indices spreads them through the list.
  const reported = rng.sample(range(n), counts.reports);
  const categories = rng.shuffle(reportCategories(rng, counts.reports));
  const categoryOf = new Map(reported.map((index, k) => [index, categories[k] as Category]));
  const ordinary = rng.shuffle(range(n).filter((i) => !categoryOf.has(i)));

  // A few reported threads are long too, so a reviewer's scope sits inside a bigger thread.
  const longCount = Math.max(1, Math.round(n * LONG_SHARE));
  const longReported = reported.slice(0, Math.min(3, longCount));
  const long = new Set([...longReported, ...ordinary.slice(0, longCount - longReported.length)]);
  const crossCount = Math.max(2, Math.round(n * CROSS_REGION_SHARE));
  const cross = new Set(ordinary.slice(longCount, longCount + crossCount));
  // One reported scam comes from abroad: data residency must cope with mixed-region threads.
  const firstScam = reported.find((i) => categoryOf.get(i) === "SCAM");
  if (firstScam !== undefined) cross.add(firstScam);

  // XSS payloads go into reported threads, just before the reported messages, so they sit in a
  // reviewer's default scope and an end-to-end test can see them rendered; extras go elsewhere.
  const xssHosts = [...rng.sample(reported, XSS_PAYLOADS.length), ...ordinary.slice(-XSS_PAYLOADS.length)];
  const xssOf = new Map(XSS_PAYLOADS.map((payload, k) => [xssHosts[k], payload] as const));

  // Journalists and officials attract threats and pile-ons: route a few reports to protected
  // accounts so the second-person approval path is part of the demo.
  const protectedTargets = rng.shuffle(people.filter((p) => p.account.isProtected)).slice(0, 3);
  const coverage = rng.shuffle(people);
  let coverageNext = 0;

  return range(n).map((i): ConversationPlan => {
    const externalId = `demo-conv-${String(i + 1).padStart(width, "0")}`;
    const category = categoryOf.get(i);
    const base = { externalId, long: long.has(i), xss: xssOf.get(i) ?? null };
    if (category) {
      const target = category === "THREATS" || category === "HARASSMENT" ? protectedTargets.shift() : undefined;
      const report = planReport(rng, pools, category, cross.has(i), target);
      const participants = rng.shuffle([report.author, report.reporter, ...report.bystanders]);
      return { ...base, participants, report };
    }
    // Everyone appears in at least one thread when there are enough threads to go round.
    const first = coverageNext < coverage.length ? coverage[coverageNext++] : undefined;
    const size = rng.chance(GROUP_SHARE) ? rng.int(3, 5) : 2;
    return { ...base, participants: pickParticipants(rng, pools, size, cross.has(i), first), report: null };
  });
}

function planReport(
  rng: Rng,
  pools: PersonPools,
  category: Category,
  crossRegion: boolean,
  protectedTarget: Person | undefined,
): ReportPlan {
  let author: Person;
  let reporter: Person;
  if (category === "GROOMING") {
    // Always a minor receiving, an adult writing, same region: the grooming invariant.
    reporter = pools.pick(rng, { minor: true, ageRequired: true });
    const region = reporter.account.dataRegion;
    author = pools.pick(rng, { minor: false, ageRequired: true, unprotected: true, region, exclude: [reporter] });
  } else if (protectedTarget) {
    reporter = protectedTarget;
    author = pools.pick(rng, { minor: false, unprotected: true, region: reporter.account.dataRegion, exclude: [reporter] });
  } else {
    author = pools.pick(rng, { unprotected: true, minor: category === "SCAM" ? false : undefined });
    const region = crossRegion ? otherRegion(author.account.dataRegion) : author.account.dataRegion;
    // Peers report peers: teenagers mostly message teenagers, adults adults. Anyone gets scammed.
    const minor = category === "SCAM" ? undefined : author.account.isMinor;
    reporter = pools.pick(rng, { region, minor, exclude: [author] });
  }

  const audience = reporter.account.isMinor ? "minors" : "adults";
  const fitting = PROBLEM_SCRIPTS[category].filter((s) => !s.audience || s.audience === audience);
  const script = rng.pick(fitting.length > 0 ? fitting : PROBLEM_SCRIPTS[category]);
  const bystanders: Person[] = [];
  if (script.groupOnly) {
    const region = reporter.account.dataRegion;
    const count = rng.int(1, 3);
    for (let k = 0; k < count; k++) {
      const exclude = [author, reporter, ...bystanders];
      bystanders.push(pools.pick(rng, { region, minor: reporter.account.isMinor, exclude }));
    }
  }
  return { category, script, author, reporter, bystanders };
}

/** At least floor(count / 10) of each category, the remainder drawn by CATEGORY_WEIGHTS. */
function reportCategories(rng: Rng, count: number): Category[] {
  const floor = Math.floor(count / 10);
  const out: Category[] = REPORT_CATEGORIES.flatMap((c) => Array.from({ length: floor }, () => c));
  // Tiny datasets (under 10 reports) still cover as many categories as they can.
  if (floor === 0) out.push(...REPORT_CATEGORIES.slice(0, count));
  const weights = REPORT_CATEGORIES.map((c) => [c, CATEGORY_WEIGHTS[c]] as const);
  while (out.length < count) out.push(rng.weighted(weights));
  return out;
}

function otherRegion(region: Region): Region {
  return region === "US" ? "EU" : "US";
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
