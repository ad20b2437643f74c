// CSV cells for spreadsheets, which run a cell starting with =, +, -, @ (or tab and carriage
// return, which some of them strip first) as a formula — the CSV-injection attack OWASP
// describes. Such cells get a leading apostrophe, which spreadsheets show as text and hide.
// Justifications and user agents are typed by people and browsers, so they must be treated as
// hostile. Cells are then quoted per RFC 4180 when they hold a comma, quote or line break.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(cells: readonly (string | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}
