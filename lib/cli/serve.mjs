// The production server: one Next.js request handler per core, sharing one port through
// node:cluster. The content route (log, then decrypt) is CPU-bound in Node, and one Node
// process uses one core. CUSTODY_WORKERS sets the count (default: the number of cores, at most
// 4). Usage: node lib/cli/serve.mjs -p 3000
//
// It also gives every request its id (the caller's X-Request-Id when well formed, else a new
// UUID) and runs it inside lib/observability/request-context.mjs, so every log line of that
// request carries it; serves Prometheus metrics on a port of their own (CUSTODY_METRICS_PORT),
// summed across the workers by the primary (docs/decisions/022); and on SIGTERM fails readiness,
// keeps accepting for a lame-duck delay (CUSTODY_SHUTDOWN_DELAY_SECONDS) and until connections
// stop arriving, then stops accepting,
// lets the requests in flight finish, stops the sealer and job runner and closes the pools
// (lib/observability/shutdown.mjs) before it exits 0.
import cluster from "node:cluster";
import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import os from "node:os";
import client from "prom-client";
import { PEER_HEADER, normalizeAddress, parseTrustedProxies, servedOverHttps } from "../http/forwarded.mjs";
import { logger, routeConsoleToLogger } from "../observability/logger.mjs";
import { requestContext, requestIdFrom } from "../observability/request-context.mjs";
import { runShutdown } from "../observability/shutdown.mjs";

const portFlag = process.argv.indexOf("-p");
const port = Number(portFlag >= 0 ? process.argv[portFlag + 1] : (process.env.PORT ?? 3000));
const workers = Math.max(1, Number(process.env.CUSTODY_WORKERS ?? Math.min(os.availableParallelism(), 4)));
const metricsPort = process.env.CUSTODY_METRICS_PORT ? Number(process.env.CUSTODY_METRICS_PORT) : null;
const metricsHost = process.env.CUSTODY_METRICS_HOST ?? "127.0.0.1";
const metricsToken = process.env.CUSTODY_METRICS_TOKEN ?? "";
const shutdownMs = 1000 * Number(process.env.CUSTODY_SHUTDOWN_TIMEOUT_SECONDS ?? 25);
const lameDuckMs = 1000 * Number(process.env.CUSTODY_SHUTDOWN_DELAY_SECONDS ?? 1);

// The token that makes our peer header trustworthy (lib/http/client-address.ts): made here,
// inherited by the workers, unknown to clients. Set before the logger is made, which scrubs it.
if (cluster.isPrimary) process.env.CUSTODY_PEER_TOKEN = randomBytes(32).toString("base64url");
const log = logger();
routeConsoleToLogger(log);
// Node's warnings (deprecations) as warn lines, not as stderr text the console route calls errors.
process.removeAllListeners("warning");
process.on("warning", (w) => log.warn({ warning: w.name, code: w.code }, w.message));

function fail(message) {
  log.fatal(message);
  process.exit(1);
}
if (metricsPort !== null && !(Number.isInteger(metricsPort) && metricsPort > 0 && metricsPort < 65536)) fail("CUSTODY_METRICS_PORT: must be a port number");
if (metricsToken && metricsToken.length < 16) fail("CUSTODY_METRICS_TOKEN: must be at least 16 characters");
if (!(shutdownMs > 0)) fail("CUSTODY_SHUTDOWN_TIMEOUT_SECONDS: must be a positive number");
if (!(lameDuckMs >= 0)) fail("CUSTODY_SHUTDOWN_DELAY_SECONDS: must be a number of seconds, 0 or more");
let trusted;
try {
  trusted = parseTrustedProxies(process.env.CUSTODY_TRUSTED_PROXIES);
} catch (err) {
  fail(`CUSTODY_TRUSTED_PROXIES: ${err.message}`);
}
// Two years, the preload list's minimum; only ever sent on a response that travelled over TLS.
const HSTS = "max-age=63072000; includeSubDomains";

/** Tells the application who the peer is, in a header no client can supply, and sets HSTS. */
function stamp(req, res) {
  const peer = normalizeAddress(req.socket.remoteAddress);
  const https = servedOverHttps(peer, Boolean(req.socket.encrypted), req.headers["x-forwarded-proto"], trusted);
  delete req.headers[PEER_HEADER];
  req.headers[PEER_HEADER] = `${process.env.CUSTODY_PEER_TOKEN} ${peer || "unknown"} ${https ? "https" : "http"}`;
  if (https) res.setHeader("Strict-Transport-Security", HSTS);
}

/** The metrics endpoint: GET /api/metrics (or /metrics), with the bearer token when one is set. */
function serveMetrics(collect) {
  const expected = Buffer.from(`Bearer ${metricsToken}`);
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || (path !== "/api/metrics" && path !== "/metrics")) return void res.writeHead(404).end();
    if (metricsToken) {
      const given = Buffer.from(req.headers.authorization ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(401, { "www-authenticate": "Bearer" }).end();
    }
    try {
      const body = await collect();
      res.writeHead(200, { "content-type": client.register.contentType, "cache-control": "no-store" }).end(body);
    } catch (err) {
      log.error(`metrics: ${err.message}`);
      res.writeHead(503).end();
    }
  });
  server.listen(metricsPort, metricsHost, () => log.info(`metrics on http://${metricsHost}:${server.address().port}/api/metrics${metricsToken ? " (bearer token)" : ""}`));
  return server;
}

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error(`server worker ${worker.process.pid} exited (${code ?? signal}); starting another`);
    cluster.fork();
  });
  const aggregator = metricsPort !== null ? new client.AggregatorRegistry() : null;
  const metricsServer = aggregator ? serveMetrics(() => aggregator.clusterMetrics()) : null;
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal: sig }, "stopping: workers drain their requests");
      metricsServer?.close();
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
      // A worker that cannot finish within its own deadline is not waited for forever.
      setTimeout(() => process.exit(1), lameDuckMs + 2 * shutdownMs + 10_000).unref();
    });
  }
  log.info(`Custody listening on http://localhost:${port} (${workers} workers)`);
} else {
  const { default: next } = await import("next");
  // In a worker, answer the primary's metric requests; alone, serve the metrics here.
  if (cluster.isWorker) new client.AggregatorRegistry();
  client.collectDefaultMetrics();
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  let stopping = false;
  let signalled = false;
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    inFlight++;
    res.once("close", () => inFlight--);
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.once("finish", () => {
      const path = (req.url ?? "").split("?")[0];
      requestContext.run({ requestId }, () => log.info({ method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, "request"));
      // Draining: a keep-alive connection closes as soon as its response is out.
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
    // Draining: a request on a connection already open is served, and the connection then closes.
    if (stopping) res.setHeader("connection", "close");
    // From SIGTERM on, readiness fails, so the balancer stops sending new work here.
    if (signalled && req.method === "GET" && (req.url ?? "").split("?")[0] === "/api/ready") {
      res.writeHead(503, { "content-type": "application/json", "cache-control": "no-store" });
      return void res.end(JSON.stringify({ ready: false, problem: "this server is shutting down" }));
    }
    stamp(req, res);
    return requestContext.run({ requestId }, () => handle(req, res));
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, () => {
    if (workers === 1) log.info(`Custody listening on http://localhost:${server.address().port}`);
  });
  const metricsServer = cluster.isPrimary && metricsPort !== null ? serveMetrics(() => client.register.metrics()) : null;
  const drain = () => {
    stopping = true;
    log.info({ inFlight }, "stopping: no new connections; draining the requests in flight");
    metricsServer?.close();
    // Outside any request's context: the callback runs when the last connection closes, and
    // its lines are the process's, not that request's.
    server.close(() =>
      requestContext.exit(async () => {
        await runShutdown((m) => log.error(m));
        log.info("stopped cleanly");
        process.exit(0);
      }),
    );
    server.closeIdleConnections();
    setTimeout(() => {
      log.error(`requests still open after ${shutdownMs} ms: closing their connections`);
      server.closeAllConnections();
    }, shutdownMs).unref();
    setTimeout(() => process.exit(1), shutdownMs + 5_000).unref();
  };
  let lastConnection = 0;
  server.on("connection", () => (lastConnection = performance.now()));
  // Stop accepting once the lame-duck delay is over and no connection has arrived for a quarter
  // of a second (the balancer has seen readiness fail, and the connections the cluster's primary
  // had queued for this worker have reached it), or at the latest after the shutdown timeout.
  const QUIET_MS = 250;
  const drainWhenQuiet = (deadline) => {
    const quietFor = performance.now() - lastConnection;
    if (quietFor >= QUIET_MS || performance.now() >= deadline) return drain();
    setTimeout(() => drainWhenQuiet(deadline), QUIET_MS - quietFor);
  };
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      if (signalled) return;
      signalled = true;
      log.info({ signal: sig, lameDuckMs }, "stopping: still accepting for the lame-duck delay");
      setTimeout(() => drainWhenQuiet(performance.now() + shutdownMs), lameDuckMs);
    });
  }
}
