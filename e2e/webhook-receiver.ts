import http from "node:http";
import { Webhook } from "standardwebhooks";

// The platform's side for the outbox spec: an HTTP endpoint on E2E_WEBHOOK_PORT (chosen by
// e2e/prepare.ts, which points the server's CUSTODY_PLATFORM_WEBHOOK_URL at it) that verifies
// each decision's Standard Webhooks signature and keeps the verified bodies.

export type Delivered = { webhookId: string; data: { caseId: string; action: string; decisionId: string } };

export async function startReceiver(): Promise<{ delivered: Delivered[]; refused: number; close: () => Promise<void> }> {
  const wh = new Webhook(process.env.CUSTODY_PLATFORM_WEBHOOK_SECRET!);
  const state = { delivered: [] as Delivered[], refused: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        const body = wh.verify(Buffer.concat(chunks).toString("utf8"), req.headers as Record<string, string>) as Omit<Delivered, "webhookId">;
        state.delivered.push({ webhookId: String(req.headers["webhook-id"]), data: body.data });
        res.writeHead(204).end();
      } catch {
        state.refused++;
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(Number(process.env.E2E_WEBHOOK_PORT), "127.0.0.1", () => resolve()));
  return {
    get delivered() {
      return state.delivered;
    },
    get refused() {
      return state.refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
