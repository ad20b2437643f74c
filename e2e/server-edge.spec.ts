import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";

// The server's edge from an attacker's and an operator's side, against the real build: every
// response refuses sniffing and framing; and through the production server (lib/cli/serve.mjs)
// X-Forwarded-For and X-Forwarded-Proto count only from a trusted proxy, for the access log's
// IP HMAC, HSTS and the Secure cookie flag.

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A raw request, from a chosen local address (127.0.0.2 plays the trusted proxy). */
function request(base: string, path: string, opts: { from?: string; headers?: Record<string, string>; method?: string; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method: opts.method ?? "GET", headers: opts.headers, localAddress: opts.from ?? "127.0.0.1" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** The first script the sign-in page loads: a static asset of this build. */
async function staticAsset(base: string, from?: string, headers?: Record<string, string>): Promise<string> {
  const page = await request(base, "/signin", { from, headers });
  const src = /src="(\/_next\/static\/[^"]+\.js)"/.exec(page.body)?.[1];
  if (!src) throw new Error("no static script on /signin");
  return src;
}

test.describe("headers on every response", () => {
  test("page, API, public key, static asset and 404s refuse sniffing and framing; no HSTS over http", async ({ baseURL }) => {
    const base = baseURL!;
    const paths = ["/signin", "/api/health", "/api/v1/audit/public-key", await staticAsset(base), "/no-such-page", "/api/v1/no-such-route", "/_next/static/no-such-file.js"];
    for (const path of paths) {
      const { headers } = await request(base, path);
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(String(headers["content-security-policy"]), path).toContain("frame-ancestors 'none'");
      expect(headers["strict-transport-security"], path).toBeUndefined();
    }
  });
});

test.describe("behind the production server", () => {
  let server: ChildProcess;
  let base = "";
  let db: pg.Client;

  test.beforeAll(async () => {
    server = spawn(process.execPath, ["lib/cli/serve.mjs", "-p", "0"], {
      env: { ...process.env, NODE_ENV: "production", CUSTODY_WORKERS: "1", CUSTODY_TRUSTED_PROXIES: "127.0.0.2", CUSTODY_SEALER: "0" },
      // Never "inherit": the server's cluster worker would hold the runner's output open if it outlived the spec.
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stderr!.on("data", (d: Buffer) => process.stderr.write(d));
    base = await new Promise<string>((resolve, reject) => {
      let out = "";
      server.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.once("exit", (code) => reject(new Error(`serve.mjs exited (${code}): ${out}`)));
    });
    db = new pg.Client({ connectionString: process.env.E2E_OWNER_URL });
    await db.connect();
  });

  test.afterAll(async () => {
    await db?.end();
    if (server?.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
  });

  // As lib/http/request-meta.ts keys it, so the test can name the address that was logged.
  const key = Buffer.from(hkdfSync("sha256", process.env.NEXTAUTH_SECRET!, "custody", "access-log ip hmac", 32));
  const hmac = (ip: string) => createHmac("sha256", key).update(ip).digest("base64url");

  /** A failed password sign-in through next-auth; returns the IP HMAC its event was logged with. */
  async function failedSignInHmac(from: string, headers: Record<string, string>): Promise<string | null> {
    const csrf = await request(base, "/api/auth/csrf", { from, headers });
    const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
    const email = `edge-${randomBytes(4).toString("hex")}@custody.test`;
    const form = new URLSearchParams({ email, password: "not-the-password", csrfToken: JSON.parse(csrf.body).csrfToken, json: "true" });
    await request(base, "/api/auth/callback/credentials", { from, method: "POST", body: form.toString(), headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" } });
    const { rows } = await db.query<{ ip_hmac: string | null }>(`select ip_hmac from access_event where action = 'SIGN_IN_FAILED' and details->>'email' = $1`, [email]);
    expect(rows).toHaveLength(1);
    return rows[0]!.ip_hmac;
  }

  test("a forged X-Forwarded-For (or peer header) from an untrusted client does not change the IP HMAC", async () => {
    const honest = await failedSignInHmac("127.0.0.1", {});
    const forged = await failedSignInHmac("127.0.0.1", { "x-forwarded-for": "198.51.100.66", "x-real-ip": "198.51.100.66", "x-custody-peer": "guessed 198.51.100.66 https" });
    expect(honest).toBe(hmac("127.0.0.1"));
    expect(forged).toBe(honest);
  });

  test("the client a trusted proxy reports is the one logged", async () => {
    expect(await failedSignInHmac("127.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.7" })).toBe(hmac("198.51.100.7"));
  });

  test("HSTS and Secure cookies only when a trusted proxy says https", async () => {
    const https = { "x-forwarded-proto": "https" };
    const asset = await staticAsset(base, "127.0.0.2", https);
    for (const path of ["/signin", "/api/health", "/api/v1/audit/public-key", asset, "/no-such-page"]) {
      const viaProxy = await request(base, path, { from: "127.0.0.2", headers: https });
      expect(viaProxy.headers["strict-transport-security"], path).toMatch(/^max-age=\d{8}/);
      const direct = await request(base, path, { from: "127.0.0.1", headers: https });
      expect(direct.headers["strict-transport-security"], path).toBeUndefined();
      expect(direct.headers["x-content-type-options"], path).toBe("nosniff");
    }
    const secure = await request(base, "/api/auth/csrf", { from: "127.0.0.2", headers: https });
    expect(secure.headers["set-cookie"]?.join("\n")).toMatch(/^__Host-next-auth\.csrf-token=[^\n]*; Secure/im);
    const plain = await request(base, "/api/auth/csrf", { from: "127.0.0.1", headers: https });
    expect(plain.headers["set-cookie"]?.join("\n")).toMatch(/^next-auth\.csrf-token=/m);
    expect(plain.headers["set-cookie"]?.join("\n")).not.toMatch(/Secure/i);
  });
});
