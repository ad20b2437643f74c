import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ICruiseResult, cruise } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, describe, expect, it } from "vitest";

// The layering rules of .dependency-cruiser.cjs, run on the real tree (it must hold them) and on
// small trees that each break one rule (the rule must bite). The fixtures use the same `@/`
// alias as the code, so a rule that only matched relative imports would fail here.

const root = path.resolve(import.meta.dirname, "../..");
const configFile = path.join(root, ".dependency-cruiser.cjs");
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function cruiseTree(baseDir: string, dirs: string[]): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(configFile);
  const tsConfigFile = path.join(baseDir, "tsconfig.json");
  const result = await cruise(dirs, { ...options, baseDir, tsConfig: { fileName: tsConfigFile } }, undefined, { tsConfig: extractTSConfig(tsConfigFile) });
  if (typeof result.output === "string") throw new Error("expected a JSON result");
  return result.output;
}

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "custody-deps-"));
  made.push(dir);
  const all = { "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] }, module: "esnext", moduleResolution: "bundler" } }), ...files };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const violated = (r: ICruiseResult) => [...new Set(r.summary.violations.map((v) => v.rule.name))].sort();

describe("the real tree", () => {
  it("holds every layering rule, with the @/ alias resolved", async () => {
    const r = await cruiseTree(root, ["app", "components", "lib", "bench", "prisma", "platform-sim"]);
    expect(r.summary.violations).toEqual([]);
    // Proof that imports were followed: the access path's edge to the decrypt side is seen.
    const reader = r.modules.find((m) => m.source === "lib/access/read-case-messages.ts");
    expect(reader?.dependencies.map((d) => d.resolved)).toContain("lib/crypto/decrypt.ts");
    // …and the simulator's, between its own files.
    expect(r.modules.find((m) => m.source === "platform-sim/main.ts")?.dependencies.map((d) => d.resolved)).toContain("platform-sim/server.ts");
    expect(r.summary.totalCruised).toBeGreaterThan(300);
  });
});

const cases: { rule: string; files: Record<string, string> }[] = [
  { rule: "log-below-auth", files: { "lib/auth/session.ts": "export const s = 1;\n", "lib/log/events/writer.ts": 'import { s } from "@/lib/auth/session";\nexport const w = s;\n' } },
  { rule: "log-below-auth", files: { "lib/audit/search/find.ts": "export const f = 1;\n", "lib/log/sealer/sealer.ts": 'import { f } from "@/lib/audit/search/find";\nexport const x = f;\n' } },
  { rule: "lib-not-above", files: { "components/badge.tsx": "export const Badge = 1;\n", "lib/cases/list.ts": 'import { Badge } from "@/components/badge";\nexport const l = Badge;\n' } },
  { rule: "components-not-app", files: { "app/page.tsx": "export const P = 1;\n", "components/nav.tsx": 'import { P } from "@/app/page";\nexport const N = P;\n' } },
  { rule: "no-circular", files: { "lib/cases/a.ts": 'import { b } from "@/lib/access/b";\nexport const a = b;\n', "lib/access/b.ts": 'import { a } from "@/lib/cases/a";\nexport const b = () => a;\n' } },
  { rule: "policy-is-pure", files: { "lib/db.ts": "export const db = 1;\n", "lib/policy/rules.ts": 'import { db } from "@/lib/db";\nexport const r = db;\n' } },
  { rule: "only-the-access-path-decrypts", files: { "lib/crypto/decrypt.ts": "export const open = 1;\n", "lib/cases/peek.ts": 'import { open } from "@/lib/crypto/decrypt";\nexport const p = open;\n' } },
  { rule: "only-the-access-path-decrypts", files: { "lib/crypto/gcm-open.ts": "export const open = 1;\n", "app/api/x/route.ts": 'import { open } from "@/lib/crypto/gcm-open";\nexport const GET = open;\n' } },
  { rule: "only-the-access-path-decrypts", files: { "lib/crypto/decrypt.ts": "export const open = 1;\n", "lib/legal/disclosure/peek.ts": 'import { open } from "@/lib/crypto/decrypt";\nexport const p = open;\n' } },
  { rule: "disclosure-door-has-one-caller", files: { "lib/access/read-disclosed-messages.ts": "export const logDisclosure = 1;\n", "app/api/v1/legal/x/route.ts": 'import { logDisclosure } from "@/lib/access/read-disclosed-messages";\nexport const POST = logDisclosure;\n' } },
  { rule: "disclosure-door-has-one-caller", files: { "lib/access/read-disclosed-messages.ts": "export const disclosedMessages = 1;\n", "lib/legal/disclosure/cover-letter.ts": 'import { disclosedMessages } from "@/lib/access/read-disclosed-messages";\nexport const c = disclosedMessages;\n' } },
  { rule: "platform-sim-speaks-http", files: { "lib/intake/schemas.ts": "export const s = 1;\n", "platform-sim/wire.ts": 'import { s } from "@/lib/intake/schemas";\nexport const w = s;\n' } },
  { rule: "platform-sim-speaks-http", files: { "lib/outbox/sign-webhook.ts": "export const h = 1;\n", "platform-sim/signing.ts": 'import { h } from "../lib/outbox/sign-webhook";\nexport const v = h;\n' } },
  { rule: "platform-sim-speaks-http", files: { "components/labels.ts": "export const L = 1;\n", "platform-sim/server.test.ts": 'import { L } from "@/components/labels";\nexport const t = L;\n' } },
  { rule: "house-does-not-import-the-sim", files: { "platform-sim/world.ts": "export class World {}\n", "lib/demo/live.ts": 'import { World } from "@/platform-sim/world";\nexport const w = World;\n' } },
];

describe("each rule bites", () => {
  it.each(cases)("$rule refuses a planted import", async ({ rule, files }) => {
    const dir = fixture(files);
    expect(violated(await cruiseTree(dir, ["app", "components", "lib", "platform-sim"].filter((d) => Object.keys(files).some((f) => f.startsWith(`${d}/`)))))).toEqual([rule]);
  });

  it("allows the access path itself, and tests, to reach the decrypt side", async () => {
    const dir = fixture({
      "lib/crypto/decrypt.ts": "export const open = 1;\n",
      "lib/access/read-case-messages.ts": 'import { open } from "@/lib/crypto/decrypt";\nexport const r = open;\n',
      "lib/cases/peek.test.ts": 'import { open } from "@/lib/crypto/decrypt";\nexport const t = open;\n',
    });
    expect(violated(await cruiseTree(dir, ["lib"]))).toEqual([]);
  });

  it("allows the disclosure door to decrypt, its one caller to import it, and others to import its types", async () => {
    const dir = fixture({
      "lib/crypto/decrypt.ts": "export const open = 1;\n",
      "lib/access/read-disclosed-messages.ts": 'import { open } from "@/lib/crypto/decrypt";\nexport const logDisclosure = open;\nexport type Ticket = { seq: bigint };\n',
      "lib/legal/disclosure/build-package.ts": 'import { logDisclosure } from "@/lib/access/read-disclosed-messages";\nexport const b = logDisclosure;\n',
      "lib/legal/disclosure/cover-letter.ts": 'import type { Ticket } from "@/lib/access/read-disclosed-messages";\nexport const c = (t: Ticket) => t.seq;\n',
    });
    expect(violated(await cruiseTree(dir, ["lib"]))).toEqual([]);
  });

  it("lets the simulator reach its own files, npm packages and Node's", async () => {
    const dir = fixture({
      "platform-sim/wire.ts": "export type W = 1;\n",
      "platform-sim/signing.ts": 'import { createHmac } from "node:crypto";\nimport http from "http";\nimport type { W } from "./wire";\nexport const s: W | typeof createHmac | typeof http | null = null;\n',
    });
    expect(violated(await cruiseTree(dir, ["platform-sim"]))).toEqual([]);
  });
});
