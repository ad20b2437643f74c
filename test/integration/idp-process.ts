import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { IdpUser } from "../../scripts/idp-dev";

// The OpenID provider as a real process (npm run idp:dev's script, oidc-provider), on a port
// the OS gives it, reached over real HTTP; and a browser's part of the sign-in against it.

export type IdpProcess = { issuer: string; port: number; keyFile: string; stop: () => Promise<void>; output: () => string };

export const CLIENT = { clientId: "custody-test", clientSecret: "custody-test-secret-0123456789abcdef" };
export const APP = "http://localhost:3000";

export async function startIdp(opts: { users: IdpUser[]; port?: number; keyFile?: string; dir?: string }): Promise<IdpProcess> {
  const dir = opts.dir ?? (await mkdtemp(path.join(tmpdir(), "custody-idp-")));
  const usersFile = path.join(dir, "users.json");
  await writeFile(usersFile, JSON.stringify(opts.users));
  const keyFile = opts.keyFile ?? path.join(dir, "key.json");
  const args = ["--import", "tsx", "scripts/idp-dev.ts", "--port", String(opts.port ?? 0), "--users", usersFile, "--key", keyFile];
  args.push("--client-id", CLIENT.clientId, "--client-secret", CLIENT.clientSecret, "--redirect-uri", `${APP}/api/auth/oidc/callback`);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provider did not start:\n${out}`)), 30_000);
    child.stdout!.on("data", () => {
      const m = /issuer: (\S+)/.exec(out);
      if (m && out.includes("listening on")) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`provider exited with ${code}:\n${out}`));
    });
  });
  return {
    issuer,
    port: Number(new URL(issuer).port),
    keyFile,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // SIGTERM lets it close its server; a provider that does not exit within 5 s is killed.
        const force = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** Follows the provider's redirects and signs in on its login page, as a browser would; returns the redirect back to Custody. */
export async function loginAtProvider(authorizeUrl: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  let url = authorizeUrl;
  let posted = false;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(APP)) return url;
    let res = await fetch(url, { redirect: "manual", headers: { cookie: cookieHeader() } });
    keep(res);
    if (res.status === 200 && !posted) {
      const html = await res.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no login form at ${url}: ${html.slice(0, 300)}`);
      posted = true;
      res = await fetch(new URL(action, url), {
        method: "POST",
        redirect: "manual",
        headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ login, password }).toString(),
      });
      keep(res);
    }
    const next = res.headers.get("location");
    if (!next) throw new Error(`provider answered ${res.status} at ${url}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(next, url).href;
  }
  throw new Error("too many redirects at the provider");
}
