import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvDocument, csvRows } from "./csv-rows";

// The one CSV writer, fed what staff and browsers may type: every cell must read back as the
// same text (made inert where a spreadsheet would run it), and every row as one record.

const row = (cells: (string | number | null | undefined)[]) => csvRows([cells]);

describe("csvRows", () => {
  it.each([
    ["=1+1", "'=1+1\r\n"],
    ["+SUM(A1)", "'+SUM(A1)\r\n"],
    ["-2+3", "'-2+3\r\n"],
    ["@cmd", "'@cmd\r\n"],
    ["\tx", "'\tx\r\n"],
    ["\r=1", '"\'\r=1"\r\n'],
    ["＝1+1", "'＝1+1\r\n"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"\r\n'],
  ])("neutralises a cell starting with a formula character: %j", (input, output) => {
    expect(row([input])).toBe(output);
  });

  it("leaves ordinary text, numbers and empty values alone, quoting only what RFC 4180 needs", () => {
    expect(row(["Reviewing the report"])).toBe("Reviewing the report\r\n");
    expect(row(["a, b"])).toBe('"a, b"\r\n');
    expect(row(['say "hi"'])).toBe('"say ""hi"""\r\n');
    expect(row(["two\r\nlines"])).toBe('"two\r\nlines"\r\n');
    expect(row(["lone\rcarriage"])).toBe('"lone\rcarriage"\r\n');
    expect(row(["x=1", -5, 7])).toBe("x=1,-5,7\r\n");
    expect(row(["a", null, undefined, ""])).toBe("a,,,\r\n");
    expect(csvRows([])).toBe("");
  });

  it("writes a document whose records parse back one for one", () => {
    const hostile = ["line\r\nbreak", "lone\rcr", "lone\nlf", 'q"uote', "c,omma", "=1", "\r\n", "end\r\n"];
    const doc = csvDocument(["n", "text"], hostile.map((t, i) => [i, t]));
    expect(doc.startsWith("n,text\r\n")).toBe(true);
    const records = parse(doc) as string[][];
    expect(records).toHaveLength(hostile.length + 1);
    expect(records.slice(1).map((r) => r[1])).toEqual(hostile.map((t) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t)));
  });
});
