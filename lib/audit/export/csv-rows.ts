import { stringify } from "csv-stringify/sync";

// The one CSV writer, for the log export and the per-account report: RFC 4180 quoting and CRLF
// record ends by csv-stringify, and its escape_formulas, which puts an apostrophe before a cell
// starting with =, +, -, @, tab or carriage return (or their full-width forms), so spreadsheets
// show it as text instead of running it (CSV injection, OWASP). Justifications and user agents
// are typed by people and browsers and must be treated as hostile. Rows are written a batch at
// a time, so an export of a million events never holds more than one batch as text.

export type CsvValue = string | number | bigint | null | undefined;

// quote_record_delimiter: a cell holding a lone CR or LF is quoted too (with a record delimiter
// set, csv-stringify would otherwise quote only a cell holding the whole CRLF).
const OPTIONS = { record_delimiter: "windows", quote_record_delimiter: true, escape_formulas: true } as const;

/** Rows as CSV text, each ending in CRLF. */
export function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  return rows.length === 0 ? "" : stringify(rows as CsvValue[][], OPTIONS);
}

/** A whole document: the header row, then the rows. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvRows([header, ...rows]);
}
