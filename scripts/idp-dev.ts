// A real OpenID provider for trying single sign-on and for the tests: `oidc-provider` (the
// certified Node implementation) with a few test users, in its own process, on loopback.
//
//   npm run idp:dev                                    # port 3400, users that match the demo staff
//   npm run idp:dev -- --port 0 --users users.json --key key.json --client-id … --client-secret … --redirect-uri …
//
// It prints `issuer: <url>` once it listens; point CUSTODY_OIDC_ISSUER at that. The key file
// holds the provider's RSA signing key as a private JWK (made on first use); start it again with
// another key file and the provider has rotated its key. Nothing here is for production.
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import Provider from "oidc-provider";

export type IdpUser = { login: string; password: string; sub: string; email?: string; email_verified?: boolean; name?: string; amr?: string[]; acr?: string };

const DEMO_USERS: IdpUser[] = [
  { login: "reviewer", password: "idp-demo", sub: "idp-reviewer-1", email: "reviewer@custody.test", email_verified: true, name: "Demo Reviewer", amr: ["pwd"] },
  // Signs in with a second factor: the ID token's amr says so, and Custody counts it as step-up.
  { login: "lead", password: "idp-demo", sub: "idp-lead-1", email: "lead@custody.test", email_verified: true, name: "Demo Lead", amr: ["pwd", "otp", "mfa"] },
  { login: "admin", password: "idp-demo", sub: "idp-admin-1", email: "admin@custody.test", email_verified: true, name: "Demo Admin", amr: ["pwd"] },
  // Not Custody staff: refused.
  { login: "stranger", password: "idp-demo", sub: "idp-stranger-1", email: "stranger@example.test", email_verified: true, name: "Someone Else", amr: ["pwd"] },
];

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: process.env.IDP_PORT ?? "3400" },
    host: { type: "string", default: "127.0.0.1" },
    users: { type: "string" },
    key: { type: "string" },
    "client-id": { type: "string", default: "custody-dev" },
    "client-secret": { type: "string", default: "custody-dev-secret-change-me" },
    "redirect-uri": { type: "string", multiple: true, default: ["http://localhost:3000/api/auth/oidc/callback"] },
  },
});

const users: IdpUser[] = args.users ? (JSON.parse(readFileSync(args.users, "utf8")) as IdpUser[]) : DEMO_USERS;

function signingKey(file: string | undefined): Record<string, unknown> {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" };
  if (file) writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title>
<style>body{font:15px system-ui,sans-serif;max-width:22rem;margin:12vh auto;padding:0 1rem;color:#18181b}label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.4rem;box-sizing:border-box}button{margin-top:1rem;padding:.4rem 1rem}.err{color:#b91c1c}</style></head>
<body><main><h1>Test identity provider</h1>${body}</main></body></html>`;
}

function loginForm(uid: string, client: string, error?: string): string {
  return page(
    "Sign in — test identity provider",
    `<p>Sign in to continue to <strong>${escape(client)}</strong>.</p>${error ? `<p class="err" role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Username</label><input id="login" name="login" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`,
  );
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error("body too large");
  }
  return new URLSearchParams(body);
}

const server = http.createServer();
await new Promise<void>((resolve) => server.listen(Number(args.port), args.host, resolve));
const port = (server.address() as AddressInfo).port;
const issuer = `http://${args.host}:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: args["client-id"],
      client_secret: args["client-secret"],
      redirect_uris: args["redirect-uri"],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
      require_auth_time: true,
    },
  ],
  jwks: { keys: [signingKey(args.key)] },
  // The profile and e-mail claims go into the ID token itself, as most providers put them.
  conformIdTokenClaims: false,
  claims: { openid: ["sub", "amr"], email: ["email", "email_verified"], profile: ["name"], acr: null, auth_time: null, sid: null, iss: null },
  findAccount: (_ctx: unknown, sub: string) => {
    const user = users.find((u) => u.sub === sub);
    if (!user) return undefined;
    return { accountId: sub, claims: () => ({ sub, email: user.email, email_verified: user.email_verified, name: user.name, amr: user.amr }) };
  },
  // A first-party test client: consent is given on the person's behalf.
  loadExistingGrant: async (ctx: { oidc: { client: { clientId: string }; session: { accountId: string; grantIdFor: (c: string) => string | undefined }; provider: typeof provider } }) => {
    const { client, session } = ctx.oidc;
    const existing = session.grantIdFor(client.clientId);
    if (existing) return provider.Grant.find(existing);
    const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  pkce: { required: () => true },
  renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
    ctx.type = "html";
    ctx.body = page("Error — test identity provider", `<p class="err" role="alert">${escape(out.error ?? "error")}: ${escape(out.error_description ?? "")}</p>`);
  },
});
const callback = provider.callback();

server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
  void (async () => {
    const url = new URL(req.url ?? "/", issuer);
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!m) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "POST" && m[2]) {
        const form = await readForm(req);
        const user = users.find((u) => u.login === form.get("login") && u.password === form.get("password"));
        if (!user) {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginForm(details.uid, details.params.client_id, "Unknown username or wrong password."));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: user.sub, amr: user.amr, ...(user.acr ? { acr: user.acr } : {}) } }, { mergeWithLastSubmission: false });
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginForm(details.uid, details.params.client_id));
    } catch (err) {
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" }).end(page("Error — test identity provider", `<p class="err">${escape(String(err))}</p>`));
    }
  })();
});

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.close(() => process.exit(0)));
console.log(`test identity provider: ${users.length} users (${users.map((u) => u.login).join(", ")}), client ${args["client-id"]}`);
console.log(`issuer: ${issuer}`);
console.log(`listening on ${port}`);
