// Next.js calls register() once when a server instance starts. The access-log sealer and the
// outbox's dispatcher run in the Node.js runtime only (they hold PostgreSQL connections), and
// not while `next build` prerenders pages, which would otherwise start one per build worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerSealer } = await import("@/lib/log/sealer/server-sealer");
  startServerSealer();
  const { startServerDispatcher } = await import("@/lib/outbox/server-dispatcher");
  const dispatcher = startServerDispatcher();
  const { registerDatabaseGauges, registerSealerLeaderGauge } = await import("@/lib/observability/metrics");
  const { databaseGauges } = await import("@/lib/observability/database-gauges");
  registerDatabaseGauges(databaseGauges);
  const { serverSealer } = await import("@/lib/log/sealer/server-sealer");
  registerSealerLeaderGauge(() => serverSealer()?.stats.leader ?? false);
  // What lib/cli/serve.mjs calls on SIGTERM once the HTTP server has drained: the sealer
  // finishes its seal, the job runner its jobs, then the pools close.
  const { registerShutdown } = await import("@/lib/observability/shutdown.mjs");
  registerShutdown(async () => {
    const { stopServerSealer } = await import("@/lib/log/sealer/server-sealer");
    const { disconnectDb } = await import("@/lib/db");
    await Promise.all([stopServerSealer(), dispatcher.then((runner) => runner?.stop())]);
    await disconnectDb();
  });
}
