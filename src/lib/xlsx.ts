/**
 * An XLSX workbook written as a stream (Office Open XML, ECMA-376): each
 * sheet's rows become XML page by page and go straight into the zip
 * (`zip.ts`), so memory does not grow with the number of rows. Sheets are
 * written one after the other, so a later sheet (a summary) may be computed
 * from what the earlier ones counted. Text is written as inline strings: a cell
 * is never a formula, whatever it starts with. Each header row is bold, frozen
 * and carries an autofilter.
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

const contentTypes = (sheets: number) =>
  `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  Array.from(
    { length: sheets },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("") +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

const ROOT_RELS =
  `${DECL}<Relationships xmlns="${PKG_REL_NS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  "</Relationships>";

// the sheets are rId1…rIdN, the styles come after them
const workbookRels = (sheets: number) =>
  `${DECL}<Relationships xmlns="${PKG_REL_NS}">` +
  Array.from(
    { length: sheets },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join("") +
  `<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
  "</Relationships>";

type Written = { name: string; lastColumn: string; lastRow: number };

function workbookXml(sheets: Written[]): string {
  const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
  return (
    `${DECL}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>` +
    sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    "</sheets><definedNames>" +
    sheets
      .map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(quoted(s.name))}!$A$1:$${s.lastColumn}$${s.lastRow}</definedName>`)
      .join("") +
    "</definedNames></workbook>"
  );
}

/** Sheet names must differ; a clash gets a number. */
function uniqueNames(sheets: readonly XlsxSheet[]): string[] {
  const seen = new Set<string>();
  return sheets.map((s, i) => {
    let name = safeSheetName(s.name);
    if (seen.has(name.toLowerCase())) name = `${name.slice(0, 27)} (${i + 1})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/**
 * The workbook's bytes: one sheet, or several in order. The sheets come first
 * in the archive, so the parts that name their sizes (the filter ranges) are
 * written once they are complete.
 */
export function xlsxChunks(sheets: XlsxSheet | readonly XlsxSheet[], modified = new Date()): AsyncGenerator<Uint8Array, void, undefined> {
  const list = Array.isArray(sheets) ? (sheets as readonly XlsxSheet[]) : [sheets as XlsxSheet];
  if (!list.length) throw new RangeError("xlsx: a workbook needs a sheet");
  const names = uniqueNames(list);
  const utf8 = new TextEncoder();
  const written: Written[] = list.map((s, i) => ({ name: names[i]!, lastColumn: columnName(Math.max(0, s.columns.length - 1)), lastRow: 1 }));
  async function* entries(): AsyncGenerator<ZipEntry> {
    for (const [i, sheet] of list.entries()) {
      const letters = sheet.columns.map((_, j) => columnName(j));
      yield { name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(sheet, letters, (r) => (written[i]!.lastRow = r)) };
    }
    yield { name: "xl/workbook.xml", data: utf8.encode(workbookXml(written)) };
    yield { name: "xl/styles.xml", data: utf8.encode(STYLES) };
    yield { name: "xl/_rels/workbook.xml.rels", data: utf8.encode(workbookRels(list.length)) };
    yield { name: "_rels/.rels", data: utf8.encode(ROOT_RELS) };
    yield { name: "[Content_Types].xml", data: utf8.encode(contentTypes(list.length)) };
  }
  return zipChunks(entries(), modified);
}
