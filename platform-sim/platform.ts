import type { CustodyClient, IntakeAnswer } from "./custody-client";
import { EVERYDAY, GROOMING, HOSTILE, UNFLAGGED_ABUSE, pick } from "./lines";
import type { AccountFacts, AccountsResult, AppealBody, AppealResult, Category, ConversationDecl, MessagesResult, Region, ReportBody, ReportResult } from "./wire";
import type { FiledAppeal, FiledReport, LineKind, SimAccount, SimConversation, World } from "./world";

// What the platform does: signs up members, lets them write to each other, files the reports
// and appeals its members make, all pushed to Custody's intake. The log lines name ids, kinds
// and outcomes, never a message's text.

const NAMES = ["Alex", "Blair", "Casey", "Devon", "Emery", "Finley", "Gray", "Harper", "Indy", "Jules", "Kai", "Logan"];

export type Log = (line: string) => void;

export class IntakeFailed extends Error {
  constructor(
    readonly route: string,
    readonly answer: Extract<IntakeAnswer<unknown>, { ok: false }>,
  ) {
    super(`${route}: ${answer.status} ${answer.code}${answer.field ? ` (${answer.field})` : ""}: ${answer.message}`);
  }
}

export class Platform {
  readonly #declared = new Set<string>();

  constructor(
    readonly world: World,
    readonly custody: CustodyClient,
    readonly log: Log,
    readonly random: () => number = Math.random,
  ) {}

  async #post<T>(route: string, payload: unknown): Promise<T> {
    const answer = await this.custody.post<T>(route, payload);
    if (!answer.ok) {
      this.world.counts.intakeErrors += 1;
      throw new IntakeFailed(route, answer);
    }
    return answer.body;
  }

  /** Signs up members and pushes their account facts. */
  async signUp(count: number, opts: { region?: Region; minor?: (i: number) => boolean } = {}): Promise<SimAccount[]> {
    const made = Array.from({ length: count }, (_, i) => {
      const id = this.world.nextId("u");
      const name = pick(NAMES, this.random);
      return { id, handle: `${id.replace(/_/g, "-")}-${name.toLowerCase()}`, displayName: name, dataRegion: opts.region ?? "US", minor: opts.minor?.(i) ?? false };
    });
    const facts: AccountFacts[] = made.map((a) => ({ ...a, createdAt: new Date().toISOString() }));
    const res = await this.#post<AccountsResult>("/api/v1/intake/accounts", { accounts: facts });
    this.world.counts.accountsPushed += res.accepted;
    this.log(`→ accounts ${made.map((a) => a.id).join(", ")}: ${res.accepted} accepted, ${res.duplicate} unchanged`);
    return made.map((a) => this.world.addAccount(a));
  }

  /**
   * Sends one DM (declaring its conversation the first time). Null when the sender may not send.
   * `flagged` is Custody's count for the batch: a conversation pattern that completes flags
   * every message that carried one of its signals, earlier batches' included.
   */
  async send(conv: SimConversation, senderId: string, kind: LineKind, text: string): Promise<{ id: string; flagged: number } | null> {
    if (!this.world.canSend(senderId)) {
      this.world.counts.messagesHeld += 1;
      this.log(`· ${senderId} is ${this.world.accounts.get(senderId)?.status ?? "unknown"}: its DM in ${conv.id} is not sent`);
      return null;
    }
    const id = this.world.nextId("m");
    const conversations: ConversationDecl[] = this.#declared.has(conv.id) ? [] : [{ id: conv.id, participantIds: conv.participantIds }];
    const res = await this.#post<MessagesResult>("/api/v1/intake/messages", { conversations, messages: [{ id, conversationId: conv.id, senderId, sentAt: new Date().toISOString(), text }] });
    this.#declared.add(conv.id);
    conv.messages.push({ id, senderId, kind, removed: false });
    this.world.counts.messagesSent += res.accepted;
    this.world.counts.messagesFlagged += res.flagged;
    this.log(`→ DM ${id} in ${conv.id} from ${senderId} (${kind}): ${res.messages[0]?.status ?? "?"}${res.flagged ? ", flagged by detection" : ""}`);
    return { id, flagged: res.flagged };
  }

  /** Files a report of `messageIds` by `reporterId` (a participant). */
  async fileReport(conv: SimConversation, reporterId: string, messageIds: string[], category: Category, priority?: number): Promise<FiledReport> {
    const body: ReportBody = { id: this.world.nextId("r"), reporterId, conversationId: conv.id, messageIds, category, text: "They keep sending me this.", ...(priority ? { priority } : {}) };
    const filed: FiledReport = { id: body.id, conversationId: conv.id, reporterId, messageIds, caseId: null, newCase: null, error: null };
    this.world.reports.push(filed);
    try {
      const res = await this.#post<ReportResult>("/api/v1/intake/reports", body);
      Object.assign(filed, { caseId: res.caseId, newCase: res.newCase });
      this.world.counts.reportsFiled += 1;
      this.log(`→ report ${body.id} by ${reporterId} of ${messageIds.join(", ")} (${category}): ${res.newCase ? "new" : "joined"} case ${new URL(`/cases/${res.caseId}`, this.custody.baseUrl).href}`);
    } catch (e) {
      filed.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
    return filed;
  }

  /**
   * A new pair of members, one of whom abuses the other in words detection does not flag, and
   * the other reports it: a new conversation, so the report opens a new USER_REPORT case.
   */
  async reportScenario(opts: { category?: Category; priority?: number } = {}): Promise<{ report: FiledReport; offenderId: string; reporterId: string; conversationId: string; messageId: string }> {
    const [reporter, offender] = await this.signUp(2);
    const conv = this.world.addConversation([reporter!.id, offender!.id], { scripted: true });
    await this.send(conv, reporter!.id, "everyday", pick(EVERYDAY, this.random));
    const line = opts.category ? (UNFLAGGED_ABUSE.find((h) => h.category === opts.category) ?? { ...UNFLAGGED_ABUSE[0]!, category: opts.category }) : pick(UNFLAGGED_ABUSE, this.random);
    const sent = await this.send(conv, offender!.id, "hostile", line.text);
    const report = await this.fileReport(conv, reporter!.id, [sent!.id], opts.category ?? line.category, opts.priority);
    return { report, offenderId: offender!.id, reporterId: reporter!.id, conversationId: conv.id, messageId: sent!.id };
  }

  /** The grooming script: an adult writes to a minor the three signals of the seeded pattern. */
  async groomingScenario(): Promise<{ conversationId: string; groomerId: string; minorId: string; messageIds: string[]; flagged: number }> {
    const [groomer, minor] = await this.signUp(2, { minor: (i) => i === 1 });
    const conv = this.world.addConversation([groomer!.id, minor!.id], { scripted: true });
    this.log(`▶ grooming script in ${conv.id}: ${groomer!.id} → ${minor!.id} (minor)`);
    await this.send(conv, minor!.id, "everyday", "hi");
    const ids: string[] = [];
    let flagged = 0;
    for (const line of GROOMING) {
      const sent = await this.send(conv, groomer!.id, "grooming", line);
      if (!sent) break;
      ids.push(sent.id);
      flagged += sent.flagged;
    }
    return { conversationId: conv.id, groomerId: groomer!.id, minorId: minor!.id, messageIds: ids, flagged };
  }

  /** The target of a restricting decision appeals it (the given one, or the first not yet appealed). */
  async appeal(decisionId?: string): Promise<FiledAppeal | null> {
    const decision = decisionId ? this.world.decisions.get(decisionId) : this.world.appealable();
    if (!decision) return null;
    const body: AppealBody = { id: this.world.nextId("a"), decisionId: decision.decisionId, appellantId: decision.targetAccountId, text: "I was joking, please restore my account." };
    const filed: FiledAppeal = { id: body.id, decisionId: decision.decisionId, appellantId: decision.targetAccountId, caseId: null, error: null };
    this.world.appeals.push(filed);
    try {
      const res = await this.#post<AppealResult>("/api/v1/intake/appeals", body);
      filed.caseId = res.caseId;
      this.world.counts.appealsFiled += 1;
      this.log(`→ appeal ${body.id} by ${decision.targetAccountId} of decision ${decision.decisionId} (${decision.action}): case ${res.caseId}`);
    } catch (e) {
      filed.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
    return filed;
  }

  /** Members and conversations for automatic traffic. */
  async populate(accounts: number, conversations: number): Promise<void> {
    const members = await this.signUp(accounts);
    for (let i = 0; i < conversations; i++) {
      const a = members[i % members.length]!;
      const b = members[(i * 3 + 1) % members.length]!;
      this.world.addConversation(a.id === b.id ? [a.id, members[(i + 1) % members.length]!.id] : [a.id, b.id]);
    }
  }

  /** One step of automatic traffic: a DM in a random conversation; now and then a report or an appeal. */
  async tick(opts: { hostileShare: number; reportEvery: number; appealShare: number }): Promise<void> {
    const convs = [...this.world.conversations.values()].filter((c) => !c.scripted && c.participantIds.some((p) => this.world.canSend(p)));
    if (convs.length === 0) return;
    const conv = pick(convs, this.random);
    const sender = pick(conv.participantIds, this.random);
    const hostile = this.random() < opts.hostileShare;
    await this.send(conv, sender, hostile ? "hostile" : "everyday", hostile ? pick(HOSTILE, this.random).text : pick(EVERYDAY, this.random));
    if (this.world.counts.messagesSent % opts.reportEvery === 0) await this.reportSomething();
    if (this.random() < opts.appealShare) await this.appeal();
  }

  /** Reports the latest unreported hostile message in the running conversations, if any. */
  async reportSomething(): Promise<FiledReport | null> {
    const reported = new Set(this.world.reports.flatMap((r) => r.messageIds));
    for (const conv of this.world.conversations.values()) {
      const m = [...conv.messages].reverse().find((x) => x.kind === "hostile" && !reported.has(x.id));
      const reporter = m && conv.participantIds.find((p) => p !== m.senderId);
      if (m && reporter) return this.fileReport(conv, reporter, [m.id], "HARASSMENT");
    }
    return null;
  }
}
