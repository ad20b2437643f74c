import "server-only";
import type { z } from "zod";
import { authorizeApi } from "@/lib/auth/authorize";
import { currentStaff } from "@/lib/auth/current-staff";
import type { StaffContext } from "@/lib/auth/staff-context";
import { AppError, BadRequestError } from "@/lib/errors";
import { OPERATIONS, type OperationId } from "@/lib/policy/operations";
import { isSafeText, SAFE_TEXT_MESSAGE } from "@/lib/validation/safe-text";
import { timed } from "./timed";
import { assertSameOriginMutation, errorResponse, readJson } from "./handle";
import { type RequestMeta, requestMetaFrom } from "./request-meta";
import type { RouteParam } from "./route-params";

// Every API route handler is one of these: the operation id (a key of lib/policy/operations.ts,
// so a wrong id fails the typecheck), the schemas of its path, query and body, and a handler
// that calls one lib function. The wrapper does, in this order: CSRF for operations whose
// registry entry lists it, authorisation, path params, query, body; then maps any error to
// HTTP. Nothing it does costs the content route an extra round trip: the session lookup is
// the one it always made, and the URL and request metadata are built only when used.

type RouteOperationId = Exclude<OperationId, `PAGE ${string}`>;
type Permission<K extends OperationId> = (typeof OPERATIONS)[K]["permission"];
/** Operations someone must be signed in for. */
export type ProtectedOperationId = { [K in RouteOperationId]: Permission<K> extends null ? never : K }[RouteOperationId];
type NoPermission = Exclude<RouteOperationId, ProtectedOperationId>;
/** The platform's signed intake routes (permission: null, rule SIGNED). */
export type SignedOperationId = { [K in NoPermission]: "SIGNED" extends (typeof OPERATIONS)[K]["rules"][number] ? K : never }[NoPermission];
/** The few public entry points (permission: null, not signed). */
export type PublicOperationId = Exclude<NoPermission, SignedOperationId>;

/** What Next.js passes a route handler as its second argument. */
type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };
/** A route handler as Next.js calls it (tests may leave out the context of a route without params). */
export type RouteHandler = (req: Request, ctx?: NextContext) => Promise<Response>;

type ParamSpecs = Record<string, RouteParam<unknown>>;
type Parsed<P extends ParamSpecs> = { [K in keyof P]: ReturnType<P[K]> };
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;
type Access = "staff" | "session";

export type OperationSpec<A extends Access, P extends ParamSpecs, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> = {
  /**
   * "staff" (the default): a signed-in member whose roles may attempt the operation, refusals
   * logged as ACCESS_DENIED (authorizeApi). "session": the session's member or null, for a lib
   * function that decides and logs every refusal itself (the content route).
   */
  access?: A;
  /** Look the session up without counting this request as activity (a page's open event channel). */
  passive?: boolean;
  params?: P;
  /** Parses the query string as an object of its first values. */
  query?: Q;
  /** Parses the JSON body (which must be sent as application/json). */
  body?: B;
  /** This route's answer when the database cannot be reached (default 503 DATABASE_UNAVAILABLE). */
  unavailable?: () => AppError;
};

export type OperationInput<A extends Access, P extends ParamSpecs, Q, B> = {
  readonly req: Request;
  readonly staff: A extends "session" ? StaffContext | null : StaffContext;
  readonly params: Parsed<P>;
  readonly query: Output<Q>;
  readonly body: Output<B>;
  readonly url: URL;
  /** Who made the request, as the access log records it. */
  readonly meta: RequestMeta;
};

class Input {
  #url: URL | undefined;
  #meta: RequestMeta | undefined;
  constructor(
    readonly req: Request,
    url: URL | undefined,
    readonly staff: StaffContext | null,
    readonly params: Record<string, unknown>,
    readonly query: unknown,
    readonly body: unknown,
  ) {
    this.#url = url;
  }
  get url(): URL {
    return (this.#url ??= new URL(this.req.url));
  }
  get meta(): RequestMeta {
    return (this.#meta ??= requestMetaFrom(this.req.headers));
  }
}

/** Every query key and value must be safe text, whatever the route's schema reads. */
function assertSafeQuery(url: URL) {
  for (const [key, value] of url.searchParams) {
    if (!isSafeText(key) || !isSafeText(value)) throw new BadRequestError(`${isSafeText(key) ? key : "query"}: ${SAFE_TEXT_MESSAGE}`);
  }
}

export function withOperation<
  A extends Access = "staff",
  P extends ParamSpecs = Record<never, never>,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(id: ProtectedOperationId, spec: OperationSpec<A, P, Q, B>, handler: (input: OperationInput<A, P, Q, B>) => Promise<Response>): RouteHandler {
  const csrf = (OPERATIONS[id].rules as readonly string[]).includes("CSRF");
  const session = spec.access === "session";
  const passive = { passive: spec.passive === true };
  const paramSpecs = spec.params ? Object.entries(spec.params) : null;
  const { query: querySchema, body: bodySchema } = spec;
  return (req, ctx) => timed(id, run(req, ctx));
  async function run(req: Request, ctx: NextContext | undefined): Promise<Response> {
    try {
      if (csrf) assertSameOriginMutation(req);
      const staff = session ? await currentStaff() : await authorizeApi(id, req, passive);
      const params: Record<string, unknown> = {};
      if (paramSpecs) {
        const raw = (await ctx?.params) ?? {};
        for (const [name, parse] of paramSpecs) params[name] = parse(raw[name], name);
      }
      let url: URL | undefined;
      if (req.url.includes("?")) assertSafeQuery((url = new URL(req.url)));
      const query = querySchema ? querySchema.parse(Object.fromEntries((url ??= new URL(req.url)).searchParams)) : undefined;
      const body = bodySchema ? bodySchema.parse(await readJson(req)) : undefined;
      const input = new Input(req, url, staff, params, query, body);
      return await handler(input as unknown as OperationInput<A, P, Q, B>);
    } catch (err) {
      return errorResponse(err, spec.unavailable);
    }
  }
}

/**
 * The lighter variant, for the public entry points (next-auth, liveness, the public key):
 * the registry id and the error mapping, nothing else. Their callers are not signed in, they
 * take no input of ours (next-auth parses and CSRF-checks its own), and a public response may
 * set its own cache headers.
 */
export function withPublicOperation(id: PublicOperationId, handler: (req: Request, ctx?: NextContext) => Response | Promise<Response>): RouteHandler {
  const run = async (req: Request, ctx?: NextContext) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };
  return (req, ctx) => timed(id, run(req, ctx));
}
