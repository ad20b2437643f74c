import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "./operations";

// Every route method and page under app/ must be in the operations registry (and so in the
// permission matrix and the policy document). Each route method must be exported as a call
// of the route wrapper (lib/http/with-operation.ts) with its own operation id, read from the
// syntax tree so a comment or a string elsewhere does not count; each page must name its
// operation. So a new route or page cannot be added without deciding who may use it, and no
// route skips the wrapper's authorisation, CSRF check, parsing and error mapping.

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

const WRAPPERS = new Set(["withOperation", "withPublicOperation", "withSignedOperation"]);

/** How a route file exports each HTTP method: the wrapper call's operation id, or null if it is exported some other way. */
function exportedMethods(file: string, source: string): Map<string, string | null> {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const methods = new Map<string, string | null>();
  for (const stmt of sf.statements) {
    const exported = ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isVariableStatement(stmt) && exported) {
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !METHODS.includes(d.name.text)) continue;
        const call = d.initializer && ts.isCallExpression(d.initializer) ? d.initializer : null;
        const wrapped = call && ts.isIdentifier(call.expression) && WRAPPERS.has(call.expression.text);
        const first = call?.arguments[0];
        methods.set(d.name.text, wrapped && first && ts.isStringLiteral(first) ? first.text : null);
      }
    } else if (ts.isFunctionDeclaration(stmt) && exported && stmt.name && METHODS.includes(stmt.name.text)) {
      methods.set(stmt.name.text, null);
    } else if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      for (const e of stmt.exportClause.elements) if (METHODS.includes(e.name.text)) methods.set(e.name.text, null);
    }
  }
  return methods;
}

type Found = { id: string; file: string; source: string; wrappedAs?: string | null };

function found(): Found[] {
  return walk(APP).flatMap((file): Found[] => {
    const base = path.basename(file);
    const source = readFileSync(file, "utf8");
    if (base === "page.tsx") return [{ id: `PAGE ${urlPath(file)}`, file, source }];
    if (base !== "route.ts") return [];
    return [...exportedMethods(file, source)].map(([m, wrappedAs]) => ({ id: `${m} ${urlPath(file)}`, file, source, wrappedAs }));
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

  it("each route method is the route wrapper called with its own operation id", () => {
    const routes = onDisk.filter((o) => !o.id.startsWith("PAGE "));
    const wrong = routes.filter((o) => o.wrappedAs !== o.id).map((o) => `${path.relative(APP, o.file)}: export const ${o.id.split(" ")[0]} = withOperation("${o.id}", …) (found ${o.wrappedAs === null ? "no wrapper call" : `"${o.wrappedAs}"`})`);
    expect(wrong).toEqual([]);
  });

  it("reads the wrapper call, not a comment or a string that mentions the id", () => {
    const commented = `// withOperation("GET /api/x", …)\nexport async function GET() { return new Response("GET /api/x"); }`;
    expect(exportedMethods("route.ts", commented).get("GET")).toBeNull();
    const misnamed = `export const GET = withOperation("GET /api/y", {}, h);\nexport { h as POST };`;
    expect([...exportedMethods("route.ts", misnamed)]).toEqual([["GET", "GET /api/y"], ["POST", null]]);
  });

  it("every mutation of our API checks CSRF, or is the platform's signed intake (next-auth checks its own token)", () => {
    const unguarded = Object.entries(OPERATIONS)
      .filter(([id, op]) => /^(POST|PUT|PATCH|DELETE) \/api\/v1\//.test(id) && !(op.rules as readonly string[]).some((r) => r === "CSRF" || r === "SIGNED"))
      .map(([id]) => id);
    expect(unguarded).toEqual([]);
  });

  it("signed operations are exactly the intake routes, take no staff permission, and use the signed wrapper", () => {
    const signed = Object.entries(OPERATIONS).filter(([, op]) => (op.rules as readonly string[]).includes("SIGNED"));
    expect(signed.map(([id]) => id).sort()).toEqual(["appeals", "accounts", "messages", "reports", "uploads"].map((r) => `POST /api/v1/intake/${r}`).sort());
    expect(signed.filter(([, op]) => op.permission !== null || (op.rules as readonly string[]).includes("CSRF"))).toEqual([]);
    const wrappedBy = new Map(onDisk.map((o) => [o.id, o.source]));
    for (const [id] of signed) expect(wrappedBy.get(id)).toContain(`withSignedOperation("${id}"`);
  });

  it("each page names the operation it authorises", () => {
    const silent = onDisk.filter((o) => o.id.startsWith("PAGE ") && !o.source.includes(`"${o.id}"`)).map((o) => `${path.relative(APP, o.file)} should mention "${o.id}"`);
    expect(silent).toEqual([]);
  });

  it("found the app (guards against walking the wrong folder)", () => {
    expect(onDisk.length).toBeGreaterThan(20);
  });
});
