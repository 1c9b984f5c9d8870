import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow, neutralise } from "../../src/lib/csv";

describe("neutralise", () => {
  it("puts a quote before text a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+62812", "-2+3", "@SUM(A1)", "\tcmd", '=HYPERLINK("http://x")', " =1", '"=1', "＝1"]) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ["Maria", "", "5+5", "'=x", "a=b", "Ná Lélo", "0812-3456-7801", "Lainnya: -2+3"]) expect(neutralise(s)).toBe(s);
  });

  it("puts one after every separator or line break that a formula follows, as a `;` reader or a line splitter would cut", () => {
    expect(neutralise("x;=1+1")).toBe("x;'=1+1");
    expect(neutralise('"a";=cmd')).toBe(`'"a";'=cmd`.slice(1));
    expect(neutralise("a, -2")).toBe("a,' -2");
    expect(neutralise("baris satu\r\n=baris dua")).toBe("baris satu\r\n'=baris dua");
    expect(neutralise("\rx")).toBe("'\rx");
    expect(neutralise("x\t@y")).toBe("x\t'@y");
    expect(neutralise("JKK; JKM")).toBe("JKK; JKM");
  });
});

/** The cells of our file as RFC 4180 reads it with `,` (the file's own dialect). */
const rfcComma = (text: string) => Papa.parse<string[]>(text, { delimiter: ",", newline: "\r\n" }).data.flat();

/**
 * The cells other readers cut from it: RFC 4180 with `;` (Indonesian Excel), and naive
 * splits that ignore quotes, at line breaks and at `,`, `;` or tab.
 */
function otherReadings(text: string): string[] {
  const cells = Papa.parse<string[]>(text, { delimiter: ";", newline: "\r\n" }).data.flat();
  for (const line of text.split(/\r\n|\r|\n/)) for (const sep of [",", ";", "\t"]) cells.push(...line.split(sep));
  return cells;
}

// OWASP's list for a cell as written, and what a formula starts with once a careless reader trims the cell
const OWASP_START = /^[=+\-@\t\r＝＋－＠]/;
const FORMULA_START = /^[=+\-@＝＋－＠]/;
const trimmed = (cell: string) => cell.replace(/^[\s"]+/, "");

describe("a row no spreadsheet can turn into a formula", () => {
  const hostile = fc.oneof(
    fc.string({ unit: fc.constantFrom("=", "+", "-", "@", ";", ",", '"', " ", "\t", "\r", "\n", "x", "1", "'", "＝"), maxLength: 24 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.constantFrom("x;=1+1", '"a";=cmd', "a\t=b", "baris\r\n=HYPERLINK(1)", "+6281234567801", "-2+3", "@x"),
  );

  it("whether read with `,` or `;`, with or without quotes, split at line breaks or trimmed (generated text)", () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 5 }), (cells) => {
        // as the export writes a record: the registration id first, then text
        const text = csvRow([42, ...cells]);
        for (const cell of rfcComma(text)) expect(cell, JSON.stringify({ cells, cell })).not.toMatch(OWASP_START);
        for (const cell of [...rfcComma(text), ...otherReadings(text)]) {
          expect(cell, JSON.stringify({ cells, cell })).not.toMatch(FORMULA_START);
          expect(trimmed(cell), JSON.stringify({ cells, cell })).not.toMatch(FORMULA_START);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("csvCell and csvRow", () => {
  it("quotes only what RFC 4180 needs, doubles quotes, ends records with CRLF", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(-5)).toBe("-5");
    // a line break can start a cell for a reader that splits lines: the formula after it is neutralised too
    expect(csvCell("\r=x")).toBe("\"'\r'=x\"");
    expect(csvRow(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });

  it("round-trips any text through papaparse, formulas coming back neutralised", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "grapheme", maxLength: 30 }), { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
        const text = table.map((r) => csvRow(r)).join("");
        const parsed = Papa.parse<string[]>(text, { newline: "\r\n" });
        const data = parsed.data.slice(0, table.length);
        expect(data).toEqual(table.map((r) => r.map(neutralise)));
      }),
      { numRuns: 300 },
    );
  });
});
