import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { localPhone } from "../../src/lib/phone";
import { call, codeFrom, experienceQuestion, makeBooth, makeEvent, makeStaff, postForm, validSignup } from "../helpers";
import { addCheckins, addVisit, concat, insertLead, parseCsv, readChunks, sheetRows, T0, unzip } from "./fixtures";

const EV = "lx-exp";
const HOUR = 3600_000;
let eventId: number;
const booth: Record<string, number> = {};
const ids: Record<string, number> = {};
let enrollment: { id: number; token: string };
let organiser: { id: number; token: string };

beforeAll(async () => {
  eventId = (
    await makeEvent(EV, {
      questions: [
        experienceQuestion(false),
      ],
    })
  ).id;
  for (const [code, name] of [["bpjs", "BPJS Ketenagakerjaan"], ["tenun", "Tenun Ikat Ina"], ["kopi", "Kopi Flores"]] as const) {
    booth[code] = (await makeBooth(EV, code, name)).id;
  }
  enrollment = await makeStaff("enrollment", [EV]);
  organiser = await makeStaff("organiser", [EV]);

  // a real signup: the NIK is encrypted by the signup itself
  codeFrom(await postForm(`/e/${EV}/bpjs`, validSignup({ phone: "081300000001", name: "Maria Bili", nik: "5371014501900001", birth_date: "1990-01-05", email: "maria@example.com", experience: "gt1" })));
  ids.maria = (await env.DB.prepare("select id from registrations where phone = ?").bind("+6281300000001").first<{ id: number }>())!.id;
  await env.DB.prepare("update registrations set created_at = ?, consent_at = ?, contact_consent_at = ? where id = ?").bind(T0, T0, T0, ids.maria).run();

  ids.yohanes = await insertLead(eventId, {
    name: "Yohanes Tefa", phone: "+6281300000002", regency: "53.01", occupation: "musik", interests: ["jht"],
    firstBoothId: booth.tenun, createdAt: T0 + HOUR, status: "contacted", lastNote: "Minta ditelepon lagi Senin",
  });
  await addVisit(ids.yohanes, booth.tenun!);
  await addVisit(ids.yohanes, booth.kopi!, T0 + 2 * HOUR);
  await addCheckins(ids.yohanes, eventId, [{ direction: "in" }, { direction: "out" }]);

  ids.noContact = await insertLead(eventId, { name: "Tanpa Izin", phone: "+6281300000003", contact: false, createdAt: T0 + 2 * HOUR, firstBoothId: booth.tenun });
  ids.erased = await insertLead(eventId, { phone: "+6281300000004", erased: true, createdAt: T0 + 3 * HOUR });

  ids.formula = await insertLead(eventId, {
    name: '=HYPERLINK("http://evil.example","klik")', phone: "+6281300000005", email: "@evil.example",
    occupation: "other", occupationOther: "-2+3", lastNote: "\tcmd", createdAt: T0 + 4 * HOUR, regency: "other", interests: ["jkm"],
  });
  ids.quoted = await insertLead(eventId, {
    name: 'Ná Lélo, "Ina" Ndun', phone: "+6281300000006", lastNote: "baris satu\r\nbaris dua, \"kutip\"", createdAt: T0 + 25 * HOUR,
    status: "enrolled", answers: { experience: "lt1" }, assigneeId: enrollment.id, lang: "en",
  });
  await addCheckins(ids.quoted, eventId, [{ direction: "in", undone: true }]);
  ids.kopiOnly = await insertLead(eventId, { name: "Sisilia Kopong", phone: "+6281300000007", createdAt: T0 + 26 * HOUR, status: "unreachable", occupation: "kuliner", interests: [] });
  await addVisit(ids.kopiOnly, booth.kopi!, T0 + 26 * HOUR);
});

const csv = async (query = "", token?: string) => {
  const res = await call(`/api/v1/events/${EV}/leads.csv${query}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return parseCsv(new Uint8Array(await res.arrayBuffer()));
};
const idsOf = (rows: Record<string, string>[]) => rows.map((r) => Number(r.registration_id));
const CONSENTED = () => [ids.maria, ids.yohanes, ids.formula, ids.quoted, ids.kopiOnly];

describe("GET /events/{slug}/leads.csv", () => {
  it("exports every lead with the contact opt-in once, in registration order, and never one without it or erased", async () => {
    const res = await call(`/api/v1/events/${EV}/leads.csv`);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="leads-${EV}-\\d{8}-\\d{4}\\.csv"$`));
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const { rows, text } = parseCsv(new Uint8Array(await res.arrayBuffer()));
    expect(text).toMatch(/^registration_id,.*\r\n/);
    expect(text.endsWith("\r\n")).toBe(true);
    // line ends are CRLF, except the one quoted inside a note
    expect(text.replace(/"[^"]*(?:""[^"]*)*"/g, "").match(/[^\r]\n/g)).toBeNull();
    expect(idsOf(rows)).toEqual(CONSENTED());
    expect(text).not.toContain("Tanpa Izin");
    expect(text).not.toContain("6281300000003");
    expect(text).not.toContain("6281300000004");
  });

  it("has the promised columns, and parsed back with papaparse equals the data", async () => {
    const { fields, rows } = await csv();
    expect(fields).toEqual([
      "registration_id", "registered_at", "name", "phone", "whatsapp_url", "email", "nik", "birth_date", "regency_code", "regency_name",
      "occupation", "occupation_name", "interests", "bpjs_status", "first_booth", "booths_visited", "checked_in", "followup_status",
      "assignee", "last_note", "consent_at", "contact_consent_at", "notice_version", "lang", "answer_experience",
    ]);
    const byId = new Map(rows.map((r) => [Number(r.registration_id), r]));
    expect(byId.get(ids.maria!)).toEqual({
      registration_id: String(ids.maria), registered_at: "2026-12-05T09:00:00+08:00", name: "Maria Bili", phone: "0813-0000-0001",
      whatsapp_url: "https://wa.me/6281300000001", email: "maria@example.com", nik: "5371********0001", birth_date: "",
      regency_code: "53.71", regency_name: "Kota Kupang", occupation: "kriya", occupation_name: "Kriya (kerajinan, tenun)",
      interests: "JKK; JKM", bpjs_status: "none", first_booth: "BPJS Ketenagakerjaan", booths_visited: "BPJS Ketenagakerjaan",
      checked_in: "no", followup_status: "new", assignee: "", last_note: "", consent_at: "2026-12-05T09:00:00+08:00",
      contact_consent_at: "2026-12-05T09:00:00+08:00", notice_version: "1", lang: "id", answer_experience: "gt1",
    });
    expect(byId.get(ids.yohanes!)).toMatchObject({
      registered_at: "2026-12-05T10:00:00+08:00", regency_name: "Kabupaten Kupang", occupation_name: "Musik", interests: "JHT",
      first_booth: "Tenun Ikat Ina", booths_visited: "Tenun Ikat Ina; Kopi Flores", checked_in: "yes", followup_status: "contacted",
      last_note: "Minta ditelepon lagi Senin", answer_experience: "",
    });
    expect(byId.get(ids.quoted!)).toMatchObject({
      name: 'Ná Lélo, "Ina" Ndun', last_note: 'baris satu\r\nbaris dua, "kutip"', checked_in: "no", followup_status: "enrolled",
      assignee: "enrollment person", answer_experience: "lt1", lang: "en", registered_at: "2026-12-06T10:00:00+08:00",
    });
    expect(byId.get(ids.kopiOnly!)).toMatchObject({ interests: "", first_booth: "", booths_visited: "Kopi Flores" });
  });

  it("neutralises every cell a spreadsheet would run as a formula", async () => {
    const { rows } = await csv();
    const row = rows.find((r) => Number(r.registration_id) === ids.formula)!;
    expect(row.name).toBe(`'=HYPERLINK("http://evil.example","klik")`);
    expect(row.email).toBe("'@evil.example");
    expect(row.occupation_name).toBe("Lainnya: -2+3");
    expect(row.last_note).toBe("'\tcmd");
    expect(row.regency_name).toBe("Luar NTT");
    for (const r of rows) for (const [k, v] of Object.entries(r)) expect(v, k).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("filters by booth (signed up at or visited), time, status, regency, occupation, interest, assignee and text", async () => {
    const cases: [string, number[]][] = [
      ["?booth=tenun", [ids.yohanes!]],
      ["?booth=kopi", [ids.yohanes!, ids.kopiOnly!]],
      ["?booth=bpjs", [ids.maria!]],
      [`?since=${encodeURIComponent("2026-12-05T10:00:00+08:00")}`, [ids.yohanes!, ids.formula!, ids.quoted!, ids.kopiOnly!]],
      [`?until=${encodeURIComponent("2026-12-05T10:00:00+08:00")}`, [ids.maria!]],
      [`?since=${encodeURIComponent("2026-12-06T00:00:00+08:00")}&until=${encodeURIComponent("2026-12-06T10:30:00+08:00")}`, [ids.quoted!]],
      [`?since=${encodeURIComponent("2026-12-05T02:00:00Z")}`, [ids.yohanes!, ids.formula!, ids.quoted!, ids.kopiOnly!]],
      ["?status=contacted", [ids.yohanes!]],
      ["?status=declined", []],
      ["?regency=53.01", [ids.yohanes!]],
      ["?regency=other", [ids.formula!]],
      ["?occupation=kuliner", [ids.kopiOnly!]],
      ["?interest=jkm", [ids.maria!, ids.formula!, ids.quoted!]],
      ["?interest=jht", [ids.yohanes!]],
      [`?assignee=${enrollment.id}`, [ids.quoted!]],
      ["?assignee=none", [ids.maria!, ids.yohanes!, ids.formula!, ids.kopiOnly!]],
      ["?q=sisilia", [ids.kopiOnly!]],
      ["?q=0813-0000-0002", [ids.yohanes!]],
      ["?q=Tanpa", []],
      ["?status=new&interest=jkk", [ids.maria!]],
    ];
    for (const [query, expected] of cases) expect(idsOf((await csv(query)).rows), query).toEqual(expected);
    // "me" is whoever asks
    expect(idsOf((await csv("?assignee=me", enrollment.token)).rows)).toEqual([ids.quoted]);
    expect(idsOf((await csv("?assignee=me", organiser.token)).rows)).toEqual([]);
  });

  it("answers bad filters with 422 problem+json naming the field, before any byte of the file", async () => {
    for (const [query, field] of [
      ["?status=maybe", "status"],
      ["?since=2026-12-05", "since"],
      ["?since=2026-12-05T09:00:00", "since"],
      [`?since=${encodeURIComponent("2026-12-06T00:00:00+08:00")}&until=${encodeURIComponent("2026-12-05T00:00:00+08:00")}`, "until"],
      ["?regency=99.99", "regency"],
      ["?interest=jp", "interest"],
      ["?booth=nope", "booth"],
      ["?include=everything", "include"],
      ["?assignee=someone", "assignee"],
    ] as const) {
      const res = await call(`/api/v1/events/${EV}/leads.csv${query}`);
      expect(res.status, query).toBe(422);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
      expect(Object.keys((await res.json<{ errors: Record<string, string> }>()).errors), query).toContain(field);
    }
  });

  it("masks the NIK unless include=nik is asked by a role allowed to see it", async () => {
    const nikOf = async (query: string, token?: string) => {
      const row = (await csv(query, token)).rows.find((r) => Number(r.registration_id) === ids.maria)!;
      return { nik: row.nik, birth: row.birth_date };
    };
    expect(await nikOf("", enrollment.token)).toEqual({ nik: "5371********0001", birth: "" });
    expect(await nikOf("?include=nik", organiser.token)).toEqual({ nik: "5371********0001", birth: "" });
    expect(await nikOf("?include=nik", enrollment.token)).toEqual({ nik: "5371014501900001", birth: "1990-01-05" });
    expect(await nikOf("?include=nik")).toEqual({ nik: "5371014501900001", birth: "1990-01-05" });
  });

  it("writes one audit entry per export: who, which filter, how many rows, whether NIKs were in it", async () => {
    await env.DB.prepare("delete from audit_log where action = 'leads.export'").run();
    await csv("?status=new&q=maria&include=nik", enrollment.token);
    await csv("?include=nik", organiser.token);
    const entries = (
      await env.DB.prepare("select actor, actor_id, event_id, subject, detail, created_at as at from audit_log where action = 'leads.export' order by id").all<{
        actor: string; actor_id: number; event_id: number; subject: string; detail: string; at: number;
      }>()
    ).results;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actor: `staff:${enrollment.id}`, actor_id: enrollment.id, event_id: eventId, subject: `event:${EV}` });
    expect(JSON.parse(entries[0]!.detail)).toEqual({ format: "csv", filter: { status: "new", q: "(text)" }, nik: "full", rows: 1, state: "complete" });
    expect(JSON.parse(entries[1]!.detail)).toEqual({ format: "csv", filter: {}, nik: "masked", rows: 5, state: "complete" });
    expect(Math.abs(entries[0]!.at - Date.now())).toBeLessThan(60_000);
    // the name searched for is not in the audit log
    expect(entries[0]!.detail).not.toContain("maria");
  });

  it("refuses without a token (401), to the check-in role and to staff of other events (403), and unknown events (404)", async () => {
    await makeEvent("lx-other");
    const otherEnrollment = await makeStaff("enrollment", ["lx-other"]);
    const checkin = await makeStaff("checkin", [EV]);
    for (const format of ["csv", "xlsx"]) {
      const path = `/api/v1/events/${EV}/leads.${format}`;
      expect((await call(path, { token: null })).status).toBe(401);
      expect((await call(path, { token: checkin.token })).status).toBe(403);
      expect((await call(path, { token: otherEnrollment.token })).status).toBe(403);
      expect((await call(`/api/v1/events/nope-nope/leads.${format}`)).status).toBe(404);
    }
    expect(await env.DB.prepare("select count(*) n from audit_log where action = 'leads.export' and actor_id = ?").bind(otherEnrollment.id).first("n")).toBe(0);
  });
});

describe("GET /events/{slug}/leads.xlsx", () => {
  it("is a valid workbook holding the same rows as the CSV, text kept as text", async () => {
    const res = await call(`/api/v1/events/${EV}/leads.xlsx?include=nik`, { token: enrollment.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/filename="leads-lx-exp-\d{8}-\d{4}\.xlsx"/);
    const files = unzip(new Uint8Array(await res.arrayBuffer()));
    expect([...files.keys()].sort()).toEqual(
      ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"].sort(),
    );
    expect(files.get("xl/workbook.xml")).toContain("'Leads'!$A$1:$Y$6");
    const sheet = files.get("xl/worksheets/sheet1.xml")!;
    expect(sheet).toContain('<autoFilter ref="A1:Y6"/>');
    const rows = sheetRows(sheet);
    const { fields, rows: csvRows } = await csv("?include=nik", enrollment.token);
    const header = rows[0]!;
    expect(Object.values(header)).toEqual(fields);
    const letters = Object.keys(header);
    const asObjects = rows.slice(1).map((r) => Object.fromEntries(letters.map((l, i) => [fields[i]!, r[l] ?? ""])));
    // the CSV's neutralising quotes are not needed in XLSX, where text is never a formula
    const unquote = (r: Record<string, string>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.replace(/(^|[,;\t\r\n])'(?=[^\S\t\r\n]*"*[=+\-@\t\r＝＋－＠])/g, "$1")]));
    // and the phone is E.164 in the XLSX, written as Indonesians write it in the CSV
    const withoutPhone = ({ phone: _, ...r }: Record<string, string>) => r;
    expect(asObjects.map(withoutPhone)).toEqual(csvRows.map(unquote).map(withoutPhone));
    expect(asObjects.map((r) => (r.phone ? localPhone(r.phone) : ""))).toEqual(csvRows.map((r) => r.phone));
    expect(asObjects.find((r) => Number(r.registration_id) === ids.maria)!.nik).toBe("5371014501900001");
    expect(sheet).toContain('t="inlineStr"><is><t>=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)</t></is>');
    expect(sheet).not.toContain("<f>");
    const audit = await env.DB.prepare("select detail from audit_log where action = 'leads.export' and detail ->> 'format' = 'xlsx'").all<{ detail: string }>();
    expect(audit.results.map((a) => JSON.parse(a.detail))).toEqual([{ format: "xlsx", filter: {}, nik: "full", rows: 5, state: "complete" }]);
  });
});

describe("a 10,000-row export", () => {
  const BIG = "lx-big";
  let bigId: number;
  beforeAll(async () => {
    bigId = (await makeEvent(BIG)).id;
    // 10,000 leads (and 500 without the opt-in) in one statement, from a recursive CTE
    await env.DB.prepare(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < 10500)
       insert into registrations (event_id, name, search_name, phone, regency, occupation, bpjs_status, interests, consent_at, consent_purposes, notice_version, contact_consent_at, created_at)
       select ?1, 'Peserta ' || i, 'peserta ' || i, '+62812' || printf('%08d', i), '53.71', 'kriya', 'none', '["jkk"]', ?2 + i * 1000, '["event_registration"]', '1',
              case when i % 21 = 0 then null else ?2 + i * 1000 end, ?2 + i * 1000
       from n`,
    )
      .bind(bigId, T0)
      .run();
  });

  it("streams: the header leaves first, pages follow one by one, no chunk holds the whole file, and every lead is in it once", async () => {
    expect(await env.DB.prepare("select count(*) n from registrations where event_id = ? and contact_consent_at is not null").bind(bigId).first("n")).toBe(10_000);
    const res = await call(`/api/v1/events/${BIG}/leads.csv`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    const head = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(first.value);
    // the first chunk is the header alone: it left before any row was read
    expect(head).toMatch(/^\uFEFFregistration_id,registered_at,[^\n]*\r\n$/);
    const chunks = [first.value!];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    const total = chunks.reduce((n, c) => n + c.length, 0);
    // header + 5 pages of 2,000 rows: the body arrived in pieces, none of them the whole
    expect(chunks.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(total / 4);
    const { rows } = parseCsv(concat(chunks));
    expect(rows).toHaveLength(10_000);
    expect(new Set(rows.map((r) => r.registration_id)).size).toBe(10_000);
    expect(rows.some((r) => Number(r.name!.slice(8)) % 21 === 0)).toBe(false);
    expect(rows[0]!.name).toBe("Peserta 1");
    // 10,500 is a multiple of 21: without the opt-in
    expect(rows.at(-1)!.name).toBe("Peserta 10499");
    const audit = await env.DB.prepare("select detail from audit_log where action = 'leads.export' and event_id = ? order by id desc limit 1").bind(bigId).first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toMatchObject({ rows: 10_000, state: "complete" });
  });

  it("streams the XLSX the same way", async () => {
    const res = await call(`/api/v1/events/${BIG}/leads.xlsx`);
    const chunks = await readChunks(res);
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(chunks.length).toBeGreaterThan(6);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(total / 4);
    const sheet = unzip(concat(chunks)).get("xl/worksheets/sheet1.xml")!;
    expect(sheet.match(/<row /g)).toHaveLength(10_001);
  });

  it("records a cancelled download with the rows sent so far", async () => {
    const res = await call(`/api/v1/events/${BIG}/leads.csv?interest=jkk`);
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    let detail: Record<string, unknown> = {};
    for (let i = 0; i < 50; i++) {
      const row = await env.DB.prepare("select detail from audit_log where action = 'leads.export' and event_id = ? order by id desc limit 1").bind(bigId).first<{ detail: string }>();
      detail = JSON.parse(row!.detail);
      if (detail.state !== "started") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(detail).toMatchObject({ filter: { interest: "jkk" }, state: "cancelled" });
    expect(detail.rows).toBeGreaterThanOrEqual(2000);
    expect(detail.rows).toBeLessThan(10_000);
  });
});
