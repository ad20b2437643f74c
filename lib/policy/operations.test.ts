import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "./operations";

// Every route method and page under app/ must be in the operations registry (and so in the
// permission matrix and the policy document), and its file must name its operation — so a
// new route or page cannot be added without deciding who may use it.

const APP = path.resolve(import.meta.dirname, "../../app");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** app/(staff)/cases/[id]/page.tsx → /cases/{id}; route groups vanish; catch-alls stay literal. */
function urlPath(file: string): string {
  const segments = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[[^.].*\]$/.test(s) ? `{${s.slice(1, -1)}}` : s));
  return `/${segments.join("/")}`;
}

function found(): { id: string; file: string; source: string }[] {
  return walk(APP).flatMap((file) => {
    const base = path.basename(file);
    const source = readFileSync(file, "utf8");
    if (base === "page.tsx") return [{ id: `PAGE ${urlPath(file)}`, file, source }];
    if (base !== "route.ts") return [];
    const exported = METHODS.filter((m) => new RegExp(`export (async function ${m}\\b|\\{[^}]*\\bas ${m}\\b)`).test(source));
    return exported.map((m) => ({ id: `${m} ${urlPath(file)}`, file, source }));
  });
}

describe("operations registry", () => {
  const onDisk = found();

  it("lists every route method and page under app/", () => {
    const missing = onDisk.filter((o) => !(o.id in OPERATIONS)).map((o) => `${o.id} (${path.relative(APP, o.file)}): add it to lib/policy/operations.ts`);
    expect(missing).toEqual([]);
  });

  it("has no entry without a route or page", () => {
    const ids = new Set(onDisk.map((o) => o.id));
    expect(Object.keys(OPERATIONS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it("each route and page names the operation it authorises", () => {
    const silent = onDisk.filter((o) => !o.source.includes(`"${o.id}"`)).map((o) => `${path.relative(APP, o.file)} should mention "${o.id}"`);
    expect(silent).toEqual([]);
  });

  it("found the app (guards against walking the wrong folder)", () => {
    expect(onDisk.length).toBeGreaterThan(20);
  });
});
