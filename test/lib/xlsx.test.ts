import { crc32 as zlibCrc32 } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnName, xlsxChunks, xmlText } from "../../src/lib/xlsx";
import { crc32 } from "../../src/lib/crc32";
import { zipChunks } from "../../src/lib/zip";
import { concat, sheetRows, unzip } from "../leads/fixtures";

async function collect(chunks: AsyncIterable<Uint8Array>) {
  const out: Uint8Array[] = [];
  for await (const c of chunks) out.push(c);
  return concat(out);
}

const utf8 = new TextEncoder();

describe("crc32", () => {
  it("matches the check value and node:zlib on any bytes, also when continued", () => {
    expect(crc32(utf8.encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.uint8Array({ maxLength: 500 }), (a, b) => {
        expect(crc32(a)).toBe(zlibCrc32(a) >>> 0);
        expect(crc32(b, crc32(a))).toBe(zlibCrc32(concat([a, b])) >>> 0);
      }),
    );
  });
});

describe("zipChunks", () => {
  it("writes an archive that an independent reader (node:zlib) unpacks, CRCs and sizes checked", async () => {
    async function* big() {
      for (let i = 0; i < 50; i++) yield utf8.encode(`baris ${i} — Ná Lélo ${"x".repeat(i * 37)}\n`);
    }
    const bytes = await collect(
      zipChunks([
        { name: "a.txt", data: utf8.encode("halo") },
        { name: "folder/ü.xml", data: big() },
        { name: "empty", data: new Uint8Array() },
      ]),
    );
    const files = unzip(bytes);
    expect(files.get("a.txt")).toBe("halo");
    expect(files.get("folder/ü.xml")).toBe(Array.from({ length: 50 }, (_, i) => `baris ${i} — Ná Lélo ${"x".repeat(i * 37)}\n`).join(""));
    expect(files.get("empty")).toBe("");
  });

  it("hands on each chunk's compressed bytes before it reads the next, so it holds about one chunk", async () => {
    const CHUNK = 32 * 1024;
    let yielded = 0;
    const lag: number[] = [];
    async function* incompressible() {
      for (let k = 0; k < 40; k++) {
        // what went in before this chunk, and has not come out yet
        lag.push(k * CHUNK - yielded);
        yield crypto.getRandomValues(new Uint8Array(CHUNK));
      }
    }
    for await (const piece of zipChunks([{ name: "random.bin", data: incompressible() }])) yielded += piece.length;
    expect(yielded).toBeGreaterThan(40 * CHUNK);
    expect(Math.max(...lag)).toBeLessThan(2 * CHUNK);
  });

  it("stops reading an entry's source when the consumer stops", async () => {
    let produced = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield crypto.getRandomValues(new Uint8Array(8192));
        }
      } finally {
        closed = true;
      }
    }
    const it = zipChunks([{ name: "x", data: endless() }]);
    for (let i = 0; i < 5; i++) await it.next();
    await it.return(undefined);
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(50);
  });
});

describe("xlsx", () => {
  it("names columns like a spreadsheet", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("escapes markup and drops characters XML cannot carry", () => {
    expect(xmlText(`<b>"Ina" & Co\u0001\u0008\t</b>`)).toBe("&lt;b&gt;&quot;Ina&quot; &amp; Co\t&lt;/b&gt;");
  });

  it("writes a workbook whose sheet holds every cell as given, text as text, with a bold frozen header and a filter", async () => {
    async function* pages() {
      yield [
        [1, "=1+1", null, " spaced "],
        [2, "Ná Lélo <Ina>", "", "a&b"],
      ];
      yield [[3, "@x", "line\nbreak", "-5"]];
    }
    const bytes = await collect(xlsxChunks({ name: "Leads", columns: [{ header: "id" }, { header: "name" }, { header: "note" }, { header: "x", width: 30 }], pages: pages() }));
    const files = unzip(bytes);
    const sheet = files.get("xl/worksheets/sheet1.xml")!;
    expect(sheetRows(sheet)).toEqual([
      { A: "id", B: "name", C: "note", D: "x" },
      { A: "1", B: "=1+1", D: " spaced " },
      { A: "2", B: "Ná Lélo <Ina>", D: "a&b" },
      { A: "3", B: "@x", C: "line\nbreak", D: "-5" },
    ]);
    expect(sheet).toContain('<c r="A2"><v>1</v></c>');
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr">');
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<autoFilter ref="A1:D4"/>');
    expect(sheet).toContain('<t xml:space="preserve"> spaced </t>');
    expect(files.get("xl/workbook.xml")).toContain("'Leads'!$A$1:$D$4");
    expect(files.get("[Content_Types].xml")).toContain("/xl/worksheets/sheet1.xml");
    expect(files.get("xl/styles.xml")).toContain("<b/>");
  });
});

describe("xlsxChunks with two sheets", () => {
  it("writes both sheets, each named in the workbook with its own filter range, the second computed after the first", async () => {
    let counted = 0;
    async function* people() {
      yield [["Ná Lélo", 1], ["=1+1", 2]];
      counted += 2;
      yield [["Yohanes", 3]];
      counted += 1;
    }
    async function* summary() {
      // runs only once the first sheet is written: it sees the count
      yield [["workers", counted]];
    }
    const bytes = await collect(
      xlsxChunks([
        { name: "Pekerja", columns: [{ header: "name" }, { header: "n" }], pages: people() },
        { name: "Ringkasan", columns: [{ header: "item" }, { header: "value" }], pages: summary() },
      ]),
    );
    const files = unzip(bytes);
    expect(sheetRows(files.get("xl/worksheets/sheet1.xml")!)).toEqual([{ A: "name", B: "n" }, { A: "Ná Lélo", B: "1" }, { A: "=1+1", B: "2" }, { A: "Yohanes", B: "3" }]);
    expect(sheetRows(files.get("xl/worksheets/sheet2.xml")!)).toEqual([{ A: "item", B: "value" }, { A: "workers", B: "3" }]);
    const workbook = files.get("xl/workbook.xml")!;
    expect(workbook).toContain('<sheet name="Pekerja" sheetId="1" r:id="rId1"/><sheet name="Ringkasan" sheetId="2" r:id="rId2"/>');
    expect(workbook).toContain(`localSheetId="0" hidden="1">'Pekerja'!$A$1:$B$4</definedName>`);
    expect(workbook).toContain(`localSheetId="1" hidden="1">'Ringkasan'!$A$1:$B$2</definedName>`);
    expect(files.get("[Content_Types].xml")).toContain('PartName="/xl/worksheets/sheet2.xml"');
    expect(files.get("xl/_rels/workbook.xml.rels")).toContain('Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"');
  });
});
