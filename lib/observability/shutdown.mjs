// What a server process must stop before it exits: registered by instrumentation.ts (the sealer,
// the job runner, the database pools), run by lib/cli/serve.mjs after its HTTP server has
// drained. On globalThis because Next.js's bundle and serve.mjs each load this module.
const KEY = Symbol.for("custody.shutdown");
/** @type {(() => Promise<void>)[]} */
const hooks = (globalThis[KEY] ??= []);

export function registerShutdown(fn) {
  hooks.push(fn);
}

/** Runs every hook once, side by side; resolves when all have settled (errors are reported). */
export async function runShutdown(log = console.error) {
  const pending = hooks.splice(0);
  const results = await Promise.allSettled(pending.map((fn) => fn()));
  for (const r of results) if (r.status === "rejected") log(`shutdown: ${r.reason instanceof Error ? r.reason.message : r.reason}`);
}
