/**
 * A one-sheet XLSX workbook written as a stream (Office Open XML, ECMA-376):
 * the sheet's rows become XML page by page and go straight into the zip
 * (`zip.ts`), so memory does not grow with the number of rows. Text is written
 * as inline strings: a cell is never a formula, whatever it starts with. The
 * header row is bold, frozen and carries an autofilter.
 */
import { zipChunks, type ZipEntry } from "./zip";

export type XlsxValue = string | number | null | undefined;

export type XlsxSheet = {
  /** at most 31 characters; `[]:*?/\` are replaced */
  name: string;
  columns: readonly { header: string; width?: number }[];
  /** the data rows, a page (an array of rows) at a time */
  pages: AsyncIterable<readonly XlsxValue[][]>;
};

/** Excel's last row; more rows need CSV. */
export const XLSX_MAX_ROWS = 1_048_576;

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** `A`, `B`, … `Z`, `AA`, … for a zero-based column index. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// characters XML 1.0 cannot carry at all
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlText(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function cellXml(ref: string, value: XlsxValue, style = ""): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
  const text = String(value);
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

function rowXml(r: number, values: readonly XlsxValue[], letters: readonly string[], style = ""): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < values.length; i++) xml += cellXml(`${letters[i]}${r}`, values[i], style);
  return `${xml}</row>`;
}

const safeSheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";

async function* sheetXml(sheet: XlsxSheet, letters: string[], done: (lastRow: number) => void) {
  const utf8 = new TextEncoder();
  const cols = sheet.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 14}" customWidth="1"/>`)
    .join("");
  yield utf8.encode(
    `${DECL}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<cols>${cols}</cols><sheetData>` +
      rowXml(
        1,
        sheet.columns.map((c) => c.header),
        letters,
        ' s="1"',
      ),
  );
  let r = 1;
  for await (const page of sheet.pages) {
    let xml = "";
    for (const row of page) {
      if (r >= XLSX_MAX_ROWS) throw new RangeError("xlsx: more rows than a sheet holds");
      xml += rowXml(++r, row, letters);
    }
    if (xml) yield utf8.encode(xml);
  }
  done(r);
  yield utf8.encode(`</sheetData><autoFilter ref="A1:${letters.at(-1)}${r}"/></worksheet>`);
}

const STYLES =
  `${DECL}<styleSheet xmlns="${NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

const CONTENT_TYPES =
  `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

const ROOT_RELS =
  `${DECL}<Relationships xmlns="${PKG_REL_NS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  "</Relationships>";

const WORKBOOK_RELS =
  `${DECL}<Relationships xmlns="${PKG_REL_NS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  "</Relationships>";

function workbookXml(sheetName: string, lastColumn: string, lastRow: number): string {
  const quoted = `'${sheetName.replace(/'/g, "''")}'`;
  return (
    `${DECL}<workbook xmlns="${NS}" xmlns:r="${REL_NS}">` +
    `<sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
    `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlText(quoted)}!$A$1:$${lastColumn}$${lastRow}</definedName></definedNames>` +
    "</workbook>"
  );
}

/**
 * The workbook's bytes. The sheet comes first in the archive, so the parts
 * that name its size (the filter range) are written once it is complete.
 */
export function xlsxChunks(sheet: XlsxSheet, modified = new Date()): AsyncGenerator<Uint8Array, void, undefined> {
  const letters = sheet.columns.map((_, i) => columnName(i));
  const name = safeSheetName(sheet.name);
  const utf8 = new TextEncoder();
  let lastRow = 1;
  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: "xl/worksheets/sheet1.xml", data: sheetXml(sheet, letters, (r) => (lastRow = r)) };
    yield { name: "xl/workbook.xml", data: utf8.encode(workbookXml(name, letters.at(-1) ?? "A", lastRow)) };
    yield { name: "xl/styles.xml", data: utf8.encode(STYLES) };
    yield { name: "xl/_rels/workbook.xml.rels", data: utf8.encode(WORKBOOK_RELS) };
    yield { name: "_rels/.rels", data: utf8.encode(ROOT_RELS) };
    yield { name: "[Content_Types].xml", data: utf8.encode(CONTENT_TYPES) };
  }
  return zipChunks(entries(), modified);
}
