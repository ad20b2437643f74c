import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { generate } from "otplib";
import { afterAll, describe, expect, it, vi } from "vitest";
import { enrolPasskey, listPasskeys, passkeyRegistrationOptions, removePasskey } from "@/lib/auth/passkeys/enrol-passkey";
import { passkeyStepUpOptions, verifyPasskeyStepUp } from "@/lib/auth/passkeys/passkey-step-up";
import { relyingParty } from "@/lib/auth/passkeys/relying-party";
import { resolveSession } from "@/lib/auth/session-store";
import type { StaffContext } from "@/lib/auth/staff-context";
import { verifyStepUp } from "@/lib/auth/step-up";
import { disconnectDb, getDb } from "@/lib/db";
import { makeStaff, meta, refused, signInAs } from "./world";

// Passkeys for step-up (ADR 025) against a real database, from the attacker's side, with a
// software ES256 authenticator built here from node:crypto: it makes "none" attestations and
// assertions byte for byte as a platform authenticator does, and can be told to lie (another
// origin or RP id, no user verification, a counter that does not move, as a clone would).

const policy = vi.hoisted(() => ({ stepUp: "either" as "either" | "passkey" | "totp" }));
vi.mock("@/lib/env", async (original) => {
  const m = await original<typeof import("@/lib/env")>();
  return { ...m, env: () => ({ ...m.env(), CUSTODY_STEP_UP: policy.stepUp }) };
});

const signedIn = vi.hoisted(() => ({ staff: null as StaffContext | null }));
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));

afterAll(() => disconnectDb());

// ── A minimal CBOR encoder: unsigned/negative ints, byte and text strings, maps ──────────
function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}
type Cbor = number | string | Buffer | Map<number | string, Cbor>;
function cbor(v: Cbor): Buffer {
  if (typeof v === "number") return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === "string") return Buffer.concat([head(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  return Buffer.concat([head(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
}

const b64u = (b: Buffer) => b.toString("base64url");
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

type Lie = { origin?: string; rpId?: string; noUv?: boolean; counter?: number };

class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  readonly privateKey: KeyObject;
  readonly cose: Buffer;
  counter = 0;
  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    this.cose = cbor(
      new Map<number, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
  }
  #authData(rpId: string, flags: number, counter: number, attested?: Buffer) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), c, ...(attested ? [attested] : [])]);
  }
  #clientData(type: string, challenge: string, origin: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }
  /** navigator.credentials.create() with attestation "none". */
  create(challenge: string, lie: Lie = {}) {
    const rp = relyingParty();
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLen, this.credentialId, this.cose]);
    const authData = this.#authData(lie.rpId ?? rp.id, UP | (lie.noUv ? 0 : UV) | AT, this.counter, attested);
    const attestationObject = cbor(new Map<string, Cbor>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]));
    const id = b64u(this.credentialId);
    return {
      id,
      rawId: id,
      type: "public-key" as const,
      clientExtensionResults: {},
      response: { clientDataJSON: b64u(this.#clientData("webauthn.create", challenge, lie.origin ?? rp.origin)), attestationObject: b64u(attestationObject), transports: ["internal" as const] },
    };
  }
  /** navigator.credentials.get(): the counter moves forward unless told otherwise. */
  get(challenge: string, lie: Lie = {}) {
    const rp = relyingParty();
    const counter = lie.counter ?? ++this.counter;
    const authData = this.#authData(lie.rpId ?? rp.id, UP | (lie.noUv ? 0 : UV), counter);
    const clientDataJSON = this.#clientData("webauthn.get", challenge, lie.origin ?? rp.origin);
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    const id = b64u(this.credentialId);
    return {
      id,
      rawId: id,
      type: "public-key" as const,
      clientExtensionResults: {},
      response: { clientDataJSON: b64u(clientDataJSON), authenticatorData: b64u(authData), signature: b64u(signature) },
    };
  }
}

// ── The people ───────────────────────────────────────────────────────────────────────────
const SECRETS = ["CUSTODYPASSKEYTESTAAAAAAAAAAAAAA", "CUSTODYPASSKEYTESTBBBBBBBBBBBBBB", "CUSTODYPASSKEYTESTCCCCCCCCCCCCCC", "CUSTODYPASSKEYTESTDDDDDDDDDDDDDD"];
let nextSecret = 0;
// Each enrolment claims a TOTP time step, so each test's codes come from a moment of its own.
let clock = Date.now();
const tick = () => new Date((clock += 60_000));
const codeFor = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

async function reviewer() {
  const secret = SECRETS[nextSecret++ % SECRETS.length]!;
  const staff = await makeStaff(["REVIEWER"], ["US", "EU"], { stepUp: false, totpSecret: secret });
  return { staff, secret };
}

async function enrolled() {
  const who = await reviewer();
  const key = new SoftAuthenticator();
  const at = tick();
  const options = await passkeyRegistrationOptions(who.staff, at);
  const passkey = await enrolPasskey(who.staff, { code: await codeFor(who.secret, at), name: "Laptop", response: key.create(options.challenge) }, meta, at);
  return { ...who, key, passkey };
}

async function stepUpWith(staff: StaffContext, key: SoftAuthenticator, lie: Lie = {}, at = tick()) {
  const options = await passkeyStepUpOptions(staff, at);
  return verifyPasskeyStepUp(staff, key.get(options.challenge, lie), meta, at);
}

const denials = async (staffId: string, action: "STEP_UP" | "PASSKEY_ENROLLED" | "PASSKEY_REMOVED") =>
  (await getDb().accessEvent.findMany({ where: { actorId: staffId, action, outcome: "DENIED" }, orderBy: { seq: "asc" } })).map((e) => e.denialReason);

describe("passkey enrolment", () => {
  it("adds a passkey with a TOTP code in the same request, and logs it", async () => {
    const { staff, passkey } = await enrolled();
    expect(await listPasskeys(staff)).toEqual([passkey]);
    const events = await getDb().accessEvent.findMany({ where: { actorId: staff.id, action: "PASSKEY_ENROLLED" } });
    expect(events.map((e) => e.outcome)).toEqual(["ALLOWED"]);
  });

  it("refuses a passkey without a valid TOTP code, and stores nothing", async () => {
    const { staff, secret } = await reviewer();
    const key = new SoftAuthenticator();
    const at = tick();
    const options = await passkeyRegistrationOptions(staff, at);
    const good = await codeFor(secret, at);
    await refused(enrolPasskey(staff, { code: good === "000000" ? "111111" : "000000", name: "Planted", response: key.create(options.challenge) }, meta, at), "TOTP_INVALID");
    expect(await listPasskeys(staff)).toEqual([]);
    expect(await denials(staff.id, "PASSKEY_ENROLLED")).toEqual(["TOTP_INVALID"]);
  });

  it("refuses a member who has no authenticator app yet (nothing to prove the enrolment with)", async () => {
    const staff = await makeStaff(["REVIEWER"], ["US", "EU"], { stepUp: false });
    await refused(passkeyRegistrationOptions(staff), "TOTP_NOT_ENROLLED");
  });

  it("a registration challenge is single use, bound to its session, and lasts 120 s", async () => {
    const { staff, secret } = await reviewer();
    const key = new SoftAuthenticator();
    // Replayed: the same attestation over a challenge already used.
    let at = tick();
    const options = await passkeyRegistrationOptions(staff, at);
    const response = key.create(options.challenge);
    await enrolPasskey(staff, { code: await codeFor(secret, at), name: "First", response }, meta, at);
    at = tick();
    await refused(enrolPasskey(staff, { code: await codeFor(secret, at), name: "Again", response }, meta, at), "PASSKEY_CHALLENGE");
    // Another session of the same member: the challenge was issued to this one.
    const other = await signInAs(staff.id);
    at = tick();
    const mine = await passkeyRegistrationOptions(staff, at);
    await refused(enrolPasskey(other, { code: await codeFor(secret, at), name: "Other", response: new SoftAuthenticator().create(mine.challenge) }, meta, at), "PASSKEY_CHALLENGE");
    // Expired: 121 s after it was offered.
    at = tick();
    const stale = await passkeyRegistrationOptions(staff, at);
    const late = new Date(at.getTime() + 121_000);
    await refused(enrolPasskey(staff, { code: await codeFor(secret, late), name: "Late", response: new SoftAuthenticator().create(stale.challenge) }, meta, late), "PASSKEY_CHALLENGE");
    expect((await listPasskeys(staff)).map((p) => p.name)).toEqual(["First"]);
  });

  it("refuses an attestation made for another origin or RP id, or without user verification", async () => {
    const { staff, secret } = await reviewer();
    for (const lie of [{ origin: "https://custody.evil.example" }, { rpId: "evil.example" }, { noUv: true }]) {
      const at = tick();
      const options = await passkeyRegistrationOptions(staff, at);
      await refused(enrolPasskey(staff, { code: await codeFor(secret, at), name: "Lying", response: new SoftAuthenticator().create(options.challenge, lie) }, meta, at), "PASSKEY_INVALID");
    }
    expect(await listPasskeys(staff)).toEqual([]);
  });
});

describe("passkey step-up", () => {
  it("sets step_up_at on this session, records the method, and moves the counter", async () => {
    const { staff, key, passkey } = await enrolled();
    const at = tick();
    const result = await stepUpWith(staff, key, {}, at);
    expect(result.stepUpAt).toBe(at.toISOString());
    const session = await getDb().staffSession.findUniqueOrThrow({ where: { id: staff.sessionId! } });
    expect(session.stepUpAt?.getTime()).toBe(at.getTime());
    expect(session.stepUpMethod).toBe("passkey");
    expect((await resolveSession(staff.sessionId!))!.stepUpAt?.getTime()).toBe(at.getTime());
    expect((await getDb().staffPasskey.findUniqueOrThrow({ where: { id: passkey.id } })).counter).toBe(1n);
    const ok = await getDb().accessEvent.findFirstOrThrow({ where: { actorId: staff.id, action: "STEP_UP", outcome: "ALLOWED" } });
    expect(ok.details).toMatchObject({ method: "passkey", passkeyId: passkey.id });
  });

  it("refuses a replayed assertion, another session's challenge and an expired one", async () => {
    const { staff, key } = await enrolled();
    let at = tick();
    const options = await passkeyStepUpOptions(staff, at);
    const assertion = key.get(options.challenge);
    await verifyPasskeyStepUp(staff, assertion, meta, at);
    await refused(verifyPasskeyStepUp(staff, assertion, meta, at), "PASSKEY_CHALLENGE");
    const other = await signInAs(staff.id);
    at = tick();
    const mine = await passkeyStepUpOptions(staff, at);
    await refused(verifyPasskeyStepUp(other, key.get(mine.challenge), meta, at), "PASSKEY_CHALLENGE");
    at = tick();
    const stale = await passkeyStepUpOptions(staff, at);
    await refused(verifyPasskeyStepUp(staff, key.get(stale.challenge), meta, new Date(at.getTime() + 121_000)), "PASSKEY_CHALLENGE");
    expect((await getDb().staffSession.findUniqueOrThrow({ where: { id: other.sessionId! } })).stepUpAt).toBeNull();
  });

  it("refuses an assertion for another origin or RP id, or without user verification", async () => {
    const { staff, key } = await enrolled();
    await refused(stepUpWith(staff, key, { origin: "https://custody.evil.example" }), "PASSKEY_INVALID");
    await refused(stepUpWith(staff, key, { rpId: "evil.example" }), "PASSKEY_INVALID");
    await refused(stepUpWith(staff, key, { noUv: true }), "PASSKEY_INVALID");
    expect((await getDb().staffSession.findUniqueOrThrow({ where: { id: staff.sessionId! } })).stepUpAt).toBeNull();
    expect(await denials(staff.id, "STEP_UP")).toEqual(["PASSKEY_INVALID", "PASSKEY_INVALID", "PASSKEY_INVALID"]);
  });

  it("refuses a cloned authenticator whose counter does not move forward", async () => {
    const { staff, key } = await enrolled();
    await stepUpWith(staff, key); // counter 1
    await stepUpWith(staff, key); // counter 2
    await refused(stepUpWith(staff, key, { counter: 2 }), "PASSKEY_CLONED");
    await refused(stepUpWith(staff, key, { counter: 1 }), "PASSKEY_CLONED");
    expect(await denials(staff.id, "STEP_UP")).toEqual(["PASSKEY_CLONED", "PASSKEY_CLONED"]);
  });

  it("of an original and its clone racing with the same counter from two sessions, exactly one passes", async () => {
    const { staff, key } = await enrolled();
    const other = await signInAs(staff.id);
    const at = tick();
    const [a, b] = await Promise.all([passkeyStepUpOptions(staff, at), passkeyStepUpOptions(other, at)]);
    const next = key.counter + 1;
    const results = await Promise.allSettled([
      verifyPasskeyStepUp(staff, key.get(a.challenge, { counter: next }), meta, at),
      verifyPasskeyStepUp(other, key.get(b.challenge, { counter: next }), meta, at),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as { code: string }).code).toBe("PASSKEY_CLONED");
  });

  it("refuses another staff member's credential, even signed correctly over one's own challenge", async () => {
    const victim = await enrolled();
    const thief = await enrolled();
    const at = tick();
    const options = await passkeyStepUpOptions(thief.staff, at);
    await refused(verifyPasskeyStepUp(thief.staff, victim.key.get(options.challenge), meta, at), "PASSKEY_UNKNOWN");
    expect((await getDb().staffSession.findUniqueOrThrow({ where: { id: thief.staff.sessionId! } })).stepUpAt).toBeNull();
  });

  it("CUSTODY_STEP_UP=passkey refuses a TOTP step-up; =totp refuses passkeys", async () => {
    const { staff, secret, key } = await enrolled();
    try {
      policy.stepUp = "passkey";
      const at = tick();
      await refused(verifyStepUp(staff, await codeFor(secret, at), meta, at), "STEP_UP_PASSKEY_REQUIRED");
      expect((await getDb().staffSession.findUniqueOrThrow({ where: { id: staff.sessionId! } })).stepUpAt).toBeNull();
      await stepUpWith(staff, key);
      policy.stepUp = "totp";
      await refused(passkeyStepUpOptions(staff), "STEP_UP_TOTP_REQUIRED");
    } finally {
      policy.stepUp = "either";
    }
  });
});

describe("passkey removal", () => {
  it("removes one's own passkey; someone else's (or a made-up id) is 404 and stays", async () => {
    const owner = await enrolled();
    const other = await enrolled();
    await refused(removePasskey(other.staff, owner.passkey.id, meta), "NOT_FOUND", 404);
    await refused(removePasskey(other.staff, "not-a-uuid", meta), "NOT_FOUND", 404);
    expect(await listPasskeys(owner.staff)).toHaveLength(1);
    expect(await denials(other.staff.id, "PASSKEY_REMOVED")).toEqual(["PASSKEY_NOT_FOUND", "PASSKEY_NOT_FOUND"]);
    await removePasskey(owner.staff, owner.passkey.id, meta);
    expect(await listPasskeys(owner.staff)).toEqual([]);
    // A removed passkey no longer steps up.
    await refused(passkeyStepUpOptions(owner.staff), "PASSKEY_NOT_ENROLLED");
  });
});

describe("passkey routes", () => {
  const send = async (handler: (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>, method: string, path: string, body?: unknown, params: Record<string, string> = {}) => {
    const headers: Record<string, string> = { host: "localhost:3000", origin: "http://localhost:3000", "x-custody-request": "1", "content-type": "application/json" };
    const res = await handler(new Request(`http://localhost:3000${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) }), { params: Promise.resolve(params) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
  };

  it("enrol, list, step up and remove over HTTP; bad bodies are 400 naming the field, and write nothing", async () => {
    const { staff, secret } = await reviewer();
    signedIn.staff = staff;
    const passkeys = await import("@/app/api/v1/me/passkeys/route");
    const regOptions = await import("@/app/api/v1/me/passkeys/options/route");
    const one = await import("@/app/api/v1/me/passkeys/[passkeyId]/route");
    const authOptions = await import("@/app/api/v1/me/step-up/passkey/options/route");
    const stepUp = await import("@/app/api/v1/me/step-up/passkey/route");
    const key = new SoftAuthenticator();

    const options = await send(regOptions.POST, "POST", "/api/v1/me/passkeys/options");
    expect(options.status).toBe(200);
    const response = key.create(options.body.challenge as string);
    const code = await codeFor(secret, new Date());
    for (const [bad, field] of [
      [{ code: "12", name: "Laptop", response }, "code"],
      [{ code, name: "", response }, "name"],
      [{ code, name: "Laptop", response: { ...response, type: "password" } }, "type"],
      [{ code, name: "Laptop", response: { ...response, response: { clientDataJSON: "not base64url!" } } }, "clientDataJSON"],
    ] as const) {
      const res = await send(passkeys.POST, "POST", "/api/v1/me/passkeys", bad);
      expect({ field, status: res.status, code: res.body.error?.code }).toEqual({ field, status: 400, code: "BAD_REQUEST" });
      expect(res.body.error?.message).toContain(field);
    }
    expect((await send(passkeys.POST, "POST", "/api/v1/me/passkeys", "not json")).status).toBe(400);
    expect(await listPasskeys(staff)).toEqual([]);
    const made = await send(passkeys.POST, "POST", "/api/v1/me/passkeys", { code, name: "Laptop", response });
    expect(made.status).toBe(201);
    const listed = await send(passkeys.GET, "GET", "/api/v1/me/passkeys");
    expect(listed.body.passkeys).toEqual([made.body.passkey]);

    const bad = await send(stepUp.POST, "POST", "/api/v1/me/step-up/passkey", { response: { id: "x" } });
    expect(bad.status).toBe(400);
    const auth = await send(authOptions.POST, "POST", "/api/v1/me/step-up/passkey/options");
    const stepped = await send(stepUp.POST, "POST", "/api/v1/me/step-up/passkey", { response: key.get(auth.body.challenge as string) });
    expect(stepped.status).toBe(200);
    expect((await getDb().staffSession.findUniqueOrThrow({ where: { id: staff.sessionId! } })).stepUpMethod).toBe("passkey");

    const id = (made.body.passkey as { id: string }).id;
    expect((await send(one.DELETE, "DELETE", `/api/v1/me/passkeys/${id}`, undefined, { passkeyId: id })).status).toBe(200);
    expect((await send(one.DELETE, "DELETE", `/api/v1/me/passkeys/${id}`, undefined, { passkeyId: id })).status).toBe(404);
  });
});
