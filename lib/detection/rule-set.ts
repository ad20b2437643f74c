import "server-only";
import type { Sql } from "@/lib/db/tagged";
import type { Severity } from "@/lib/policy/detection";
import type { Category } from "@/lib/policy/enums";
import { REGIONS, type Region } from "@/lib/policy/roles";
import { RuleMatcher } from "./matcher";
import { ruleDefinition, type RuleDefinition } from "./rule-definition";

// The enabled rules of the current rule-set version and their automaton, cached in this process
// and rebuilt only when the version moves. Ingest reads the version (and the region switches)
// in one small statement per batch; the rules themselves only after a change.

export type ActiveRule = { id: string; version: number; name: string; category: Category; severity: Severity; definition: RuleDefinition };
export type ActiveRuleSet = { version: number; rules: ActiveRule[]; matcher: RuleMatcher };

let cached: ActiveRuleSet | null = null;

/** The rule-set version and the admins' region switches, as of this statement. */
export async function readDetectionState(sql: Sql): Promise<{ version: number; regions: { region: Region; enabled: boolean }[] }> {
  const [row] = await sql<{ version: number; regions: { region: string; enabled: boolean }[] }>`
    SELECT (SELECT version FROM detection_rule_set WHERE id = 1) AS version,
           COALESCE((SELECT json_agg(json_build_object('region', region, 'enabled', enabled)) FROM detection_region), '[]'::json) AS regions`;
  const regions = (row?.regions ?? []).filter((r): r is { region: Region; enabled: boolean } => (REGIONS as readonly string[]).includes(r.region));
  return { version: row?.version ?? 0, regions };
}

/** The active rule set at `version`, from the cache or (once per version per process) the database. */
export async function activeRuleSet(sql: Sql, version: number): Promise<ActiveRuleSet> {
  if (cached && cached.version === version) return cached;
  const [row] = await sql<{ version: number; rules: { id: string; version: number; name: string; category: Category; severity: Severity; definition: unknown }[] }>`
    SELECT (SELECT version FROM detection_rule_set WHERE id = 1) AS version,
           COALESCE((SELECT json_agg(json_build_object('id', v.rule_id, 'version', v.version, 'name', v.name, 'category', v.category, 'severity', v.severity, 'definition', v.definition) ORDER BY v.ruleset_version)
                     FROM detection_rule r JOIN detection_rule_version v ON v.rule_id = r.id AND v.version = r.current_version
                     WHERE v.enabled), '[]'::json) AS rules`;
  const rules: ActiveRule[] = [];
  for (const r of row?.rules ?? []) {
    const definition = ruleDefinition.safeParse(r.definition);
    // A stored definition is validated when written; one that no longer parses is a bug, and it
    // must not stop the platform's messages from being stored, so it is skipped loudly.
    if (!definition.success) console.error(`detection rule ${r.id} v${r.version} has a definition this code cannot read; skipped`);
    else rules.push({ id: r.id, version: r.version, name: r.name, category: r.category, severity: r.severity, definition: definition.data });
  }
  const set = { version: row?.version ?? version, rules, matcher: new RuleMatcher(rules) };
  cached = set;
  return set;
}
