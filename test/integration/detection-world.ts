import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { createRule } from "@/lib/detection/save-rule";
import { ruleInput, type RuleInput } from "@/lib/detection/rule-definition";
import { pushAccounts, pushMessages, pushReport } from "@/lib/intake/push";
import type { Region } from "@/lib/policy/roles";
import { meta, uid } from "./world";

// Conversations pushed through the real ingestion (and so through detection), and rules made
// by a lead. Every term a test uses carries a fresh nonce, so no other test's messages can
// match a rule left enabled in the run's shared database, and disableRules() switches them off.

export type Chat = { externalId: string; participants: string[]; send: (texts: string[], opts?: { at?: Date; stepMinutes?: number }) => Promise<{ flagged: number; ids: string[] }>; conversationId: () => Promise<string> };

export async function chat(regions: Region[] = ["US", "US"]): Promise<Chat> {
  const id = uid();
  const accounts = regions.map((dataRegion, i) => ({ id: `det-${id}-${i}`, handle: `det_${id}_${i}`, displayName: `Person ${i}`, dataRegion, minor: i === 1, protected: false, protectedKind: null }));
  await pushAccounts(getDb(), { accounts });
  const participants = accounts.map((a) => a.id);
  const externalId = `det-conv-${id}`;
  let n = 0;
  let declared = false;
  let clock = Date.parse("2026-10-01T10:00:00Z");
  return {
    externalId,
    participants,
    async send(texts, opts = {}) {
      if (opts.at) clock = opts.at.getTime();
      const batch = texts.map((text, i) => ({ id: `${externalId}-m${++n}`, conversationId: externalId, senderId: participants[i % participants.length]!, sentAt: new Date((clock += (opts.stepMinutes ?? 1) * 60_000)).toISOString(), text }));
      const conversations = declared ? [] : [{ id: externalId, participantIds: participants }];
      declared = true;
      const { flagged } = await pushMessages(getDb(), { conversations, messages: batch });
      const rows = await getDb().message.findMany({ where: { externalId: { in: batch.map((b) => b.id) } }, orderBy: { position: "asc" }, select: { id: true } });
      return { flagged, ids: rows.map((r) => r.id) };
    },
    async conversationId() {
      return (await getDb().conversation.findUniqueOrThrow({ where: { externalId }, select: { id: true } })).id;
    },
  };
}

/** A user report on the chat's first message: opens the USER_REPORT case a flag may join. */
export async function report(c: Chat): Promise<string> {
  const { caseId } = await pushReport(getDb(), {
    id: `rep-${uid()}`,
    reporterId: c.participants[1]!,
    conversationId: c.externalId,
    messageIds: [`${c.externalId}-m1`],
    category: "HARASSMENT",
    text: "They keep insulting me.",
  });
  return caseId;
}

const made: string[] = [];

export async function makeRule(lead: StaffContext, input: Partial<RuleInput> & Pick<RuleInput, "definition">) {
  const rule = await createRule(lead, ruleInput.parse({ name: `Rule ${uid()}`, category: "HARASSMENT", severity: "HIGH", enabled: true, ...input }), meta);
  made.push(rule.id);
  return rule;
}

/** Switches off every rule a test made (run after each file: the database is the run's). */
export async function disableRules() {
  const db = getDb();
  for (const id of made.splice(0)) {
    const rule = await db.detectionRule.findUniqueOrThrow({ where: { id }, select: { currentVersion: true } });
    const v = await db.detectionRuleVersion.findUniqueOrThrow({ where: { ruleId_version: { ruleId: id, version: rule.currentVersion } } });
    if (!v.enabled) continue;
    const { saveRule } = await import("@/lib/detection/save-rule");
    await saveRule(db, { seed: true }, { ruleId: id, baseVersion: v.version }, ruleInput.parse({ name: v.name, category: v.category, severity: v.severity, enabled: false, definition: v.definition }));
  }
}

export const nonce = () => `zq${uid().replace(/[0-9]/g, (d) => "bcdfghjkmn"[Number(d)]!)}`;
