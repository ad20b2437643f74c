// npm run demo:live — Custody as `npm start` runs it, plus the platform simulator pointed at
// it, so the queue fills while you watch. The two share a pair of secrets for this run
// (intake: platform → Custody; decisions: Custody → platform) unless the environment sets them.
// The simulator is started as its own process over HTTP, never imported.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";

const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 3311);
const secret = () => `whsec_${randomBytes(32).toString("base64")}`;
const env = {
  ...process.env,
  CUSTODY_INTAKE_SECRET: process.env.CUSTODY_INTAKE_SECRET ?? secret(),
  CUSTODY_PLATFORM_WEBHOOK_SECRET: process.env.CUSTODY_PLATFORM_WEBHOOK_SECRET ?? secret(),
  CUSTODY_PLATFORM_WEBHOOK_URL: process.env.CUSTODY_PLATFORM_WEBHOOK_URL ?? `http://127.0.0.1:${simPort}/webhooks/custody`,
};

const children: ChildProcess[] = [];
function run(name: string, command: string, args: string[]): ChildProcess {
  // Its own process group, so stopping it reaches what npm and npx start under it (tsx, the server).
  const child = spawn(command, args, { stdio: "inherit", env, detached: true });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) console.log(`[demo:live] ${name} exited (${signal ?? code}); stopping the rest`);
    stop(code ?? 0);
  });
  return child;
}

let stopping = false;
function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(-c.pid, "SIGTERM");
  setTimeout(() => process.exit(code), 5_000).unref();
  Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : null))).then(() => process.exit(code));
}
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => stop(0));

run("custody", "npm", ["start"]);
// The simulator waits for Custody's /api/health itself (the first start seeds and may build).
run("platform simulator", "npx", ["tsx", "platform-sim/main.ts", "--custody", `http://localhost:${port}`, "--port", String(simPort), ...process.argv.slice(2)]);
