import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb, type Db } from "@/lib/db";
import type { DetectionRuleDetail } from "@/lib/dto";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import { recordEvent } from "@/lib/log/events/record-event";
import { ruleDefinition, type ParsedRuleInput } from "./rule-definition";
import { getRule, requireRuleManager } from "./rules";

// Creating and changing detection rules. Every change is a new, immutable version and bumps the
// rule-set version (under the rule set's row lock, so changes are serialised and versions follow
// commit order); ingest sees the new version on its next batch and rebuilds its automaton. Each
// change is a RULE_CHANGED event with the rule before and after, in the same transaction.

type Snapshot = Pick<ParsedRuleInput, "name" | "category" | "severity" | "enabled" | "definition">;

const FIELDS = ["name", "category", "severity", "enabled", "definition"] as const;

function snapshot(r: Snapshot) {
  return { name: r.name, category: r.category, severity: r.severity, enabled: r.enabled, definition: r.definition as unknown as Record<string, unknown> };
}

function changedFields(before: Snapshot | null, after: Snapshot): string[] {
  if (!before) return [...FIELDS];
  return FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

export type Changer = { actor: StaffContext; meta: RequestMeta } | { seed: true };

export async function createRule(actor: StaffContext, input: ParsedRuleInput, meta: RequestMeta): Promise<DetectionRuleDetail> {
  requireRuleManager(actor);
  const { ruleId } = await saveRule(getDb(), { actor, meta }, null, input);
  return getRule(actor, ruleId);
}

export async function updateRule(actor: StaffContext, ruleId: string, input: ParsedRuleInput & { baseVersion: number }, meta: RequestMeta): Promise<DetectionRuleDetail> {
  requireRuleManager(actor);
  if (!UUID_RE.test(ruleId)) throw new NotFoundError("No such rule.");
  await saveRule(getDb(), { actor, meta }, { ruleId, baseVersion: input.baseVersion }, input);
  return getRule(actor, ruleId);
}

/** Writes a rule's next version (or its first). Also used by the demo seed (`{ seed: true }`). */
export async function saveRule(db: Db, by: Changer, target: { ruleId: string; baseVersion: number } | null, input: ParsedRuleInput): Promise<{ ruleId: string; version: number; changed: boolean }> {
  const after: Snapshot = { name: input.name, category: input.category, severity: input.severity, enabled: input.enabled, definition: input.definition };
  const outcome = await db.$transaction(async (tx) => {
    // The rule set's lock: one rule change at a time, so the name check and the version numbers hold.
    await tx.$queryRaw`SELECT version FROM detection_rule_set WHERE id = 1 FOR UPDATE`;
    let before: Snapshot | null = null;
    let version = 1;
    if (target) {
      const rule = await tx.detectionRule.findUnique({ where: { id: target.ruleId }, select: { currentVersion: true, versions: { orderBy: { version: "desc" }, take: 1 } } });
      const current = rule?.versions[0];
      if (!rule || !current) return { kind: "missing" as const };
      if (current.version !== target.baseVersion) return { kind: "stale" as const, current: current.version };
      before = { name: current.name, category: current.category, severity: current.severity, enabled: current.enabled, definition: ruleDefinition.parse(current.definition) };
      version = current.version + 1;
    }
    const changed = changedFields(before, after);
    if (target && changed.length === 0) return { kind: "saved" as const, ruleId: target.ruleId, version: version - 1, changed: false };
    const clash = await tx.detectionRule.findFirst({ where: { name: { equals: after.name, mode: "insensitive" }, ...(target ? { id: { not: target.ruleId } } : {}) }, select: { id: true } });
    if (clash) return { kind: "taken" as const };
    const [set] = await tx.$queryRaw<{ version: number }[]>`UPDATE detection_rule_set SET version = version + 1, updated_at = now() WHERE id = 1 RETURNING version`;
    const rulesetVersion = set!.version;
    const rule = target
      ? await tx.detectionRule.update({ where: { id: target.ruleId }, data: { name: after.name, currentVersion: version }, select: { id: true } })
      : await tx.detectionRule.create({ data: { name: after.name, currentVersion: 1 }, select: { id: true } });
    const changedById = "actor" in by ? by.actor.id : null;
    await tx.detectionRuleVersion.create({ data: { ruleId: rule.id, version, rulesetVersion, ...after, definition: after.definition as object, changedById } });
    // Signal counters belong to the version that kept them: a changed pattern builds up anew.
    await tx.detectionSignalState.deleteMany({ where: { ruleId: rule.id, ruleVersion: { lt: version } } });
    await recordEvent(tx, {
      actor: "actor" in by ? toActor(by.actor) : null,
      action: "RULE_CHANGED",
      outcome: "ALLOWED",
      details: { ruleId: rule.id, version, rulesetVersion, changed, before: before && snapshot(before), after: snapshot(after), ...("seed" in by ? { via: "seed" as const } : {}) },
      meta: "meta" in by ? by.meta : undefined,
    });
    return { kind: "saved" as const, ruleId: rule.id, version, changed: true };
  });
  if (outcome.kind === "missing") throw new NotFoundError("No such rule.");
  if (outcome.kind === "stale") throw new ConflictError("RULE_CHANGED_SINCE", `Someone saved version ${outcome.current} of this rule since you opened it. Reload to see it, then make your change again.`);
  if (outcome.kind === "taken") throw new ConflictError("RULE_NAME_TAKEN", "Another rule already has this name.");
  return { ruleId: outcome.ruleId, version: outcome.version, changed: outcome.changed };
}
