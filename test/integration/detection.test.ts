import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getCaseDetail } from "@/lib/cases/get-case-detail";
import { disconnectDb, getDb } from "@/lib/db";
import { setDetectionRegion } from "@/lib/detection/regions";
import { createRule, updateRule } from "@/lib/detection/save-rule";
import { ruleInput, ruleUpdateInput } from "@/lib/detection/rule-definition";
import { readIntakeCounters } from "@/lib/intake/counters";
import { chat, disableRules, makeRule, nonce, report } from "./detection-world";
import { send, twoAccounts } from "./intake-client";
import { eventsSince, lastSeq, makeStaff, meta, refused } from "./world";

// Proactive detection through the real ingestion code and PostgreSQL: flags open or join cases,
// regions switched off are not scanned, grooming is a pattern across messages, and every rule
// change is a new version logged with the rule before and after.

let lead: StaffContext;
let admin: StaffContext;
let reviewer: StaffContext;

beforeAll(async () => {
  lead = await makeStaff(["LEAD"]);
  admin = await makeStaff(["ADMIN"]);
  reviewer = await makeStaff(["REVIEWER"]);
});

afterAll(async () => {
  await disableRules();
  // Leave the run's database as the defaults have it (US on, EU off).
  await setDetectionRegion(admin, "US", true, meta);
  await setDetectionRegion(admin, "EU", false, meta);
  await disconnectDb();
});

describe("a term rule at ingest", () => {
  it("flags the message: a PROACTIVE_FLAG case with the severity's priority, and a flag naming message, rule and version only", async () => {
    const word = nonce();
    const rule = await makeRule(lead, { severity: "CRITICAL", category: "THREATS", definition: { kind: "terms", terms: [word, "zz top phrase"] } });
    const c = chat();
    const conv = await c;
    const { flagged, ids } = await conv.send(["hello there", `you ${word.replace("a", "4").toUpperCase()}!!`, "bye"]);
    expect(flagged).toBe(1);
    const kase = await getDb().case.findFirstOrThrow({ where: { conversationId: await conv.conversationId() } });
    expect(kase).toMatchObject({ basis: "PROACTIVE_FLAG", category: "THREATS", priority: 1, status: "OPEN", flaggedMessageIds: [ids[1]] });
    const flags = await getDb().detectionFlag.findMany({ where: { caseId: kase.id } });
    expect(flags).toEqual([expect.objectContaining({ messageId: ids[1], ruleId: rule.id, ruleVersion: 1, caseId: kase.id })]);
    expect(Object.keys(flags[0]!).sort()).toEqual(["caseId", "conversationId", "createdAt", "id", "messageId", "ruleId", "ruleVersion"]);
  });

  it("a later hit in the same conversation joins the open case, and a report's open case too", async () => {
    const word = nonce();
    await makeRule(lead, { severity: "LOW", definition: { kind: "terms", terms: [word] } });
    const conv = await chat();
    await conv.send(["first message, nothing here"]);
    const reportCase = await report(conv);
    const before = await getDb().case.findUniqueOrThrow({ where: { id: reportCase } });
    const { flagged, ids } = await conv.send([`${word} again`]);
    expect(flagged).toBe(1);
    const cases = await getDb().case.findMany({ where: { conversationId: await conv.conversationId() } });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ id: reportCase, basis: "USER_REPORT", flaggedMessageIds: [ids[0]], priority: Math.min(before.priority, 4) });
    const second = await conv.send([`and ${word} once more`]);
    expect((await getDb().case.findUniqueOrThrow({ where: { id: reportCase } })).flaggedMessageIds).toEqual([ids[0], second.ids[0]]);
  });

  it("a closed case is not joined, nor a legal request's: the next hit opens a new flag case; the case page names rule and version", async () => {
    const word = nonce();
    const rule = await makeRule(lead, { severity: "MEDIUM", definition: { kind: "terms", terms: [word] } });
    const conv = await chat();
    const first = await conv.send([`one ${word}`]);
    const conversationId = await conv.conversationId();
    const opened = await getDb().case.findFirstOrThrow({ where: { conversationId } });
    await getDb().case.update({ where: { id: opened.id }, data: { status: "CLOSED", closedAt: new Date() } });
    await getDb().case.create({ data: { basis: "LEGAL_REQUEST", category: "THREATS", priority: 1, conversationId } });
    const second = await conv.send(["nothing", `two ${word}`]);
    expect(second.flagged).toBe(1);
    const flagCases = await getDb().case.findMany({ where: { conversationId, basis: "PROACTIVE_FLAG" }, orderBy: { createdAt: "asc" } });
    expect(flagCases.map((c) => [c.status, c.flaggedMessageIds])).toEqual([["CLOSED", [first.ids[0]]], ["OPEN", [second.ids[1]]]]);
    expect((await getDb().case.findFirstOrThrow({ where: { conversationId, basis: "LEGAL_REQUEST" } })).flaggedMessageIds).toEqual([]);

    const detail = await getCaseDetail(reviewer, flagCases[1]!.id, "PAGE /cases/{id}");
    expect(detail.flags).toEqual([expect.objectContaining({ ruleId: rule.id, ruleName: rule.name, ruleVersion: 1, severity: "MEDIUM", positions: [3] })]);
    expect(JSON.stringify(detail)).not.toContain(word);
  });

  it("a flagged batch over the signed route is stored and answered, its items counted as accepted", async () => {
    const word = nonce();
    await makeRule(lead, { definition: { kind: "terms", terms: [word] } });
    const before = (await readIntakeCounters(getDb())).messages;
    const p = await twoAccounts();
    const conv = `det-signed-${p.id}`;
    const messages = [`hi`, `you ${word}`].map((text, i) => ({ id: `${conv}-${i}`, conversationId: conv, senderId: i ? p.b : p.a, sentAt: `2026-10-01T10:0${i}:00Z`, text }));
    const res = await send("messages", { conversations: [{ id: conv, participantIds: [p.a, p.b] }], messages });
    expect({ status: res.status, accepted: res.body.accepted, flagged: res.body.flagged }).toEqual({ status: 200, accepted: 2, flagged: 1 });
    expect((await readIntakeCounters(getDb())).messages).toEqual({ ...before, accepted: before.accepted + 2 });
  });

  it("proximity: only when the terms stand within N words of each other", async () => {
    const send = nonce();
    const card = `${nonce()} card`;
    await makeRule(lead, { category: "SCAM", definition: { kind: "terms", terms: [send], near: { terms: [card], within: 3 } } });
    const conv = await chat();
    expect((await conv.send([`${send} me the code`, `I like ${card}s`, `${send} it later, it is not about a ${card} at all`])).flagged).toBe(0);
    expect((await conv.send([`${send} me a ${card} now`])).flagged).toBe(1);
  });
});

describe("regional legal basis", () => {
  it("EU messages are not scanned by default, nor a US–EU conversation; an admin's switch is logged and takes effect at the next batch", async () => {
    const word = nonce();
    await makeRule(lead, { definition: { kind: "terms", terms: [word] } });
    const eu = await chat(["EU", "EU"]);
    const mixed = await chat(["US", "EU"]);
    const us = await chat(["US", "US"]);
    expect((await eu.send([word])).flagged).toBe(0);
    expect((await mixed.send([word])).flagged).toBe(0);
    expect((await us.send([word])).flagged).toBe(1);
    expect(await getDb().detectionFlag.count({ where: { conversationId: await eu.conversationId() } })).toBe(0);
    expect(await getDb().detectionSignalState.count({ where: { conversationId: await eu.conversationId() } })).toBe(0);

    const seq = await lastSeq();
    const on = await setDetectionRegion(admin, "EU", true, meta);
    expect(on.changed).toBe(true);
    expect(on.regions.find((r) => r.region === "EU")).toMatchObject({ enabled: true, isDefault: false, changedBy: admin.name });
    expect((await setDetectionRegion(admin, "EU", true, meta)).changed).toBe(false); // no switch, no event
    expect((await eu.send([word])).flagged).toBe(1);
    expect((await mixed.send([word])).flagged).toBe(1);

    await setDetectionRegion(admin, "US", false, meta);
    expect((await us.send([word])).flagged).toBe(0);
    expect((await mixed.send([word])).flagged).toBe(0); // every participant's region must be on
    expect((await eu.send([word])).flagged).toBe(1);
    await setDetectionRegion(admin, "US", true, meta);
    await setDetectionRegion(admin, "EU", false, meta);
    expect((await eu.send([word])).flagged).toBe(0);

    const events = (await eventsSince(seq)).filter((e) => e.action === "DETECTION_REGION_CHANGED");
    expect(events.map((e) => e.details)).toEqual([
      { region: "EU", before: false, after: true, wasDefault: true },
      { region: "US", before: true, after: false, wasDefault: true },
      { region: "US", before: false, after: true, wasDefault: false },
      { region: "EU", before: true, after: false, wasDefault: false },
    ]);
    expect(events.every((e) => e.actorId === admin.id && e.outcome === "ALLOWED")).toBe(true);
  });

  it("only admins switch regions; leads and reviewers are refused", async () => {
    await refused(setDetectionRegion(lead, "EU", true, meta), "ROLE");
    await refused(setDetectionRegion(reviewer, "EU", true, meta), "ROLE");
    expect(await getDb().detectionRegion.findUnique({ where: { region: "EU" } })).toMatchObject({ enabled: false });
  });
});

describe("conversation signals (grooming)", () => {
  const grooming = () => {
    const [age, secret, app] = [nonce(), nonce(), nonce()];
    return {
      age,
      secret,
      app,
      definition: {
        kind: "signals" as const,
        signals: [
          { label: "age question", terms: [`how old ${age}`] },
          { label: "secrecy", terms: [`our ${secret}`] },
          { label: "another app", terms: [`${app} me`] },
        ],
        threshold: 3,
        windowDays: 7,
      },
    };
  };

  it("three signals across batches within the window open a PROACTIVE_FLAG case naming the messages that carried them", async () => {
    const g = grooming();
    const rule = await makeRule(lead, { category: "GROOMING", severity: "CRITICAL", definition: g.definition });
    const conv = await chat();
    const a = await conv.send(["hey", `how old ${g.age} are you`], { at: new Date("2026-10-01T10:00:00Z") });
    expect(a.flagged).toBe(0);
    const state = await getDb().detectionSignalState.findMany({ where: { conversationId: await conv.conversationId() } });
    expect(state).toEqual([expect.objectContaining({ ruleId: rule.id, ruleVersion: 1, signal: 0, hits: 1, lastMessageId: a.ids[1] })]);
    const b = await conv.send([`this is our ${g.secret} ok`], { at: new Date("2026-10-03T10:00:00Z") });
    expect(b.flagged).toBe(0);
    expect(await getDb().case.count({ where: { conversationId: await conv.conversationId() } })).toBe(0);
    const c = await conv.send(["so", `${g.app} me later`], { at: new Date("2026-10-06T10:00:00Z") });
    expect(c.flagged).toBe(3);
    const kase = await getDb().case.findFirstOrThrow({ where: { conversationId: await conv.conversationId() } });
    expect(kase).toMatchObject({ basis: "PROACTIVE_FLAG", category: "GROOMING", priority: 1 });
    expect(kase.flaggedMessageIds).toEqual([a.ids[1], b.ids[0], c.ids[1]]);
    expect(await getDb().detectionFlag.count({ where: { caseId: kase.id, ruleId: rule.id, ruleVersion: 1 } })).toBe(3);
    // The pattern starts over: the counters are gone.
    expect(await getDb().detectionSignalState.count({ where: { conversationId: await conv.conversationId() } })).toBe(0);
  });

  it("signals spread wider than the window raise nothing", async () => {
    const g = grooming();
    await makeRule(lead, { category: "GROOMING", definition: g.definition });
    const conv = await chat();
    await conv.send([`how old ${g.age}`], { at: new Date("2026-10-01T10:00:00Z") });
    await conv.send([`our ${g.secret}`], { at: new Date("2026-10-05T10:00:00Z") });
    expect((await conv.send([`${g.app} me`], { at: new Date("2026-10-12T10:00:00Z") })).flagged).toBe(0);
    expect(await getDb().case.count({ where: { conversationId: await conv.conversationId() } })).toBe(0);
  });
});

describe("rules are versioned", () => {
  it("a change is a new version, logged with before and after; ingest uses the new version at once", async () => {
    const [oldWord, newWord] = [nonce(), nonce()];
    const rule = await makeRule(lead, { definition: { kind: "terms", terms: [oldWord] } });
    const setBefore = await getDb().detectionRuleSet.findUniqueOrThrow({ where: { id: 1 } });
    const seq = await lastSeq();
    const edit = ruleUpdateInput.parse({ name: rule.name, category: "HATE", severity: "MEDIUM", enabled: true, definition: { kind: "terms", terms: [newWord] }, baseVersion: 1 });
    const changed = await updateRule(lead, rule.id, edit, meta);
    expect(changed.version).toBe(2);
    expect(changed.history.map((h) => h.version)).toEqual([2, 1]);
    expect(changed.rulesetVersion).toBe(setBefore.version + 1);
    const [event] = (await eventsSince(seq)).filter((e) => e.action === "RULE_CHANGED");
    expect(event).toMatchObject({ actorId: lead.id, outcome: "ALLOWED" });
    expect(event!.details).toMatchObject({
      ruleId: rule.id,
      version: 2,
      changed: ["category", "severity", "definition"],
      before: { category: "HARASSMENT", severity: "HIGH", definition: { kind: "terms", terms: [oldWord] } },
      after: { category: "HATE", severity: "MEDIUM", definition: { kind: "terms", terms: [newWord] } },
    });

    const conv = await chat();
    expect((await conv.send([oldWord])).flagged).toBe(0);
    const { ids } = await conv.send([newWord]);
    expect(await getDb().detectionFlag.findMany({ where: { messageId: ids[0] }, select: { ruleId: true, ruleVersion: true } })).toEqual([{ ruleId: rule.id, ruleVersion: 2 }]);

    // Switched off: no longer scanned for.
    await updateRule(lead, rule.id, { ...edit, enabled: false, baseVersion: 2 }, meta);
    expect((await conv.send([newWord])).flagged).toBe(0);
  });

  it("a stale edit, a taken name and a wrong role are refused, and nothing is written", async () => {
    const rule = await makeRule(lead, { definition: { kind: "terms", terms: [nonce()] } });
    const other = await makeRule(lead, { definition: { kind: "terms", terms: [nonce()] } });
    const body = { name: rule.name, category: rule.category, severity: rule.severity, enabled: true, definition: rule.definition };
    const versions = await getDb().detectionRuleVersion.count();
    const seq = await lastSeq();
    await refused(updateRule(lead, rule.id, { ...body, name: "Renamed", baseVersion: 7 }, meta), "RULE_CHANGED_SINCE", 409);
    await refused(updateRule(lead, rule.id, { ...body, name: other.name.toUpperCase(), baseVersion: 1 }, meta), "RULE_NAME_TAKEN", 409);
    await refused(createRule(reviewer, ruleInput.parse({ ...body, name: `Reviewer ${nonce()}` }), meta), "ROLE");
    await refused(createRule(admin, ruleInput.parse({ ...body, name: `Admin ${nonce()}` }), meta), "ROLE");
    await refused(updateRule(lead, "019a0000-0000-7000-8000-00000000abcd", { ...body, baseVersion: 1 }, meta), "NOT_FOUND", 404);
    expect(await getDb().detectionRuleVersion.count()).toBe(versions);
    expect((await eventsSince(seq)).filter((e) => e.action === "RULE_CHANGED")).toEqual([]);
    // Saving the same rule again is no change: no version, no event.
    expect((await updateRule(lead, rule.id, { ...body, baseVersion: 1 }, meta)).version).toBe(1);
    expect(await getDb().detectionRuleVersion.count()).toBe(versions);
  });

  it("the application may not rewrite a rule's versions or its flags", async () => {
    await expect(getDb().$executeRaw`UPDATE detection_rule_version SET enabled = false`).rejects.toThrow(/permission denied/);
    await expect(getDb().$executeRaw`DELETE FROM detection_flag`).rejects.toThrow(/permission denied/);
  });
});
