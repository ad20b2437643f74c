import type { DetectionRuleDefinition } from "@/lib/dto";

// The rule form's text fields ⇄ a rule definition. Terms are one per line; signals one per
// line as "label: term, term". The server validates the result again (lib/detection).

export type RuleDraft = {
  kind: "terms" | "signals";
  terms: string;
  nearOn: boolean;
  near: string;
  within: string;
  signals: string;
  threshold: string;
  windowDays: string;
};

const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean);

export function toDefinition(d: RuleDraft): DetectionRuleDefinition {
  if (d.kind === "terms") {
    return { kind: "terms", terms: lines(d.terms), near: d.nearOn ? { terms: lines(d.near), within: Number(d.within) } : null };
  }
  const signals = lines(d.signals).map((line) => {
    const at = line.indexOf(":");
    const label = at >= 0 ? line.slice(0, at).trim() : line;
    const terms = (at >= 0 ? line.slice(at + 1) : "").split(",").map((t) => t.trim()).filter(Boolean);
    return { label, terms };
  });
  return { kind: "signals", signals, threshold: Number(d.threshold), windowDays: Number(d.windowDays) };
}

export function toDraft(def: DetectionRuleDefinition | null): RuleDraft {
  const empty: RuleDraft = { kind: "terms", terms: "", nearOn: false, near: "", within: "4", signals: "", threshold: "3", windowDays: "7" };
  if (!def) return empty;
  if (def.kind === "terms") return { ...empty, terms: def.terms.join("\n"), nearOn: def.near !== null, near: def.near?.terms.join("\n") ?? "", within: String(def.near?.within ?? 4) };
  return { ...empty, kind: "signals", signals: def.signals.map((s) => `${s.label}: ${s.terms.join(", ")}`).join("\n"), threshold: String(def.threshold), windowDays: String(def.windowDays) };
}

/** One line per part of a definition, for tables and the version history. */
export function describeDefinition(def: DetectionRuleDefinition): string {
  if (def.kind === "terms") {
    const terms = def.terms.map((t) => `“${t}”`).join(", ");
    return def.near ? `${terms} within ${def.near.within} words of ${def.near.terms.map((t) => `“${t}”`).join(", ")}` : terms;
  }
  return `${def.threshold} of ${def.signals.length} signals within ${def.windowDays} days: ${def.signals.map((s) => s.label).join(", ")}`;
}
