import "server-only";
import type { z } from "zod";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { countIntake, type IntakeRoute } from "@/lib/intake/counters";
import { assertSafeTextDeep, parseIntakeBody } from "@/lib/intake/intake-errors";
import { intakeVerifier } from "@/lib/intake/intake-verifier";
import { runIntake, runSqlIntake, type Tally } from "@/lib/intake/run-intake";
import { prismaSql, type Sql } from "@/lib/db/tagged";
import { errorResponse } from "./handle";
import { readBodyText } from "./read-body";
import { timed } from "./timed";
import type { RouteHandler, SignedOperationId } from "./with-operation";

// The platform's signed routes, apart from the staff routes' wrapper: they need no session, so
// nothing here loads the sign-in code (and a benchmark can call them outside Next.js).

export type SignedInput<B extends z.ZodType> = {
  readonly req: Request;
  readonly body: z.output<B>;
  /**
   * Runs the request's work as one transaction that also records its webhook-id (a replay is
   * 409 REPLAYED) and counts what `tally` says was accepted and duplicate.
   */
  readonly run: <T>(fn: (tx: Tx) => Promise<T>, tally: (result: T) => Tally) => Promise<T>;
  /** The same on a plain pg transaction, for work written as SQL (the messages route). */
  readonly runSql: <T>(fn: (sql: Sql) => Promise<T>, tally: (result: T) => Tally) => Promise<T>;
};

/**
 * The platform's signed intake routes: no staff session and no CSRF (nothing rides on a
 * cookie); instead, in this order: a JSON content type; the body read as the exact text sent,
 * refused past `maxBytes` while reading; its Standard Webhooks signature and timestamp
 * (lib/intake/signature.ts); JSON; U+0000 or a lone surrogate anywhere; the zod schema, each
 * refusal naming the item and field. The handler's `run` adds the replay check and counters.
 * Every refusal is counted for metrics; none writes a staff access event.
 */
export function withSignedOperation<B extends z.ZodType>(id: SignedOperationId, spec: { body: B; maxBytes: number }, handler: (input: SignedInput<B>) => Promise<Response>): RouteHandler {
  const route = id.slice(id.lastIndexOf("/") + 1) as IntakeRoute;
  return (req) => timed(id, run(req));
  async function run(req: Request): Promise<Response> {
    try {
      if (!(req.headers.get("content-type") ?? "").includes("application/json")) throw new AppError(415, "UNSUPPORTED_MEDIA_TYPE", "Send a JSON body (content-type: application/json).");
      const text = await readBodyText(req, spec.maxBytes);
      const { webhookId } = intakeVerifier().verify(text, req.headers);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        throw new AppError(400, "BAD_JSON", "The request body is not valid JSON.");
      }
      assertSafeTextDeep(raw);
      const body = parseIntakeBody(spec.body, raw);
      const run: SignedInput<B>["run"] = (fn, tally) => runIntake(getDb(), route, webhookId, fn, tally);
      const runSql: SignedInput<B>["runSql"] = (fn, tally) => runSqlIntake(route, webhookId, fn, tally);
      return await handler({ req, body, run, runSql });
    } catch (err) {
      const res = errorResponse(err);
      if (res.status < 500) {
        await countIntake(prismaSql(getDb()), route, { refused: 1 }).catch((e: unknown) => console.error("intake: counting a refusal failed:", e instanceof Error ? e.message : e));
      }
      return res;
    }
  }
}
