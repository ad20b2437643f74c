// Deterministic synthetic demo data: accounts, DM threads and user reports as plain objects.
// Pure: no database, no I/O, no clock (the default `start` is a fixed date), so the same options
// always give byte-identical output. The seed script (prisma/seed.ts) pushes the result through
// the intake code that encrypts it; nothing here knows about storage or keys.

import { generateAccounts } from "./generate-accounts";
import { fillTemplate } from "./fill-template";
import { planConversations, type ConversationPlan } from "./plan-conversations";
import { createRng, deriveSeed, type Rng } from "./prng";
import { TIME, threadTimes } from "./thread-timing";
import type { DemoData, DemoDataOptions, DemoMessage, DemoReport } from "./types";
import { UniqueTexts } from "./unique-texts";
import { MIN_REPORTED_LENGTH, writeThread } from "./write-thread";
import { XSS_PAYLOADS } from "./xss-payloads";

export { XSS_PAYLOADS } from "./xss-payloads";
export { REPORT_CATEGORIES } from "./types";
export type { DemoAccount, DemoConversation, DemoData, DemoDataOptions, DemoMessage, DemoReport } from "./types";

export const DEFAULT_DEMO_OPTIONS = {
  seed: 20261101,
  accounts: 320,
  conversations: 1500,
  messages: 30_000,
  reports: 150,
  start: new Date("2026-11-01T00:00:00Z"),
} as const satisfies Required<DemoDataOptions>;

// Below this a thread cannot find enough people in one region (groups have up to five).
const MIN_ACCOUNTS = 8;
const MIN_ORDINARY_LENGTH = 2;
/** How much more a "long" thread gets than an ordinary one, before random variation. */
const LONG_THREAD_WEIGHT = 20;

const PRIORITIES: Record<DemoReport["category"], readonly (readonly [DemoReport["priority"], number])[]> = {
  THREATS: [[1, 6], [2, 4]],
  SELF_HARM: [[1, 7], [2, 3]],
  GROOMING: [[1, 6], [2, 4]],
  HATE: [[2, 4], [3, 4], [4, 2]],
  HARASSMENT: [[2, 3], [3, 5], [4, 2]],
  SCAM: [[2, 1], [3, 5], [4, 4]],
};

export function generateDemoData(options: DemoDataOptions = {}): DemoData {
  const opts = resolveOptions(options);
  const people = generateAccounts(opts.seed, opts.accounts);
  const plans = planConversations(opts.seed, people, opts);
  const lengths = threadLengths(createRng(deriveSeed(opts.seed, "lengths")), plans, opts.messages);

  const rng = createRng(deriveSeed(opts.seed, "threads"));
  const texts = new UniqueTexts();
  for (const payload of XSS_PAYLOADS) texts.reserve(payload);
  const startMs = opts.start.getTime();
  const messageWidth = Math.max(6, String(opts.messages).length);
  const messages: DemoMessage[] = [];
  const reports: Omit<DemoReport, "externalId">[] = [];

  plans.forEach((plan, i) => {
    const drafts = writeThread(rng, texts, plan, lengths[i] ?? 0);
    const times = threadTimes(rng, drafts.map((d) => d.pause), startMs, plan.long);
    const ids = drafts.map((draft, k) => {
      const externalId = `demo-msg-${String(messages.length + 1).padStart(messageWidth, "0")}`;
      messages.push({
        externalId,
        conversationExternalId: plan.externalId,
        senderExternalId: draft.sender.account.externalId,
        sentAt: new Date(times[k] ?? startMs),
        text: draft.text,
        hasMedia: draft.hasMedia,
      });
      return externalId;
    });
    if (!plan.report) return;
    const bad = drafts.flatMap((d, k) => (d.bad ? [k] : []));
    const chosen = rng.sample(bad, rng.int(1, Math.min(3, bad.length))).sort((x, y) => x - y);
    const lastReported = Math.max(...chosen.map((k) => times[k] ?? 0));
    reports.push({
      reporterExternalId: plan.report.reporter.account.externalId,
      conversationExternalId: plan.externalId,
      reportedMessageExternalIds: chosen.map((k) => ids[k] ?? ""),
      category: plan.report.category,
      text: reportText(rng, plan),
      // People report minutes to hours after the fact, and never in the future.
      createdAt: new Date(Math.min(lastReported + Math.round(rng.logUniform(2 * TIME.MINUTE, 18 * TIME.HOUR)), startMs - TIME.MINUTE)),
      priority: reportPriority(rng, plan),
    });
  });

  // Numbered in the order they arrived, as the platform would push them.
  reports.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
  const reportWidth = Math.max(4, String(reports.length).length);
  return {
    accounts: people.map((p) => p.account),
    conversations: plans.map((p) => ({
      externalId: p.externalId,
      participantExternalIds: p.participants.map((x) => x.account.externalId),
    })),
    messages,
    reports: reports.map((r, k) => ({ externalId: `demo-rpt-${String(k + 1).padStart(reportWidth, "0")}`, ...r })),
  };
}

function resolveOptions(options: DemoDataOptions): Required<DemoDataOptions> {
  const opts = { ...DEFAULT_DEMO_OPTIONS, ...stripUndefined(options) };
  const whole = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) throw new RangeError(`demo data: ${name} must be an integer ≥ ${min}`);
  };
  whole("accounts", opts.accounts, MIN_ACCOUNTS);
  whole("reports", opts.reports, 0);
  whole("conversations", opts.conversations, opts.reports + XSS_PAYLOADS.length);
  const needed = opts.reports * MIN_REPORTED_LENGTH + (opts.conversations - opts.reports) * MIN_ORDINARY_LENGTH;
  whole("messages", opts.messages, needed);
  if (Number.isNaN(opts.start.getTime())) throw new RangeError("demo data: start must be a valid date");
  return opts;
}

function stripUndefined(options: DemoDataOptions): DemoDataOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

/**
 * Splits `total` messages over the threads: each gets its minimum, the rest goes by a log-normal
 * weight (most threads short, some chatty) with long threads weighted up, using largest
 * remainders so the sum is exactly `total`.
 */
function threadLengths(rng: Rng, plans: readonly ConversationPlan[], total: number): number[] {
  const minimum = plans.map((p) => (p.report ? MIN_REPORTED_LENGTH : MIN_ORDINARY_LENGTH));
  const weights = plans.map((p) => {
    // Clamped so no single thread outgrows the intake's 2,000-message batch at default sizes.
    const w = Math.exp(0.9 * Math.max(-2.5, Math.min(2.5, rng.gauss())));
    return p.long ? LONG_THREAD_WEIGHT * rng.float(0.8, 1.5) : w;
  });
  const spare = total - minimum.reduce((s, m) => s + m, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => (spare * w) / weightSum);
  const lengths = shares.map((share, i) => (minimum[i] ?? 0) + Math.floor(share));
  let left = total - lengths.reduce((s, l) => s + l, 0);
  const byRemainder = shares.map((share, i) => [i, share - Math.floor(share)] as const).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  for (const [i] of byRemainder) {
    if (left-- <= 0) break;
    lengths[i] = (lengths[i] ?? 0) + 1;
  }
  return lengths;
}

function reportText(rng: Rng, plan: ConversationPlan): string {
  const report = plan.report;
  if (!report) return "";
  const fixed = { a: report.author.firstName };
  return fillTemplate(rng.pick(report.script.reports), { rng, region: report.reporter.account.dataRegion, fixed, memo: new Map() });
}

function reportPriority(rng: Rng, plan: ConversationPlan): DemoReport["priority"] {
  const report = plan.report;
  if (!report) return 4;
  const priority = rng.weighted(PRIORITIES[report.category]);
  // A child on the receiving end of harassment or hate goes up the queue.
  return report.reporter.account.isMinor ? (Math.min(priority, 2) as DemoReport["priority"]) : priority;
}
