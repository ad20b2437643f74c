import "server-only";
import type { Db } from "@/lib/db";
import type { CaseFlag } from "@/lib/dto";

/**
 * The detection flags of a case as its page shows them: which rule at which version flagged
 * which message positions. Never what matched — the flags do not know it.
 */
export async function flagsOfCase(db: Db, caseId: string, conversationId: string): Promise<CaseFlag[]> {
  const flags = await db.detectionFlag.findMany({ where: { caseId }, orderBy: { createdAt: "asc" }, select: { messageId: true, ruleId: true, ruleVersion: true, createdAt: true } });
  if (flags.length === 0) return [];
  const [messages, versions] = await Promise.all([
    db.message.findMany({ where: { conversationId, id: { in: [...new Set(flags.map((f) => f.messageId))] } }, select: { id: true, position: true } }),
    db.detectionRuleVersion.findMany({ where: { OR: flags.map((f) => ({ ruleId: f.ruleId, version: f.ruleVersion })) }, select: { ruleId: true, version: true, name: true, severity: true } }),
  ]);
  const position = new Map(messages.map((m) => [m.id, m.position]));
  const byRule = new Map<string, CaseFlag>();
  for (const f of flags) {
    const key = `${f.ruleId} ${f.ruleVersion}`;
    const v = versions.find((x) => x.ruleId === f.ruleId && x.version === f.ruleVersion);
    let entry = byRule.get(key);
    if (!entry) byRule.set(key, (entry = { ruleId: f.ruleId, ruleName: v?.name ?? "a rule", ruleVersion: f.ruleVersion, severity: v?.severity ?? "LOW", positions: [], flaggedAt: f.createdAt.toISOString() }));
    const p = position.get(f.messageId);
    if (p !== undefined && !entry.positions.includes(p)) entry.positions.push(p);
  }
  return [...byRule.values()].map((e) => ({ ...e, positions: e.positions.sort((a, b) => a - b) }));
}
