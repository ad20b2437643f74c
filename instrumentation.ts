// Next.js calls register() once when a server instance starts. The access-log sealer and the
// outbox's dispatcher run in the Node.js runtime only (they hold PostgreSQL connections), and
// not while `next build` prerenders pages, which would otherwise start one per build worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerSealer } = await import("@/lib/log/sealer/server-sealer");
  startServerSealer();
  const { startServerDispatcher } = await import("@/lib/outbox/server-dispatcher");
  void startServerDispatcher();
}
