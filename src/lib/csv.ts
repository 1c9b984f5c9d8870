/**
 * CSV that Excel and Google Sheets open correctly: RFC 4180 quoting, CRLF
 * line ends, and a UTF-8 byte order mark so names like "Ná Lélo" keep their
 * accents. No cell can become a formula, in any way a spreadsheet may read the
 * file: with `,` or with `;` as the separator (Indonesian Excel uses `;`, and
 * then ignores our quotes), splitting lines at a CR or LF inside a cell, and
 * trimming spaces or quotes from a cell's ends.
 */

/** Written once, before the header row. */
export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | null | undefined;

// =1+1, +cmd, -2+3, @SUM(...), a tab or carriage return, and their full-width forms
const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);
// where a reader may start a new cell: either separator, a tab, a line break
const BOUNDARIES = new Set([",", ";", "\t", "\r", "\n"]);
// what a reader may strip from a cell's start before it looks at it: quotes, and white space that is not itself a boundary
const skipped = (ch: string) => ch === '"' || (/\s/.test(ch) && !BOUNDARIES.has(ch));

/**
 * `'` wherever a cell could begin with a formula: at the start of the text and
 * after every separator or line break, when (past any spaces or quotes) a
 * formula character follows. The `'` goes right after the boundary, so the
 * cell a reader cuts out starts with it, trimmed or not. Numbers are numbers,
 * never formulas, and pass unchanged.
 * @example neutralise("=1+1") // "'=1+1"
 * @example neutralise("x;=1+1") // "x;'=1+1"
 */
export function neutralise(text: string): string {
  let out = "";
  let cellStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === cellStart) {
      let j = i;
      while (j < text.length && skipped(text[j]!)) j++;
      if (j < text.length && TRIGGERS.has(text[j]!)) out += "'";
    }
    if (i === text.length) break;
    const ch = text[i]!;
    out += ch;
    if (BOUNDARIES.has(ch)) cellStart = i + 1;
  }
  return out;
}

/** One field: neutralised, then quoted if it holds a quote, a separator (`,` or `;`), a tab or a line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = neutralise(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
