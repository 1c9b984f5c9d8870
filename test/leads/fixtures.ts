/** Lead test data written straight into D1, and readers for what the export sends back. */
import { env } from "cloudflare:workers";
import { foldForSearch } from "../../src/lib/search";
import { crc32, inflateRawSync } from "node:zlib";
import Papa from "papaparse";

export type LeadSeed = {
  name?: string;
  phone: string;
  email?: string | null;
  regency?: string;
  occupation?: string;
  occupationOther?: string | null;
  interests?: string[];
  bpjsStatus?: string;
  firstBoothId?: number | null;
  /** false: no contact opt-in */
  contact?: boolean;
  erased?: boolean;
  status?: string;
  assigneeId?: number | null;
  lastNote?: string | null;
  createdAt?: number;
  answers?: Record<string, string | string[]>;
  nikMasked?: string | null;
  birthDate?: string | null;
  lang?: string;
};

export const T0 = Date.parse("2026-12-05T09:00:00+08:00");

/** Inserts one registration and returns its id. */
export async function insertLead(eventId: number, s: LeadSeed): Promise<number> {
  const at = s.createdAt ?? T0;
  const row = await env.DB.prepare(
    `insert into registrations (event_id, name, search_name, phone, email, regency, occupation, occupation_other, nik_masked, birth_date,
       bpjs_status, interests, answers, lang, first_booth_id, consent_at, consent_purposes, notice_version, contact_consent_at,
       followup_status, assignee_id, last_note, created_at, erased_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
  )
    .bind(
      eventId,
      s.erased ? null : (s.name ?? "Maria Bili"),
      // as the app stores it (src/base/registration/register.service.ts)
      s.erased ? null : foldForSearch(s.name ?? "Maria Bili"),
      s.erased ? null : s.phone,
      s.erased ? null : (s.email ?? null),
      s.regency ?? "53.71",
      s.occupation ?? "kriya",
      s.occupationOther ?? null,
      s.erased ? null : (s.nikMasked ?? null),
      s.erased ? null : (s.birthDate ?? null),
      s.bpjsStatus ?? "none",
      JSON.stringify(s.interests ?? ["jkk", "jkm"]),
      JSON.stringify(s.answers ?? {}),
      s.lang ?? "id",
      s.firstBoothId ?? null,
      at,
      JSON.stringify(s.contact === false ? ["event_registration"] : ["event_registration", "enrollment_contact"]),
      "1",
      s.contact === false ? null : at,
      s.status ?? "new",
      s.assigneeId ?? null,
      s.lastNote ?? null,
      at,
      s.erased ? at + 1000 : null,
    )
    .first<{ id: number }>();
  return row!.id;
}

export async function addVisit(registrationId: number, boothId: number, at = T0) {
  await env.DB.prepare("insert into booth_visits (registration_id, booth_id, created_at) values (?, ?, ?)").bind(registrationId, boothId, at).run();
}

/** A ticket and its scans; `undone` scans were taken back by staff. */
export async function addCheckins(registrationId: number, eventId: number, scans: { direction: "in" | "out"; undone?: boolean }[]) {
  const ticket = await env.DB.prepare("insert into tickets (registration_id, event_id, code) values (?, ?, ?) returning id")
    .bind(registrationId, eventId, `t${registrationId}x${Math.random().toString(36).slice(2, 12)}`)
    .first<{ id: number }>();
  let seq = 0;
  for (const s of scans) {
    await env.DB.prepare("insert into checkins (ticket_id, event_id, seq, direction, gate, scanned_at, undone_at) values (?, ?, ?, ?, 'A', ?, ?)")
      .bind(ticket!.id, eventId, ++seq, s.direction, T0, s.undone ? T0 + 1 : null)
      .run();
  }
}

/**
 * A CSV body parsed back with papaparse: it must start with the UTF-8 byte
 * order mark and be valid UTF-8; the header row, then one object per record.
 */
export function parseCsv(bytes: Uint8Array) {
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error("csv: no UTF-8 byte order mark");
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes.subarray(3));
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, newline: "\r\n" });
  // the last record ends with CRLF, which papaparse reads as one empty line more
  const rows = parsed.data.filter((r, i) => !(i === parsed.data.length - 1 && Object.keys(r).length === 1 && Object.values(r)[0] === ""));
  const errors = parsed.errors.filter((e) => e.row !== parsed.data.length - 1);
  if (errors.length) throw new Error(`csv: ${JSON.stringify(errors.slice(0, 3))}`);
  return { fields: parsed.meta.fields ?? [], rows, text };
}

/**
 * A zip archive read with node:zlib (an implementation independent of ours):
 * every entry from the central directory, its CRC checked against the bytes.
 */
export function unzip(bytes: Uint8Array): Map<string, string> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  if (v.getUint32(end, true) !== 0x06054b50) throw new Error("zip: no end of central directory");
  const entries = v.getUint16(end + 10, true);
  let p = v.getUint32(end + 16, true);
  const out = new Map<string, string>();
  for (let i = 0; i < entries; i++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error("zip: bad central header");
    const method = v.getUint16(p + 10, true);
    const crc = v.getUint32(p + 16, true);
    const compressed = v.getUint32(p + 20, true);
    const size = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const local = v.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (v.getUint32(local, true) !== 0x04034b50) throw new Error(`zip: bad local header for ${name}`);
    const dataStart = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + compressed);
    const data = method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw;
    if (data.length !== size) throw new Error(`zip: ${name} is ${data.length} bytes, directory says ${size}`);
    if (crc32(data) >>> 0 !== crc) throw new Error(`zip: CRC mismatch in ${name}`);
    // the data descriptor after the bytes repeats crc and sizes
    const dd = dataStart + compressed;
    if (v.getUint32(dd, true) !== 0x08074b50 || v.getUint32(dd + 4, true) !== crc) throw new Error(`zip: bad data descriptor for ${name}`);
    out.set(name, new TextDecoder().decode(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const unescapeXml = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/** The cells of an XLSX sheet (inline strings and numbers), row by row, keyed by column letter. */
export function sheetRows(sheetXml: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const row of sheetXml.matchAll(/<row r="(\d+)">([\s\S]*?)<\/row>/g)) {
    const cells: Record<string, string> = {};
    for (const c of row[2]!.matchAll(/<c r="([A-Z]+)\d+"[^>]*>(?:<is><t[^>]*>([\s\S]*?)<\/t><\/is>|<v>([^<]*)<\/v>)<\/c>/g)) {
      cells[c[1]!] = unescapeXml(c[2] ?? c[3] ?? "");
    }
    rows[Number(row[1]) - 1] = cells;
  }
  return rows;
}

/** Reads a response body chunk by chunk: the chunks, and when each arrived. */
export async function readChunks(res: Response) {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return chunks;
}

export { concatBytes as concat } from "../../src/lib/bytes";
