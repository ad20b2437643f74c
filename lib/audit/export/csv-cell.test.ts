import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv-cell";

describe("csvCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+SUM(A1)", "'+SUM(A1)"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\r=1", '"\'\r=1"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
  ])("neutralises a cell starting with a formula character: %j", (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it("leaves ordinary text alone, quoting only what RFC 4180 needs", () => {
    expect(csvCell("Reviewing the report")).toBe("Reviewing the report");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("x=1")).toBe("x=1");
    expect(csvCell(null)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("joins a row", () => {
    expect(csvRow(["a", null, "=b", "c,d"])).toBe("a,,'=b,\"c,d\"");
  });
});
