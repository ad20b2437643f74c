// The benchmarks' load generator, in a process of its own (as wrk would be): a small heap, so
// its garbage collection does not take CPU from the server it measures, which shares the
// machine's cores. Started by bench/harness.ts (runLoad) with one JSON argument:
//   { port, clients, seconds, requests: [{ path, headers }] }  (requests[i % length] for client i)
// and prints one JSON line: the latencies' summary and this process's CPU seconds.
//
// Closed loop: each client on its own keep-alive connection (as a reviewer's browser would
// be) sends its next request when the last response has fully arrived. The clients open
// their connections one after another (one untimed request each) before the clock starts: the
// server's node:cluster primary hands each new connection to a worker, and a burst of 16 at
// once lands unevenly (10 and 6 were seen); with keep-alive that split would last the run and
// the benchmark would measure the split, not the server.
import http from "node:http";

const { port, clients, seconds, requests } = JSON.parse(process.argv[2]);

function get(agent, r) {
  return new Promise((resolve, reject) => {
    const req = http.get({ agent, host: "127.0.0.1", port, path: r.path, headers: r.headers }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

const agents = Array.from({ length: clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
const request = (client) => requests[client % requests.length];
for (const [client, agent] of agents.entries()) await get(agent, request(client));

const cpu0 = process.cpuUsage();
const latencies = [];
const perClient = agents.map(() => ({ sum: 0, n: 0 }));
const statuses = {};
let errors = 0;
const started = performance.now();
const end = started + seconds * 1000;
await Promise.all(
  agents.map(async (agent, client) => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const status = await get(agent, request(client));
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status < 200 || status >= 300) errors++;
      } catch {
        errors++;
      }
      const ms = performance.now() - t;
      latencies.push(ms);
      perClient[client].sum += ms;
      perClient[client].n++;
    }
    agent.destroy();
  }),
);
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
latencies.sort((a, b) => a - b);
const means = perClient.map((c) => c.sum / c.n);
process.stdout.write(
  JSON.stringify({
    requests: latencies.length,
    errors,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
    clientMeans: { min: Math.min(...means), max: Math.max(...means) },
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  }) + "\n",
);
