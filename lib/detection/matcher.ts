import AhoCorasick from "modern-ahocorasick";
import { normalise, wordCount } from "./normalise";
import type { RuleDefinition } from "./rule-definition";

// One Aho–Corasick automaton over every term of every rule in a rule set, built once per
// rule-set version (rule-set-cache.ts): a message is normalised once and scanned once,
// in time linear in its length plus its matches, whatever the number of rules. No regular
// expressions, so no backtracking and no input that makes a scan slow.

export type MatchableRule = { definition: RuleDefinition };

/** A rule that matched a message: a terms rule (signal null) or one signal of a signals rule. */
export type Hit = { rule: number; signal: number | null };

/** Why (the test box): the rule's own terms that were found, by signal for a signals rule. */
export type Explained = Hit & { terms: string[] };

/** Which rule a pattern belongs to, and as what: "terms", "near" (the proximity's other side) or a signal's index. */
type Owner = { rule: number; role: "terms" | "near" | number; term: string };

type Span = { from: number; to: number };
type Sides = { terms: Span[]; near: Span[]; termWords: string[]; nearWords: string[] };

export class RuleMatcher {
  readonly #automaton: AhoCorasick;
  readonly #owners: Owner[][] = [];
  readonly #words: number[] = [];
  readonly #rules: readonly MatchableRule[];

  constructor(rules: readonly MatchableRule[]) {
    this.#rules = rules;
    const index = new Map<string, number>();
    const add = (raw: string, owner: Owner) => {
      const pattern = normalise(raw);
      if (pattern.length < 3) return; // no letters or digits: the schema refuses such terms
      let i = index.get(pattern);
      if (i === undefined) {
        i = this.#owners.length;
        index.set(pattern, i);
        this.#owners.push([]);
        this.#words.push(wordCount(pattern));
      }
      const owners = this.#owners[i]!;
      if (!owners.some((o) => o.rule === owner.rule && o.role === owner.role)) owners.push(owner);
    };
    rules.forEach(({ definition: d }, rule) => {
      if (d.kind === "terms") {
        for (const term of d.terms) add(term, { rule, role: "terms", term });
        for (const term of d.near?.terms ?? []) add(term, { rule, role: "near", term });
      } else {
        d.signals.forEach((s, signal) => s.terms.forEach((term) => add(term, { rule, role: signal, term })));
      }
    });
    this.#automaton = new AhoCorasick([...index.keys()]);
  }

  get patternCount(): number {
    return this.#owners.length;
  }

  /** The rules (and signals) a text matches. */
  scan(text: string): Hit[] {
    return this.#run(normalise(text), null);
  }

  /** The same, with the terms found: for text a lead typed into the rules page, never for DMs. */
  explain(text: string): Explained[] {
    const found = new Map<string, string[]>();
    const hits = this.#run(normalise(text), found);
    return hits.map((h) => ({ ...h, terms: [...new Set(found.get(key(h.rule, h.signal)) ?? [])] }));
  }

  #run(text: string, found: Map<string, string[]> | null): Hit[] {
    const matches = this.#automaton.search(text);
    if (matches.length === 0) return [];
    const hits = new Map<string, Hit>();
    // Proximity rules: where each side's terms stand, in word positions.
    let sides: Map<number, Sides> | null = null;
    for (const m of matches) {
      for (const o of this.#owners[m.patternIndex]!) {
        const d = this.#rules[o.rule]!.definition;
        if (d.kind === "terms" && d.near) {
          sides ??= new Map();
          let s: Sides | undefined = sides.get(o.rule);
          if (!s) sides.set(o.rule, (s = { terms: [], near: [], termWords: [], nearWords: [] }));
          const from = wordIndexAt(text, m.start);
          const span = { from, to: from + this.#words[m.patternIndex]! - 1 };
          if (o.role === "near") {
            s.near.push(span);
            s.nearWords.push(o.term);
          } else {
            s.terms.push(span);
            s.termWords.push(o.term);
          }
          continue;
        }
        const signal = typeof o.role === "number" ? o.role : null;
        const k = key(o.rule, signal);
        if (!hits.has(k)) hits.set(k, { rule: o.rule, signal });
        if (found) found.set(k, [...(found.get(k) ?? []), o.term]);
      }
    }
    if (sides) {
      for (const [rule, s] of sides) {
        const d = this.#rules[rule]!.definition;
        if (d.kind !== "terms" || !d.near) continue;
        const within = d.near.within;
        const close = s.terms.some((a) => s.near.some((b) => Math.max(b.from - a.to, a.from - b.to) <= within));
        if (!close) continue;
        hits.set(key(rule, null), { rule, signal: null });
        if (found) found.set(key(rule, null), [...s.termWords, ...s.nearWords]);
      }
    }
    return [...hits.values()];
  }
}

function key(rule: number, signal: number | null): string {
  return `${rule}:${signal ?? ""}`;
}

/** The index of the word a match starts at: a match starts on the space before its first word. */
function wordIndexAt(text: string, start: number): number {
  let n = 0;
  for (let i = 0; i < start; i++) if (text.charCodeAt(i) === 0x20) n++;
  return n;
}
