import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { makeLogger, secretsIn } from "./logger.mjs";
import { requestContext } from "./request-context.mjs";

// The logger's guarantees, on its real output: JSON lines, the request id on every line written
// inside a request, redacted fields, and no configured secret anywhere in a line.

function capture(env: Record<string, string | undefined>) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { log: makeLogger(env, sink), lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), raw: () => lines.join("\n") };
}

const env = {
  NEXTAUTH_SECRET: "n3xtauth-secret-value-0123456789abcdef",
  CUSTODY_INTAKE_SECRET: "whsec_aW50YWtlLXNlY3JldC1vbmU= whsec_aW50YWtlLXNlY3JldC10d28=",
  DATABASE_URL: "postgresql://custody:db-pass%2Fword@db:5432/custody",
  CUSTODY_SIGNING_KEY: "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFakeKeyMaterialHere\n-----END PRIVATE KEY-----",
};

describe("the server logger", () => {
  it("adds the request id to every line inside a request, and none outside", () => {
    const { log, lines } = capture(env);
    log.info("before");
    requestContext.run({ requestId: "req-123" }, () => {
      log.info("one");
      log.error({ caseId: "c1" }, "two");
    });
    const [before, one, two] = lines();
    expect(before!.reqId).toBeUndefined();
    expect(one!.reqId).toBe("req-123");
    expect(two).toMatchObject({ reqId: "req-123", caseId: "c1", msg: "two", level: 50 });
  });

  it("redacts fields that may carry secrets or message text", () => {
    const { log, raw } = capture(env);
    log.info({ text: "meet me behind the gym", body: "{...}", req: { headers: { authorization: "Bearer abc", cookie: "s=1" } }, message: { text: "a DM" } }, "fields");
    expect(raw()).not.toMatch(/behind the gym|a DM|Bearer abc|s=1/);
    expect(raw()).toContain("[REDACTED]");
  });

  it("scrubs configured secrets from any line, messages and stack traces included", () => {
    const { log, raw } = capture(env);
    log.error(`failed with ${env.NEXTAUTH_SECRET} and aW50YWtlLXNlY3JldC10d28= and db-pass/word`);
    log.error({ err: new Error(`connect to ${env.DATABASE_URL}`) }, "db");
    log.warn({ key: env.CUSTODY_SIGNING_KEY }, "pem");
    for (const secret of secretsIn(env)) expect(raw()).not.toContain(secret);
    expect(raw()).not.toContain("db-pass");
    expect(raw()).not.toContain("FakeKeyMaterial");
  });

  it("knows the secrets of each kind of variable", () => {
    const s = secretsIn(env);
    expect(s).toContain("aW50YWtlLXNlY3JldC1vbmU=");
    expect(s).toContain("db-pass/word");
    expect(secretsIn({ DATABASE_URL: "postgresql://custody@db/custody" })).toEqual([]);
  });
});
