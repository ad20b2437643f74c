import { z } from "zod";
import { AppError, UnauthenticatedError } from "@/lib/errors";
import { openEventStream } from "@/lib/events/event-stream";
import { MAX_WATCHED_GRANTS } from "@/lib/events/staff-event";
import { withOperation } from "@/lib/http/with-operation";
import { UUID_RE } from "@/lib/ids";
import { SECURITY_HEADERS } from "@/lib/security/csp";

// The signed-in member's own event channel, as server-sent events (ADR 008). `?grant=<id>`
// (repeatable) names grants a page shows; `ready` answers for each. Opening it does not count
// as activity, so an unattended page cannot keep a session alive.
export const dynamic = "force-dynamic";

// Every value of the repeated key, so parsed here rather than by the wrapper's first-value query.
const grants = z.array(z.string().regex(UUID_RE, "grant must be a grant id")).max(MAX_WATCHED_GRANTS, `at most ${MAX_WATCHED_GRANTS} grants`);

// No caching or transforming anywhere; X-Accel-Buffering asks nginx-style proxies not to
// hold events back (ADR 008 lists what a proxy in front must allow).
const STREAM_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no", ...SECURITY_HEADERS };

export const GET = withOperation("GET /api/v1/me/events", { passive: true }, async ({ req, staff, url }) => {
  if (!staff.sessionId) throw new UnauthenticatedError();
  const grant = grants.parse(url.searchParams.getAll("grant").map((g) => g.toLowerCase()));
  const stream = await openEventStream({ staffId: staff.id, sessionId: staff.sessionId, watch: [...new Set(grant)] }, req.signal);
  if (!stream) throw new AppError(429, "TOO_MANY_STREAMS", "Too many Custody pages are listening at once; close some tabs.");
  return new Response(stream, { headers: STREAM_HEADERS });
});
