import { randomBytes } from "node:crypto";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { disconnectDb, getDb } from "@/lib/db";
import { hmacIp } from "@/lib/http/request-meta";
import { CLIENT_SIGN_IN_LOCK_FAILURES, SIGN_IN_LOCK_MINUTES } from "@/lib/policy/limits";
import { upsertStaff } from "@/prisma/factories";
import { uid } from "./world";

// Password guessing against the real credentials sign-in (next-auth's authorize in
// lib/auth/options.ts) and a real database, from the attacker's side: wrong passwords back off
// and then lock the account, spraying many accounts from one client locks the client, the
// right password is refused during a lockout, the lockout ends, and every attempt is logged.

// Read on first use of env(), after these lines run. The token stands in for serve.mjs's.
const token = randomBytes(32).toString("base64url");
process.env.CUSTODY_PASSWORD_SIGNIN = "1";
process.env.CUSTODY_PEER_TOKEN = token;

const PASSWORD = "the-right-password";
type Authorize = CredentialsConfig["authorize"];

function authorize(): Authorize {
  const provider = authOptions().providers[0];
  // The provider keeps the function we passed under options (next-auth merges it in later).
  const options = provider && "options" in provider ? (provider.options as { authorize?: Authorize }) : undefined;
  if (!options?.authorize) throw new Error("password sign-in is not registered");
  return options.authorize;
}

/** One sign-in attempt from a client address, as the custom server would stamp it. */
async function signIn(email: string, password: string, ip: string): Promise<"OK" | "BAD" | string> {
  const headers = { "x-custody-peer": `${token} ${ip} http`, "user-agent": "guesser" };
  try {
    const user = await authorize()({ email, password }, { headers, method: "POST", body: {}, query: {} });
    return user ? "OK" : "BAD";
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

async function failures(email: string) {
  const rows = await getDb().accessEvent.findMany({ where: { action: "SIGN_IN_FAILED", details: { path: ["email"], equals: email } }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ reason: r.denialReason, details: r.details as { throttle?: { scope?: string; state?: string; scopes?: string[] } }, ipHmac: r.ipHmac }));
}

let clock = Date.parse("2026-12-01T09:00:00Z");
const tick = (ms: number) => vi.setSystemTime((clock += ms));

beforeEach(() => {
  // Only Date: timers stay real, so the database driver is unaffected.
  vi.useFakeTimers({ toFake: ["Date"] });
  tick(24 * 60 * 60_000); // each test a day later, past every earlier window
});
afterEach(() => vi.useRealTimers());
afterAll(() => disconnectDb());

async function staff() {
  return upsertStaff(getDb(), { email: `guessed-${uid()}@custody.test`, name: "Guessed", roles: ["REVIEWER"], regions: ["US"], password: PASSWORD });
}

describe("password sign-in throttle", () => {
  it("25 wrong passwords at 9/s: five free, then backoff, then a lockout that refuses the right password until it ends", async () => {
    const { email, id } = await staff();
    const ip = freshIp();
    const outcomes: string[] = [];
    for (let i = 0; i < 25; i++) {
      outcomes.push(await signIn(email, "wrong", ip));
      tick(111);
    }
    expect(outcomes).toEqual([...Array(6).fill("BAD"), ...Array(3).fill("SIGN_IN_THROTTLED"), ...Array(16).fill("SIGN_IN_LOCKED")]);

    tick(60_000);
    expect(await signIn(email, PASSWORD, ip)).toBe("SIGN_IN_LOCKED");
    expect(await signIn(email, PASSWORD, freshIp())).toBe("SIGN_IN_LOCKED"); // the account, not only this client
    tick(SIGN_IN_LOCK_MINUTES * 60_000);
    expect(await signIn(email, PASSWORD, ip)).toBe("OK");
    // A success starts the account afresh: one more mistake is just a mistake.
    expect(await signIn(email, "wrong", ip)).toBe("BAD");

    const log = await failures(email);
    expect(log.map((e) => e.reason)).toEqual([
      ...Array(6).fill("BAD_PASSWORD"),
      ...Array(3).fill("SIGN_IN_THROTTLED"),
      ...Array(18).fill("SIGN_IN_LOCKED"),
      "BAD_PASSWORD",
    ]);
    expect(log[6]!.details.throttle).toMatchObject({ scope: "signin-account", state: "backoff" });
    expect(log[9]!.details.throttle).toMatchObject({ scope: "signin-account", state: "locked" });
    expect(log.every((e) => e.ipHmac !== null)).toBe(true);
    expect(await getDb().accessEvent.count({ where: { actorId: id, action: "SIGN_IN" } })).toBe(1);
  });

  it("counts a parallel burst attempt by attempt", async () => {
    const { email } = await staff();
    const ip = freshIp();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => signIn(email, "wrong", ip)));
    const counts = Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]));
    expect(counts).toEqual({ BAD: 6, SIGN_IN_THROTTLED: 3, SIGN_IN_LOCKED: 11 });
    expect(await signIn(email, PASSWORD, ip)).toBe("SIGN_IN_LOCKED");
  });

  it("locks a client that sprays many accounts, and not the accounts' owners elsewhere", async () => {
    const victim = await staff();
    const sprayer = freshIp();
    const outcomes: string[] = [];
    for (let i = 0; i < CLIENT_SIGN_IN_LOCK_FAILURES; i++) {
      outcomes.push(await signIn(`nobody-${uid()}@custody.test`, "Winter2026!", sprayer));
      tick(111);
    }
    expect(outcomes.slice(0, 21).every((o) => o === "BAD")).toBe(true);
    expect(outcomes.at(-1)).toBe("SIGN_IN_LOCKED");
    expect(await signIn(victim.email, PASSWORD, sprayer)).toBe("SIGN_IN_LOCKED");
    expect(await signIn(victim.email, PASSWORD, freshIp())).toBe("OK");

    const refused = await getDb().accessEvent.findFirstOrThrow({ where: { action: "SIGN_IN_FAILED", denialReason: "SIGN_IN_LOCKED", details: { path: ["email"], equals: victim.email } } });
    expect(refused.details).toMatchObject({ throttle: { scope: "signin-client", state: "locked" } });
    expect(refused.ipHmac).toBe(hmacIp(sprayer));
    tick(SIGN_IN_LOCK_MINUTES * 60_000);
    expect(await signIn(victim.email, PASSWORD, sprayer)).toBe("OK");
  });

  it("an unknown e-mail is throttled exactly like a real one", async () => {
    const real = await staff();
    const ghost = `ghost-${uid()}@custody.test`;
    const run = async (email: string) => {
      const ip = freshIp();
      const out: string[] = [];
      for (let i = 0; i < 12; i++) out.push(await signIn(email, "wrong", ip));
      return out;
    };
    const ghostRun = await run(ghost);
    expect(ghostRun).toContain("SIGN_IN_LOCKED");
    expect(ghostRun).toEqual(await run(real.email));
  });
});
