// Malformed requests for the route fuzz test (route-fuzz.test.ts): what an attacker, a broken
// client or a hand-written curl sends. Each variant says whether it carries text no boundary
// may accept (U+0000, a lone surrogate), for which the answer must be exactly 400.

export type Variant = {
  label: string;
  params?: Record<string, unknown>;
  query?: [string, string][];
  /** The raw body; undefined sends none. */
  body?: string;
  headers?: Record<string, string | null>;
  /** Carries U+0000 or a lone surrogate where the route reads input: must be a 400. */
  unsafe?: boolean;
};

const HUGE = "x".repeat(100_000);

/** Text a PostgreSQL column cannot hold as sent. */
export const UNSAFE_TEXT = ["abc\u0000def", "\u0000", "\ud800", "x\udfffy", "\udc00\ud800"];

/** Other hostile strings, each safe to store, so the route must answer them with a reason. */
export const HOSTILE_TEXT = [HUGE, "", " ", "../../etc/passwd", "'; DROP TABLE \"case\"; --", "%00", "%ZZ", "\u202eevil", "-1", "0", "1e400", "9999999999999999999999", "NaN", "8640000000000000", "-8640000000000000", "+275760-09-13T00:00:00.000Z", "2026-13-45", "null", "[]", "{}"];

/** Values of the wrong type or out of range, for JSON fields. */
export const HOSTILE_VALUES: unknown[] = [8.64e15, -8.64e15, 1e308, -1, 0, 2 ** 31, 2 ** 53 + 2, 1.5, true, null, [], {}, [[["deep"]]], { $gt: "" }, HUGE, "", "+275760-09-13T00:00:00.000Z"];

/** Query keys some route reads; every GET route gets all of them, so a new one is covered. */
export const QUERY_KEYS = ["from", "to", "limit", "cursor", "q", "account", "actor", "case", "caseId", "conversation", "format", "fromLeaf", "consistencyFrom", "treeSize", "status", "category", "kind", "ids", "role", "action", "outcome", "purpose", "days", "member", "grant"];
// A forged keyset cursor (valid base64url JSON with a bad date and id) and int8 + 1 as text.
const FORGED_CURSOR = Buffer.from(JSON.stringify({ p: 1, c: "not a date", i: "not a uuid" })).toString("base64url");
const QUERY_VALUES = ["-1", "1e400", "9999999999999999999", "9999999999999999999999", "8640000000000000", "-8640000000000000", "+275760-09-13", "garbage", FORGED_CURSOR, HUGE];
// A URL cannot carry a lone surrogate (serialising one writes U+FFFD), so only U+0000 reaches a query.
const UNSAFE_QUERY = UNSAFE_TEXT.filter((v) => v.includes("\u0000"));

/** Path-parameter variants: what Next passes after decoding the segment (and what it never should). */
export function paramVariants(names: string[], baseline: Record<string, string>): Variant[] {
  return names.flatMap((name) => [
    ...UNSAFE_TEXT.map((v) => ({ label: `${name}=${JSON.stringify(v).slice(0, 20)}`, params: { ...baseline, [name]: v }, unsafe: true })),
    ...HOSTILE_TEXT.map((v) => ({ label: `${name}=${JSON.stringify(v).slice(0, 20)}`, params: { ...baseline, [name]: v } })),
    { label: `${name} as an array`, params: { ...baseline, [name]: ["a", "b"] } },
    { label: `${name} missing`, params: { ...baseline, [name]: undefined } },
    { label: `${name}=random uuid`, params: { ...baseline, [name]: crypto.randomUUID() } },
  ]);
}

export function queryVariants(): Variant[] {
  return [
    ...QUERY_KEYS.flatMap((k) => QUERY_VALUES.map((v) => ({ label: `?${k}=${v.slice(0, 20)}`, query: [[k, v]] as [string, string][] }))),
    ...QUERY_KEYS.map((k) => ({ label: `?${k} repeated`, query: [[k, "1"], [k, "2"]] as [string, string][] })),
    ...UNSAFE_QUERY.map((v) => ({ label: `?q=${JSON.stringify(v)}`, query: [["q", v], ["account", v]] as [string, string][], unsafe: true })),
    { label: "unsafe query key", query: [["a\u0000b", "1"]], unsafe: true },
  ];
}

/** Whole-body and header variants for a mutation; field variants only where the route reads a body (`baseline`). */
export function bodyVariants(baseline: Record<string, unknown> | null): Variant[] {
  const good = JSON.stringify(baseline ?? {});
  return [...wholeBodyVariants(good), ...(baseline ? fieldVariants(baseline) : [])];
}

function wholeBodyVariants(good: string): Variant[] {
  return [
    ...["", "{", "nul\u0000", "null", "[]", "[1,2,3]", "123", '"text"', "true", "{}", "[".repeat(5000) + "]".repeat(5000), `{"a":${"1".repeat(2_000_000)}}`].map((body) => ({ label: `body ${JSON.stringify(body).slice(0, 24)}`, body })),
    { label: "text/plain", body: good, headers: { "content-type": "text/plain" } },
    { label: "form-encoded", body: "purpose=x&note=y", headers: { "content-type": "application/x-www-form-urlencoded" } },
    { label: "no content-type", body: good, headers: { "content-type": null } },
    ...["null", "http://[::1", "::::", "", "https://evil.example", "http://localhost.evil.example", "http://localhost:1", "file://", "javascript:alert(1)", "http://%ZZ"].map((origin) => ({ label: `Origin: ${JSON.stringify(origin)}`, body: good, headers: { origin } })),
    ...[null, "0", "true", ""].map((marker) => ({ label: `x-custody-request: ${marker}`, body: good, headers: { "x-custody-request": marker } })),
    { label: "no Host", body: good, headers: { host: null } },
    { label: "forwarded Host elsewhere", body: good, headers: { "x-forwarded-host": "evil.example" } },
  ];
}

function fieldVariants(baseline: Record<string, unknown>): Variant[] {
  const fields = [...new Set([...Object.keys(baseline), "note", "justification", "name"])];
  return [
    { label: "unsafe key", body: JSON.stringify({ "a\u0000": 1, ...baseline }), unsafe: true },
    ...fields.flatMap((f) => [
      ...UNSAFE_TEXT.map((v) => ({ label: `${f}=${JSON.stringify(v)}`, body: JSON.stringify({ ...baseline, [f]: v }), unsafe: true })),
      ...HOSTILE_VALUES.map((v) => ({ label: `${f}=${JSON.stringify(v)?.slice(0, 24)}`, body: JSON.stringify({ ...baseline, [f]: v }) })),
      { label: `${f} missing`, body: JSON.stringify({ ...baseline, [f]: undefined }) },
    ]),
    { label: "extra field", body: JSON.stringify({ ...baseline, extra: "x", __proto__: { admin: true } }) },
    { label: "scope ±8.64e15 ms", body: JSON.stringify({ ...baseline, scope: { sentFrom: -8.64e15, sentTo: 8.64e15 } }) },
    { label: "scope extreme ISO dates", body: JSON.stringify({ ...baseline, scope: { sentFrom: "-271821-04-20T00:00:00.000Z", sentTo: "+275760-09-13T00:00:00.000Z" } }) },
    { label: "scope positions out of range", body: JSON.stringify({ ...baseline, scope: { from: 2 ** 31, to: 2 ** 53 } }) },
    { label: "scope with NUL", body: JSON.stringify({ ...baseline, scope: { sentFrom: "2026-01-01\u0000", sentTo: "x" } }), unsafe: true },
  ];
}
