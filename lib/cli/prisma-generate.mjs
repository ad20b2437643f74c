// `prisma generate` needs no engine, but the CLI looks for the native schema engine first;
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check offline.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const res = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url) },
});
process.exit(res.status ?? 1);
