// Next.js calls register() once when a server instance starts. The access-log sealer runs in
// the Node.js runtime only (it holds a PostgreSQL connection and writes checkpoint files), and
// not while `next build` prerenders pages, which would otherwise start one per build worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerSealer } = await import("@/lib/log/sealer/server-sealer");
  startServerSealer();
}
