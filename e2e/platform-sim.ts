import { type ChildProcess, spawn } from "node:child_process";

// Starts the platform simulator (npm run platform:sim) as a real process for a spec: idle (it
// sends only what the spec asks through its /actions), pointed at the server under test, and
// listening where that server delivers decisions (E2E_WEBHOOK_PORT, chosen by e2e/prepare.ts).
// It shares the run's intake and webhook secrets through the environment, as a platform would
// through its configuration.

export type SimState = {
  counts: Record<string, number>;
  accounts: { id: string; status: string }[];
  decisions: { decisionId: string; caseId: string; action: string; targetAccountId: string; verified: boolean; applied: string }[];
  refusedDeliveries: { webhookId: string | null; reason: string }[];
};

export type Sim = {
  base: string;
  output: () => string;
  state: () => Promise<SimState>;
  /** POST /actions/<name>; throws unless 2xx. */
  act: <T>(name: string, body?: unknown) => Promise<T>;
  /** POST /actions/<name>, whatever the answer. */
  tryAct: (name: string, body?: unknown) => Promise<{ status: number; body: unknown }>;
  stop: () => Promise<void>;
};

export async function startSimulator(): Promise<Sim> {
  const port = Number(process.env.E2E_WEBHOOK_PORT);
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "platform-sim/main.ts", "--idle", "--port", String(port), "--custody", `http://localhost:${process.env.E2E_PORT ?? 3100}`], {
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator did not start: ${out}`)), 30_000);
    child.stdout!.on("data", () => {
      if (out.includes("platform simulator on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited (${code}): ${out}`));
    });
  });
  return {
    base,
    output: () => out,
    state: async () => (await (await fetch(`${base}/state`)).json()) as SimState,
    act: async <T>(name: string, body: unknown = {}) => {
      const res = await fetch(`${base}/actions/${name}`, { method: "POST", body: JSON.stringify(body) });
      const json = (await res.json()) as T;
      if (!res.ok) throw new Error(`/actions/${name}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
    tryAct: async (name: string, body: unknown = {}) => {
      const res = await fetch(`${base}/actions/${name}`, { method: "POST", body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
