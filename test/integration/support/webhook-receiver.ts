import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// A platform's enforcement endpoint for the tests, over real HTTP on 127.0.0.1: it verifies
// every request's Standard Webhooks signature with the `standardwebhooks` package (as a
// platform would), records what it got, and applies each decision once — a second delivery
// with the same webhook-id is answered 200 and changes nothing. It can be taken down (the
// port refuses connections) and brought back on the same port, answer an error, or be slow.

export type Received = { webhookId: string; body: string; verified: boolean; at: number };

export class WebhookReceiver {
  readonly secret = `whsec_${randomBytes(24).toString("base64")}`;
  readonly received: Received[] = [];
  /** Decisions applied, by webhook-id: duplicates do not add to it. */
  readonly applied = new Map<string, unknown>();
  status = 200;
  delayMs = 0;
  #server: http.Server | null = null;
  #port = 0;
  #sockets = new Set<import("node:net").Socket>();

  get url(): string {
    return `http://127.0.0.1:${this.#port}/webhooks/custody`;
  }

  async start(port = this.#port): Promise<this> {
    const wh = new Webhook(this.secret);
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        let verified = false;
        let payload: unknown = null;
        try {
          payload = wh.verify(body, req.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
        const webhookId = String(req.headers["webhook-id"] ?? "");
        this.received.push({ webhookId, body, verified, at: Date.now() });
        const answer = () => {
          if (!verified) return void res.writeHead(401).end("bad signature");
          if (this.status >= 200 && this.status < 300 && !this.applied.has(webhookId)) this.applied.set(webhookId, payload);
          res.writeHead(this.status, { "content-type": "text/plain" }).end("secret-looking body the outbox must never store");
        };
        if (this.delayMs) setTimeout(answer, this.delayMs);
        else answer();
      });
    });
    server.on("connection", (s) => {
      this.#sockets.add(s);
      s.on("close", () => this.#sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  /** Down: the port refuses connections (open ones are cut). */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  verifiedIds(): Set<string> {
    return new Set(this.received.filter((r) => r.verified).map((r) => r.webhookId));
  }
}
