import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow, neutralise } from "../../src/lib/csv";

describe("neutralise", () => {
  it("puts a quote before text a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+62812", "-2+3", "@SUM(A1)", "\tcmd", "\rx", '=HYPERLINK("http://x")']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ["Maria", "", " =1", "5+5", "'=x", "a=b", "Ná Lélo"]) expect(neutralise(s)).toBe(s);
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
    expect(csvCell("\r=x")).toBe("\"'\r=x\"");
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
