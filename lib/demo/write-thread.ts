// Writes the messages of one thread (text, sender, photo flag, pause before it), without ids or
// times: everyday exchanges, and for a reported thread the problematic script placed after enough
// ordinary chat that a reviewer's default scope (reported ± 10) has context on both sides.

import { fillTemplate } from "./fill-template";
import type { ConversationPlan } from "./plan-conversations";
import type { Rng } from "./prng";
import type { Pause } from "./thread-timing";
import type { Person } from "./types";
import type { UniqueTexts } from "./unique-texts";
import { ADULT_TOPICS, EXCHANGES, FILLERS, MINOR_TOPICS, MIXED_TOPICS } from "./vocab-everyday";
import type { ScriptLine } from "./vocab-problems";

export type Draft = { sender: Person; text: string; hasMedia: boolean; pause: Pause; bad: boolean };

/** Ordinary messages kept before a reported script: more than the ten a default scope shows. */
export const CONTEXT_BEFORE_REPORT = 14;
/** The shortest reported thread the planner will allocate. */
export const MIN_REPORTED_LENGTH = 30;

export function writeThread(rng: Rng, texts: UniqueTexts, plan: ConversationPlan, length: number): Draft[] {
  const report = plan.report;
  if (!report) {
    const drafts = writeChatter(rng, texts, plan.participants, length);
    if (plan.xss) dropIn(drafts, rng.int(0, drafts.length - 1), plan.xss);
    return drafts;
  }

  const lines = report.script.lines.filter((l) => l.role !== "B" || report.bystanders.length > 0);
  const room = length - lines.length;
  // The conversation may carry on after the incident (or stop: the reporter blocked them).
  const after = Math.min(Math.floor(room * rng.float(0, 0.4)), room - CONTEXT_BEFORE_REPORT);
  const before = room - Math.max(0, after);
  const script = writeScript(rng, texts, plan, lines);
  const drafts = [
    ...writeChatter(rng, texts, plan.participants, before),
    ...script,
    ...writeChatter(rng, texts, plan.participants, room - before),
  ];
  // Just before the incident, inside the reviewer's default scope (see plan-conversations.ts).
  if (plan.xss) dropIn(drafts, before - rng.int(1, Math.min(6, before)), plan.xss);
  return drafts;
}

function writeScript(rng: Rng, texts: UniqueTexts, plan: ConversationPlan, lines: readonly ScriptLine[]): Draft[] {
  const report = plan.report;
  if (!report) return [];
  const fixed = { a: report.author.firstName, r: report.reporter.firstName, age: String(report.reporter.age) };
  // One memo for the whole script, so "{place}" or "{game}" means the same thing throughout.
  const memo = new Map<string, string>();
  return lines.map((line, i): Draft => {
    const sender = line.role === "A" ? report.author : line.role === "R" ? report.reporter : rng.pick(report.bystanders);
    const text = fillTemplate(line.text, { rng, region: sender.account.dataRegion, fixed, memo });
    return { sender, text: texts.claim(rng, text), hasMedia: false, pause: i === 0 ? "session" : "reply", bad: line.bad };
  });
}

/** `count` messages of everyday chat between the participants, exchange by exchange. */
function writeChatter(rng: Rng, texts: UniqueTexts, people: readonly Person[], count: number): Draft[] {
  const minors = people.filter((p) => p.account.isMinor).length;
  const topics = minors === 0 ? ADULT_TOPICS : minors === people.length ? MINOR_TOPICS : MIXED_TOPICS;
  const out: Draft[] = [];
  while (out.length < count) {
    const [first, second] = rng.sample(people, 2);
    if (!first || !second) break;
    if (out.length > 0 && rng.chance(0.15)) {
      const text = fillTemplate(rng.pick(FILLERS), context(rng, first, { b: second.firstName }));
      out.push({ sender: first, text: texts.claim(rng, text), hasMedia: false, pause: "exchange", bad: false });
      continue;
    }
    const exchange = rng.pick(EXCHANGES[rng.weighted(topics)]);
    const fixed = { a: first.firstName, b: second.firstName };
    const memo = new Map<string, string>();
    let speaker = first;
    for (let i = 0; i < exchange.length && out.length < count; i++) {
      const { body, sameSpeaker, photo } = parseLine(exchange[i] ?? "");
      if (i > 0 && !sameSpeaker) speaker = nextSpeaker(rng, people, speaker, speaker === first ? second : first);
      const text = fillTemplate(body, { rng, region: speaker.account.dataRegion, fixed, memo });
      out.push({ sender: speaker, text: texts.claim(rng, text), hasMedia: photo, pause: i === 0 ? "exchange" : "reply", bad: false });
    }
  }
  return out;
}

/** In a group, a third person sometimes answers instead of the one addressed. */
function nextSpeaker(rng: Rng, people: readonly Person[], current: Person, addressed: Person): Person {
  if (people.length > 2 && rng.chance(0.25)) {
    const others = people.filter((p) => p !== current);
    return rng.pick(others);
  }
  return addressed;
}

function context(rng: Rng, speaker: Person, fixed: Record<string, string>) {
  return { rng, region: speaker.account.dataRegion, fixed, memo: new Map<string, string>() };
}

/** Template prefixes: "+" the same person sends another message, "~" it comes with a photo. */
function parseLine(line: string): { body: string; sameSpeaker: boolean; photo: boolean } {
  const prefix = /^[+~]*/.exec(line)?.[0] ?? "";
  return { body: line.slice(prefix.length), sameSpeaker: prefix.includes("+"), photo: prefix.includes("~") };
}

/** Replaces an ordinary message's text with an XSS payload, verbatim. */
function dropIn(drafts: Draft[], index: number, payload: string): void {
  const target = drafts[index];
  if (target && !target.bad) drafts[index] = { ...target, text: payload, hasMedia: false };
}
