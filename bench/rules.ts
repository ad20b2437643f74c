// The detection benchmarks' rule set: the demo's rules, then synthetic ones up to `n` — 70%
// term lists, 20% terms with a proximity condition, 10% conversation signals — drawn from a
// seeded generator so every run scans against the same automaton.
import { DEMO_RULES } from "../lib/demo/demo-rules";
import { createRng } from "../lib/demo/prng";
import { ruleInput, type ParsedRuleInput } from "../lib/detection/rule-definition";

export function benchRules(n: number, seed = 9): ParsedRuleInput[] {
  const rng = createRng(seed);
  const letters = "abcdefghijkmnopqrstuvwxyz";
  const word = () => Array.from({ length: rng.int(4, 9) }, () => rng.pick([...letters])).join("");
  const phrase = () => Array.from({ length: rng.int(1, 3) }, word).join(" ");
  const terms = () => Array.from({ length: rng.int(5, 15) }, phrase);
  const rules: ParsedRuleInput[] = DEMO_RULES.map((r) => ruleInput.parse(r));
  while (rules.length < n) {
    const kind = rng.weighted([["terms", 70], ["near", 20], ["signals", 10]] as const);
    const base = { name: `Bench rule ${rules.length + 1}`, category: "HARASSMENT", severity: "LOW", enabled: true } as const;
    if (kind === "terms") rules.push({ ...base, definition: { kind: "terms", terms: terms(), near: null } });
    else if (kind === "near") rules.push({ ...base, definition: { kind: "terms", terms: terms(), near: { terms: terms(), within: rng.int(2, 8) } } });
    else rules.push({ ...base, definition: { kind: "signals", signals: [terms(), terms(), terms()].map((t, i) => ({ label: `s${i}`, terms: t })), threshold: 3, windowDays: 7 } });
  }
  return rules;
}
