/**
 * CSV that Excel and Google Sheets open correctly: RFC 4180 quoting, CRLF
 * line ends, and a UTF-8 byte order mark so names like "Ná Lélo" keep their
 * accents. Text that a spreadsheet would run as a formula is neutralised.
 */

/** Written once, before the header row. */
export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | null | undefined;

// =1+1, +cmd, -2+3, @SUM(...), and a leading tab or carriage return
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * `'` before text that a spreadsheet would evaluate, so `=HYPERLINK(...)` in a
 * name stays text. Numbers are numbers, never formulas, and pass unchanged.
 * @example neutralise("=1+1") // "'=1+1"
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: neutralised, then quoted if it holds a comma, quote, CR or LF. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
