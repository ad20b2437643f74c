import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spareDatabase } from "./support/spare-database";

// npm run staff:create as an operator runs it: a real process on a database nobody else has
// written to, the guard against a second admin, the separation-of-duties rules, concurrent runs,
// and the access-log event of every attempt.

const root = path.resolve(import.meta.dirname, "../..");
let db: Awaited<ReturnType<typeof spareDatabase>>;

beforeAll(async () => {
  db = await spareDatabase("custody_staff_cli");
});
afterAll(async () => {
  await db?.drop();
});

function staffCreate(args: string[], stdin?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.appUrl };
    delete env.MIGRATION_DATABASE_URL;
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/staff-create.ts", ...args], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdin.end(stdin ?? "");
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const events = () =>
  query<{ outcome: string; denial_reason: string | null; details: { subject: { email: string }; allowWithAdmin: boolean; activeAdmins: number; by: string } }>(
    "SELECT outcome, denial_reason, details FROM access_event WHERE action = 'STAFF_CREATED_BY_OPERATOR' ORDER BY seq",
  );

describe("npm run staff:create", () => {
  it("refuses bad arguments with exit 2 and writes nothing", async () => {
    const r1 = await staffCreate(["--email", "not-an-email", "--role", "ADMIN"]);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/valid email/);
    const r2 = await staffCreate(["--email", "a@example.com", "--role", "ROOT"]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/REVIEWER, LEAD, LEGAL, AUDITOR, ADMIN/);
    const r3 = await staffCreate(["--email", "a@example.com"]);
    expect(r3.code).toBe(2);
    const r4 = await staffCreate(["--email", "a@example.com", "--role", "ADMIN", "--bogus"]);
    expect(r4.code).toBe(2);
    expect(await query("SELECT id FROM staff")).toEqual([]);
    expect(await events()).toEqual([]);
  });

  it("creates exactly one first admin when two runs race on an empty database, and logs both", async () => {
    const [a, b] = await Promise.all([
      staffCreate(["--email", "First.Admin@Example.com", "--role", "admin", "--name", "First Admin"]),
      staffCreate(["--email", "other.admin@example.com", "--role", "ADMIN"]),
    ]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    expect(`${a.err}${b.err}`).toMatch(/refused \(ADMIN_EXISTS\)/);
    const admins = await query<{ email: string; roles: string[] }>("SELECT email, roles::text[] AS roles FROM staff");
    expect(admins).toHaveLength(1);
    expect(admins[0]!.roles).toEqual(["ADMIN"]);
    const log = await events();
    expect(log.map((e) => e.outcome).sort()).toEqual(["ALLOWED", "DENIED"]);
    const allowed = log.find((e) => e.outcome === "ALLOWED")!;
    expect(allowed.details.subject.email).toBe(admins[0]!.email);
    expect(allowed.details.activeAdmins).toBe(0);
    expect(allowed.details.by).toMatch(/^cli:/);
    expect(log.find((e) => e.outcome === "DENIED")!.denial_reason).toBe("ADMIN_EXISTS");
  });

  it("with an admin present, needs --allow-with-admin, and still refuses conflicting roles", async () => {
    const conflict = await staffCreate(["--email", "both@example.com", "--role", "ADMIN", "--role", "REVIEWER", "--region", "EU", "--allow-with-admin"]);
    expect(conflict.code).toBe(1);
    expect(conflict.err).toMatch(/ROLE_CONFLICT/);
    const noRegion = await staffCreate(["--email", "rev@example.com", "--role", "REVIEWER", "--allow-with-admin"]);
    expect(noRegion.err).toMatch(/REGION_REQUIRED/);
    const ok = await staffCreate(["--email", "rev@example.com", "--role", "REVIEWER", "--region", "eu", "--allow-with-admin", "--password-stdin"], "correct horse battery staple\n");
    expect(ok.code, ok.err).toBe(0);
    const [rev] = await query<{ regions: string[]; password_hash: string | null }>("SELECT regions::text[] AS regions, password_hash FROM staff WHERE email = 'rev@example.com'");
    expect(rev!.regions).toEqual(["EU"]);
    expect(rev!.password_hash).toMatch(/^\$2/);
    const again = await staffCreate(["--email", "REV@example.com", "--role", "REVIEWER", "--region", "EU", "--allow-with-admin"]);
    expect(again.err).toMatch(/EMAIL_TAKEN/);
    const log = await events();
    expect(log.map((e) => e.denial_reason)).toEqual(expect.arrayContaining(["ROLE_CONFLICT", "REGION_REQUIRED", "EMAIL_TAKEN"]));
    expect(log.filter((e) => e.outcome === "ALLOWED").at(-1)!.details.allowWithAdmin).toBe(true);
    // The password never reaches the log.
    expect(JSON.stringify(log)).not.toContain("battery");
  });
});
