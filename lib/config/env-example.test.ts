import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES } from "@/lib/env";

// .env.example is the operator's list of every variable. It drifts two ways: a variable the
// code reads that the file does not list, or one the file lists that nothing reads any more.

const root = path.resolve(import.meta.dirname, "../..");

/** Variables read outside lib/env.ts's schema that an operator may set, with who reads them. */
const OTHER_OPERATOR_VARIABLES = {
  PORT: "lib/cli/start.ts and serve.mjs: the HTTP port",
  CUSTODY_DB_PORT: "lib/cli/*: the embedded PostgreSQL's port",
  MIGRATION_DATABASE_URL: "npm run db:migrate and the audit CLIs: the schema owner",
} as const;

/** Read by code, but for developers and tests, not operators; deliberately not in .env.example. */
const NOT_FOR_OPERATORS = ["NODE_ENV", "NEXT_RUNTIME", "NEXT_PHASE", "NEXT_DIST_DIR", "PRISMA_SCHEMA_ENGINE_BINARY", "TEST_DATABASE_SERVER_URL", "CUSTODY_SCRATCH_DB_PORT"];

function listed(): string[] {
  const text = readFileSync(path.join(root, ".env.example"), "utf8");
  return [...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

/** Every process.env.X the application's code reads. */
function readByCode(): Set<string> {
  const files = [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "app")), path.join(root, "instrumentation.ts"), path.join(root, "next.config.ts")];
  const names = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, "utf8").matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\["([A-Z][A-Z0-9_]*)"\])/g)) names.add((m[1] ?? m[2])!);
  return names;
}

describe(".env.example", () => {
  it("lists every variable lib/env.ts reads", () => {
    expect(ENV_VARIABLES.filter((v) => !listed().includes(v))).toEqual([]);
  });

  it("lists every variable the code reads elsewhere, except the developers' own", () => {
    const missing = [...readByCode()].filter((v) => !listed().includes(v) && !NOT_FOR_OPERATORS.includes(v));
    expect(missing).toEqual([]);
  });

  it("lists nothing that no code reads", () => {
    const known = new Set([...ENV_VARIABLES, ...Object.keys(OTHER_OPERATOR_VARIABLES)]);
    expect(listed().filter((v) => !known.has(v))).toEqual([]);
  });

  it("lists each variable once, with a comment saying what it is", () => {
    const names = listed();
    expect(names.length).toBe(new Set(names).size);
    const lines = readFileSync(path.join(root, ".env.example"), "utf8").split("\n");
    for (const name of names) {
      const i = lines.findIndex((l) => new RegExp(`^#?\\s?${name}=`).test(l));
      expect(lines[i - 1], `${name} needs a comment above it`).toMatch(/^# (?![A-Z_]+=)/);
    }
  });
});
