import "server-only";
import { env } from "@/lib/env";
import { auditConfig } from "../config";
import { Sealer } from "./sealer";

// The sealer inside the web server, started once per process from instrumentation.ts. Every
// server instance starts one; the advisory lock lets exactly one of them seal and keeps the
// rest as standbys, so scaling the web tier out never forks the tree.

const g = globalThis as unknown as { custodySealer?: Sealer };

export function startServerSealer(): Sealer | null {
  const config = auditConfig();
  if (!config.sealerInServer) return null;
  g.custodySealer ??= new Sealer({ connectionString: env().DATABASE_URL, config }).start();
  return g.custodySealer;
}

/** This process's sealer, if it runs one (readiness reads its alarm). */
export function serverSealer(): Sealer | null {
  return g.custodySealer ?? null;
}

/** Stops this process's sealer and forgets it, so that startServerSealer() starts a new one. */
export async function stopServerSealer(): Promise<void> {
  const sealer = g.custodySealer;
  g.custodySealer = undefined;
  await sealer?.stop();
}
