import { describe, expect, it } from "vitest";
import { csvCell, csvDocument } from "./report-csv";

describe("CSV cells of the account access report", () => {
  it.each([
    ["=HYPERLINK(\"http://evil\")", `"'=HYPERLINK(""http://evil"")"`],
    ["+1 555 0100", "'+1 555 0100"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tindented", "'\tindented"],
    ["\rcarriage", `"'\rcarriage"`],
  ])("neutralises %j as text", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves ordinary text, numbers and empty values alone, and quotes per RFC 4180", () => {
    expect(csvCell("Reviewing the reported messages")).toBe("Reviewing the reported messages");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('he said "stop"')).toBe('"he said ""stop"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("mid=dle")).toBe("mid=dle");
  });

  it("builds a document with a header and CRLF line ends", () => {
    expect(csvDocument(["a", "b"], [["=1", 2], [null, "x,y"]])).toBe("a,b\r\n'=1,2\r\n,\"x,y\"\r\n");
  });
});
