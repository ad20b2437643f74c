import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

// A witness as an outside party runs it: `npm run witness` in its own process, with its own key
// file and state directory, reached over real HTTP on a loopback port.

export interface WitnessProcess {
  url: string;
  vkey: string;
  dir: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startWitness(opts: { port?: number; logVkeys: string[]; name: string; dir?: string }): Promise<WitnessProcess> {
  const dir = opts.dir ?? (await mkdtemp(path.join(tmpdir(), "custody-witness-")));
  // Node itself with tsx's loader (not the tsx wrapper, which forks a child): signals such as
  // SIGSTOP, which the tests use to hang the witness, reach the process that serves.
  const args = ["--import", "tsx", "--conditions=react-server", "lib/cli/witness.ts", "--key", path.join(dir, "witness.key"), "--port", String(opts.port ?? 0), "--name", opts.name];
  for (const v of opts.logVkeys) args.push("--log", v);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  let port = opts.port ?? 0;
  const vkey = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`witness did not start:\n${out}`)), 30_000);
    const check = () => {
      const m = /verifier key: (\S+)/.exec(out);
      const listening = /listening on http:\/\/[^:]+:(\d+)\//.exec(out);
      if (m && listening) {
        port = Number(listening[1]);
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`witness exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    vkey,
    dir,
    port,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGCONT");
        child.kill("SIGTERM");
      }),
  };
}

/** POSTs an add-checkpoint body; returns status, content type and body. */
export async function addCheckpoint(url: string, body: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${url}/add-checkpoint`, { method: "POST", body, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}
