import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { DetectionRuleDetail, DetectionRuleItem, DetectionRuleVersionItem } from "@/lib/dto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { UUID_RE } from "@/lib/ids";
import { decidePermission } from "@/lib/policy/permissions";
import { ruleDefinition } from "./rule-definition";

// Reading the rules for the rules page: the current version of each, how many flags it raised,
// and one rule's whole version history. Leads only (rules:manage).

export const VERSION_SELECT = {
  version: true,
  rulesetVersion: true,
  name: true,
  category: true,
  severity: true,
  enabled: true,
  definition: true,
  changedById: true,
  changedAt: true,
} as const;

type VersionRow = { version: number; rulesetVersion: number; name: string; category: DetectionRuleItem["category"]; severity: DetectionRuleItem["severity"]; enabled: boolean; definition: unknown; changedById: string | null; changedAt: Date };

export function requireRuleManager(actor: Pick<StaffContext, "roles">) {
  const allowed = decidePermission(actor.roles, "rules:manage");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
}

async function staffNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await getDb().staff.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function toVersionItem(v: VersionRow, names: Map<string, string>): DetectionRuleVersionItem {
  return {
    version: v.version,
    rulesetVersion: v.rulesetVersion,
    name: v.name,
    category: v.category,
    severity: v.severity,
    enabled: v.enabled,
    definition: ruleDefinition.parse(v.definition),
    changedBy: v.changedById ? (names.get(v.changedById) ?? "a former staff member") : "demo seed",
    changedAt: v.changedAt.toISOString(),
  };
}

export async function listRules(actor: Pick<StaffContext, "roles">): Promise<{ rulesetVersion: number; rules: DetectionRuleItem[] }> {
  requireRuleManager(actor);
  const db = getDb();
  const [set, rules, counts] = await Promise.all([
    db.detectionRuleSet.findUnique({ where: { id: 1 }, select: { version: true } }),
    db.detectionRule.findMany({ orderBy: { name: "asc" }, take: 1000, select: { id: true, currentVersion: true, versions: { orderBy: { version: "desc" }, take: 1, select: VERSION_SELECT } } }),
    db.detectionFlag.groupBy({ by: ["ruleId"], _count: { _all: true } }),
  ]);
  const flags = new Map(counts.map((c) => [c.ruleId, c._count._all]));
  const names = await staffNames(rules.map((r) => r.versions[0]?.changedById ?? null));
  return {
    rulesetVersion: set?.version ?? 0,
    rules: rules.filter((r) => r.versions[0]).map((r) => ({ id: r.id, flags: flags.get(r.id) ?? 0, ...toVersionItem(r.versions[0]!, names) })),
  };
}

export async function getRule(actor: Pick<StaffContext, "roles">, ruleId: string): Promise<DetectionRuleDetail> {
  requireRuleManager(actor);
  if (!UUID_RE.test(ruleId)) throw new NotFoundError("No such rule.");
  const db = getDb();
  const rule = await db.detectionRule.findUnique({ where: { id: ruleId }, select: { id: true, versions: { orderBy: { version: "desc" }, select: VERSION_SELECT } } });
  if (!rule || rule.versions.length === 0) throw new NotFoundError("No such rule.");
  const names = await staffNames(rule.versions.map((v) => v.changedById));
  const history = rule.versions.map((v) => toVersionItem(v, names));
  const flags = await db.detectionFlag.count({ where: { ruleId } });
  return { id: rule.id, flags, ...history[0]!, history };
}
