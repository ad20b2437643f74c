import path from "node:path";
import pg from "pg";
import { signIntakeRequest } from "@/lib/intake/signature";
import type { RouteHandler } from "@/lib/http/with-operation";
import { uid } from "./world";

// Sends signed intake requests through the real route handlers, as the platform would over
// HTTP, and counts rows as the schema owner to prove what a refused batch did not store.

export const INTAKE_ROUTES = ["accounts", "messages", "uploads", "reports", "appeals"] as const;
export type IntakeRouteName = (typeof INTAKE_ROUTES)[number];

/** The active secrets the test run configured (test/integration/setup-env.ts): two, as in a rotation. */
export function intakeSecrets(): string[] {
  return (process.env.CUSTODY_INTAKE_SECRET ?? "").split(/[\s,]+/).filter(Boolean);
}

const APP = path.resolve(import.meta.dirname, "../../app");

export async function intakeHandler(route: IntakeRouteName): Promise<RouteHandler> {
  const mod = (await import(path.join(APP, "api/v1/intake", route, "route.ts"))) as { POST: RouteHandler };
  return mod.POST;
}

export type SendOptions = { secret?: string; id?: string; at?: Date; headers?: Record<string, string | null>; raw?: string };

/** A signed intake request (headers can be overridden or removed with null). */
export function signedRequest(route: IntakeRouteName, body: unknown, opts: SendOptions = {}): Request {
  const text = opts.raw ?? JSON.stringify(body);
  const headers = new Headers({ "content-type": "application/json", ...signIntakeRequest(opts.secret ?? intakeSecrets()[0]!, text, { id: opts.id, at: opts.at }) });
  for (const [k, v] of Object.entries(opts.headers ?? {})) if (v === null) headers.delete(k); else headers.set(k, v);
  return new Request(`http://localhost/api/v1/intake/${route}`, { method: "POST", headers, body: text });
}

export async function send(route: IntakeRouteName, body: unknown, opts: SendOptions = {}) {
  const res = await (await intakeHandler(route))(signedRequest(route, body, opts));
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text || "null") as Record<string, unknown> & { error?: { code: string; message: string; item?: number; field?: string } } };
}

/** Rows in every table intake may write, and the access log (which it must never write). */
export async function rowCounts(): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: process.env.TEST_OWNER_URL });
  await c.connect();
  try {
    const tables = ["platform_account", "conversation", "conversation_participant", "conversation_key", "message", "message_attachment", "user_report", "reported_message", "case", "appeal", "intake_replay", "access_event"];
    const out: Record<string, number> = {};
    for (const t of tables) out[t] = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`)).rows[0]!.n);
    return out;
  } finally {
    await c.end();
  }
}

/** A fresh pair of accounts in one region, pushed over the signed route. */
export async function twoAccounts(region: "US" | "EU" = "US") {
  const id = uid();
  const a = { id: `pa-${id}`, handle: `pa_${id}`, displayName: "Pat", dataRegion: region };
  const b = { id: `pb-${id}`, handle: `pb_${id}`, displayName: "Bo", dataRegion: region };
  const res = await send("accounts", { accounts: [a, b] });
  if (res.status !== 200) throw new Error(`accounts: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, a: a.id, b: b.id };
}

export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0 distinctive-jpeg-payload-0123456789", "latin1")]);
