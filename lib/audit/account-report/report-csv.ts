// CSV for the per-account access report. Spreadsheet programs execute a cell that starts with
// =, +, -, @, tab or carriage return as a formula (CSV injection, OWASP); a justification is
// free text typed by staff, so every such cell is neutralised with a leading apostrophe,
// which spreadsheets show as text. Quoting follows RFC 4180.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(",");
}

/** A whole CSV document, CRLF line ends as RFC 4180 asks. */
export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [csvRow(header), ...rows.map(csvRow)].join("\r\n") + "\r\n";
}
