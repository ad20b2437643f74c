// RFC 8785 JSON Canonicalization Scheme (JCS).
//
// A Merkle leaf commits to bytes, not to a JavaScript object, so the sealer and every verifier
// must turn the same event into the same bytes no matter which program wrote the JSON or in
// which order it listed the keys. JCS pins that down:
//   - object members sorted by key, comparing keys as arrays of UTF-16 code units (§3.2.3);
//   - numbers printed as ECMAScript's Number.prototype.toString prints them (§3.2.2.3);
//   - strings escaped exactly as ECMAScript's JSON.stringify escapes them (§3.2.2.2);
//   - no insignificant whitespace.
// The input must be I-JSON (RFC 7493), so anything that has no single JSON meaning is refused
// instead of silently dropped or coerced the way JSON.stringify would: undefined, functions,
// symbols, bigint, NaN/±Infinity, strings with lone surrogates, and non-plain objects (Date,
// Map, Buffer…), whose JSON form depends on a toJSON the verifier might not share.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class CanonicalJsonError extends TypeError {
  constructor(
    message: string,
    /** Where in the value the problem is, as a JSON-pointer-like path ("" is the root). */
    readonly path: string,
  ) {
    super(path ? `${message} at ${path}` : message);
    this.name = "CanonicalJsonError";
  }
}

/** The RFC 8785 canonical JSON text of `value`; throws CanonicalJsonError for non-I-JSON input. */
export function canonicalJson(value: unknown): string {
  return serialise(value, "", new Set());
}

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
      return canonicalString(value, path);
    case "number":
      return canonicalNumber(value, path);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      return serialiseContainer(value, path, ancestors);
    case "bigint":
      throw new CanonicalJsonError("bigint is not JSON; convert it to a decimal string first", path);
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON`, path);
  }
}

function serialiseContainer(value: object, path: string, ancestors: Set<object>): string {
  // A cycle would recurse forever; JSON.stringify throws too, but with a less useful message.
  if (ancestors.has(value)) throw new CanonicalJsonError("cyclic structure", path);
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      // Holes in sparse arrays read as undefined and are refused below, like explicit undefined.
      out += serialise(value[i], `${path}/${i}`, ancestors);
    }
    out += "]";
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
      throw new CanonicalJsonError(`${kind} is not a plain JSON object`, path);
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is exactly what §3.2.3 asks for (not
    // locale order, and not Unicode code points: U+10000 sorts before U+E000 here).
    const keys = Object.keys(record).sort();
    out = "{";
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const childPath = `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (i > 0) out += ",";
      out += canonicalString(key, childPath) + ":" + serialise(record[key], childPath, ancestors);
    }
    out += "}";
  }
  ancestors.delete(value);
  return out;
}

/** A JSON string literal per §3.2.2.2; refuses lone surrogates, which I-JSON forbids. */
export function canonicalString(value: string, path = ""): string {
  if (!value.isWellFormed()) throw new CanonicalJsonError("string contains a lone surrogate", path);
  // JSON.stringify escapes ", \, and U+0000–U+001F (\b \t \n \f \r, else \u00xx in lower case)
  // and nothing else — the escaping JCS specifies.
  return JSON.stringify(value);
}

/** A JSON number per §3.2.2.3: the ECMAScript shortest round-trip form, -0 as 0. */
export function canonicalNumber(value: number, path = ""): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} is not a JSON number`, path);
  // String(-0) is "0", and ECMAScript's Number::toString is the algorithm RFC 8785 adopts.
  return String(value);
}
