// The production server: one Next.js request handler per core, sharing one port through
// node:cluster. The content route (log, then decrypt) is CPU-bound in Node, and one Node
// process uses one core. CUSTODY_WORKERS sets the count (default: the number of cores, at most
// 4). Usage: node lib/cli/serve.mjs -p 3000
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import http from "node:http";
import os from "node:os";
import { PEER_HEADER, normalizeAddress, parseTrustedProxies, servedOverHttps } from "../http/forwarded.mjs";

const portFlag = process.argv.indexOf("-p");
const port = Number(portFlag >= 0 ? process.argv[portFlag + 1] : (process.env.PORT ?? 3000));
const workers = Math.max(1, Number(process.env.CUSTODY_WORKERS ?? Math.min(os.availableParallelism(), 4)));

// The token that makes our peer header trustworthy (lib/http/client-address.ts): made here,
// inherited by the workers, unknown to clients.
if (cluster.isPrimary) process.env.CUSTODY_PEER_TOKEN = randomBytes(32).toString("base64url");
let trusted;
try {
  trusted = parseTrustedProxies(process.env.CUSTODY_TRUSTED_PROXIES);
} catch (err) {
  console.error(`CUSTODY_TRUSTED_PROXIES: ${err.message}`);
  process.exit(1);
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

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`server worker ${worker.process.pid} exited (${code}); starting another`);
    cluster.fork();
  });
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
  console.log(`Custody listening on http://localhost:${port} (${workers} workers)`);
} else {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    stamp(req, res);
    return handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, () => {
    if (workers === 1) console.log(`Custody listening on http://localhost:${server.address().port}`);
  });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
}
