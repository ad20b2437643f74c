import http from "node:http";
import { IntakeFailed, type Log, type Platform } from "./platform";
import { verifyDelivery } from "./signing";
import { readDecision } from "./wire";
import type { Category } from "./wire";

// The platform's HTTP side: the enforcement endpoint Custody delivers decisions to
// (POST /webhooks/custody, Standard-Webhooks-verified, applied once per decision), the state a
// test or an operator reads (GET /state), and actions that make the platform do one thing now
// (POST /actions/report|grooming|message|appeal|outage). Bound to 127.0.0.1: it is a local stand-in.

const MAX_BODY = 1024 * 1024;
const CATEGORIES: readonly string[] = ["HARASSMENT", "THREATS", "GROOMING", "SCAM", "HATE", "SELF_HARM"];

export type SimServerOptions = { platform: Platform; deliverySecrets: readonly string[]; log: Log; info: () => Record<string, unknown> };

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body?: unknown) {
  if (body === undefined) res.writeHead(status).end();
  else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export function createSimServer({ platform, deliverySecrets, log, info }: SimServerOptions): http.Server {
  const world = platform.world;
  const state = { outageUntil: 0 };

  async function receiveDecision(req: http.IncomingMessage, res: http.ServerResponse) {
    if (Date.now() < state.outageUntil) {
      world.counts.outageRefusals += 1;
      log(`← decision ${String(req.headers["webhook-id"] ?? "?")}: refused, the platform is in a simulated outage`);
      return send(res, 503, { error: "simulated outage" });
    }
    const body = await readBody(req);
    if (body === null) return send(res, 413, { error: "body too large" });
    const verified = verifyDelivery(deliverySecrets, body, req.headers);
    if (!verified.ok) {
      world.refuse(verified.webhookId, verified.reason);
      log(`← delivery ${verified.webhookId ?? "(no id)"} REFUSED: ${verified.reason}`);
      return send(res, 401, { error: verified.reason });
    }
    const read = readDecision(verified.payload);
    if (!read.ok) {
      world.refuse(verified.webhookId, read.reason);
      log(`← delivery ${verified.webhookId} signed but not a decision: ${read.reason}`);
      return send(res, 422, { error: read.reason });
    }
    const { entry, repeat } = world.applyDecision(verified.webhookId, read.decision.data);
    const d = read.decision.data;
    log(
      repeat
        ? `← decision ${d.decisionId} again (delivery ${entry.deliveries}): already applied`
        : `← decision ${d.decisionId} ${d.action} on ${d.target.accountId} (case ${d.caseNumber}, ${d.ground.basis}${d.automatedDetection ? ", automated detection" : ""}), signature verified: ${entry.applied}` +
            (d.reports.length ? `; reporters told: ${d.reports.map((r) => `${r.reportId} ${r.actionTaken ? "action taken" : "no action"}`).join(", ")}` : ""),
    );
    send(res, 204);
  }

  async function action(name: string, req: http.IncomingMessage, res: http.ServerResponse) {
    const raw = (await readBody(req)) ?? "";
    let input: Record<string, unknown> = {};
    try {
      input = raw.trim() ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(res, 400, { error: "the body is not JSON" });
    }
    try {
      if (name === "report") {
        const category = input.category;
        if (category !== undefined && (typeof category !== "string" || !CATEGORIES.includes(category))) return send(res, 400, { error: `category must be one of ${CATEGORIES.join(", ")}` });
        const priority = typeof input.priority === "number" ? input.priority : undefined;
        return send(res, 201, await platform.reportScenario({ category: category as Category | undefined, priority }));
      }
      if (name === "grooming") return send(res, 201, await platform.groomingScenario());
      if (name === "message") {
        if (typeof input.from !== "string") return send(res, 400, { error: "from must name one of the simulator's accounts" });
        const conv = [...world.conversations.values()].find((c) => c.participantIds.includes(input.from as string));
        if (!conv) return send(res, 404, { error: `no conversation of ${input.from}` });
        const sent = await platform.send(conv, input.from, "everyday", "ok see you then");
        return sent ? send(res, 201, { conversationId: conv.id, ...sent }) : send(res, 409, { error: `${input.from} is ${world.accounts.get(input.from)?.status}: it may not send`, held: true });
      }
      if (name === "appeal") {
        const filed = await platform.appeal(typeof input.decisionId === "string" ? input.decisionId : undefined);
        return filed ? send(res, 201, filed) : send(res, 409, { error: "no received decision to appeal" });
      }
      if (name === "outage") {
        const seconds = input.seconds;
        if (typeof seconds !== "number" || !(seconds >= 0 && seconds <= 3600)) return send(res, 400, { error: "seconds must be a number from 0 to 3600" });
        state.outageUntil = Date.now() + seconds * 1000;
        log(seconds > 0 ? `▶ outage: the enforcement endpoint answers 503 for ${seconds} s` : "▶ outage over");
        return send(res, 200, { outageUntil: new Date(state.outageUntil).toISOString() });
      }
      return send(res, 404, { error: `no action ${name}` });
    } catch (e) {
      // Custody refused or could not be reached: the platform's problem to report, not a crash.
      if (e instanceof IntakeFailed) return send(res, 502, { error: e.message, status: e.answer.status, code: e.answer.code });
      throw e;
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sim");
    const route = `${req.method} ${url.pathname}`;
    const run = async () => {
      if (route === "POST /webhooks/custody") return receiveDecision(req, res);
      if (route === "GET /state") return send(res, 200, world.snapshot({ ...info(), outage: Date.now() < state.outageUntil }));
      const m = /^POST \/actions\/([a-z]+)$/.exec(route);
      if (m) return action(m[1]!, req, res);
      send(res, 404, { error: `no route ${route}` });
    };
    run().catch((e: unknown) => {
      log(`! ${route} failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) send(res, 500, { error: "the simulator failed; see its output" });
    });
  });
  return server;
}
