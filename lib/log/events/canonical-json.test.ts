import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalJson } from "./canonical-json";

// Reads an IEEE 754 double from its 16-hex-digit bit pattern, as RFC 8785 Appendix B lists them.
function double(hex: string): number {
  return Buffer.from(hex, "hex").readDoubleBE(0);
}

describe("canonicalJson (RFC 8785)", () => {
  it("canonicalises the §3.2.2 sample: sorted keys, numbers and escapes", () => {
    const input = JSON.parse(
      String.raw`{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]}`,
    );
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it("sorts keys by UTF-16 code units, as in the §3.2.3 sample", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // U+1D11E is encoded D834 DD1E, so by code units it sorts before U+E000 (by code point, after).
    expect(canonicalJson({ "\ue000": 1, "\ud834\udd1e": 2 })).toBe('{"\ud834\udd1e":2,"\ue000":1}');
  });

  it("sorts nested objects and keeps array order", () => {
    expect(canonicalJson({ b: [3, 1, { z: 1, a: 2 }], a: { d: null, c: true } })).toBe(
      '{"a":{"c":true,"d":null},"b":[3,1,{"a":2,"z":1}]}',
    );
    expect(canonicalJson({ B: 1, a: 2, _: 3 })).toBe('{"B":1,"_":3,"a":2}');
  });

  it("formats numbers like the Appendix B table", () => {
    const table: [string, string][] = [
      ["0000000000000000", "0"],
      ["8000000000000000", "0"],
      ["0000000000000001", "5e-324"],
      ["8000000000000001", "-5e-324"],
      ["7fefffffffffffff", "1.7976931348623157e+308"],
      ["ffefffffffffffff", "-1.7976931348623157e+308"],
      ["4340000000000000", "9007199254740992"],
      ["c340000000000000", "-9007199254740992"],
      ["4430000000000000", "295147905179352830000"],
      ["44b52d02c7e14af5", "9.999999999999997e+22"],
      ["44b52d02c7e14af6", "1e+23"],
      ["44b52d02c7e14af7", "1.0000000000000001e+23"],
      ["444b1ae4d6e2ef4e", "999999999999999700000"],
      ["444b1ae4d6e2ef4f", "999999999999999900000"],
      ["444b1ae4d6e2ef50", "1e+21"],
      ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
      ["3eb0c6f7a0b5ed8d", "0.000001"],
      ["41b3de4355555553", "333333333.3333332"],
      ["41b3de4355555554", "333333333.33333325"],
      ["41b3de4355555555", "333333333.3333333"],
      ["41b3de4355555556", "333333333.3333334"],
      ["41b3de4355555557", "333333333.33333343"],
      ["becbf647612f3696", "-0.0000033333333333333333"],
      ["43143ff3c1cb0959", "1424953923781206.2"],
    ];
    for (const [hex, expected] of table) expect(canonicalJson(double(hex)), hex).toBe(expected);
    expect(canonicalJson(-0)).toBe("0");
    expect(canonicalJson([1e21, 1e20, -1.5, 100])).toBe("[1e+21,100000000000000000000,-1.5,100]");
  });

  it("escapes strings as JSON.stringify does and leaves other characters raw", () => {
    expect(canonicalJson("\b\t\n\f\r\"\\/\u0000\u001f\u007f\u2028é😀")).toBe(
      '"\\b\\t\\n\\f\\r\\"\\\\/\\u0000\\u001f\u007f\u2028é😀"',
    );
    expect(canonicalJson({ "a\nb": "x" })).toBe('{"a\\nb":"x"}');
  });

  it("refuses values that have no single I-JSON meaning", () => {
    const bad: [unknown, RegExp][] = [
      [Number.NaN, /NaN is not a JSON number/],
      [Number.POSITIVE_INFINITY, /Infinity/],
      [Number.NEGATIVE_INFINITY, /-Infinity/],
      [undefined, /undefined is not JSON/],
      [() => 1, /function is not JSON/],
      [Symbol("s"), /symbol is not JSON/],
      [10n, /bigint/],
      [new Date(0), /Date is not a plain JSON object/],
      [new Map(), /Map is not a plain JSON object/],
      [Buffer.from("x"), /Buffer is not a plain JSON object/],
      ["\ud800", /lone surrogate/],
      ["a\udc00b", /lone surrogate/],
      [{ "\ud800": 1 }, /lone surrogate/],
    ];
    for (const [value, message] of bad) expect(() => canonicalJson(value)).toThrow(message);
  });

  it("names where in the value the problem is", () => {
    const attempt = () => canonicalJson({ details: { items: [1, { "a/b": undefined }] } });
    expect(attempt).toThrow(CanonicalJsonError);
    expect(attempt).toThrow("undefined is not JSON at /details/items/1/a~1b");
    // A sparse array hole is an undefined element, not a null.
    expect(() => canonicalJson([1, , 3])).toThrow("at /1");
  });

  it("refuses cycles but allows the same object twice side by side", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow("cyclic structure at /self");
  });

  it("accepts null-prototype objects and yields the same text whatever the insertion order", () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ a: 2, b: 1 })).toBe(canonicalJson({ b: 1, a: 2 }));
  });

  it("round-trips: parsing the canonical text and canonicalising again is a fixed point", () => {
    const value = { z: [0.1, -0, 1e-7, "\u0001"], y: { "": null, " ": false }, x: "" };
    const once = canonicalJson(value);
    expect(canonicalJson(JSON.parse(once))).toBe(once);
  });
});
