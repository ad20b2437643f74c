import type { RuleTestResult } from "@/lib/dto";
import { RuleMatcher } from "./matcher";
import type { RuleDefinition } from "./rule-definition";

// "Test this rule": a draft definition against text a lead typed into the rules page. Never
// against stored DMs — that would be reading messages without a basis — and the typed text is
// neither stored nor logged: it lives for this call only.

export function testRule(definition: RuleDefinition, text: string): RuleTestResult {
  const hits = new RuleMatcher([{ definition }]).explain(text);
  if (definition.kind === "terms") {
    const hit = hits.find((h) => h.signal === null);
    return { matched: hit !== undefined, terms: hit?.terms ?? [], signals: null, threshold: null };
  }
  const signals = definition.signals.map((s, i) => {
    const hit = hits.find((h) => h.signal === i);
    return { label: s.label, found: hit !== undefined, terms: hit?.terms ?? [] };
  });
  const found = signals.filter((s) => s.found).length;
  return { matched: found >= definition.threshold, terms: [...new Set(signals.flatMap((s) => s.terms))], signals, threshold: definition.threshold };
}
