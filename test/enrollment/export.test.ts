/**
 * Enrolled, provably, and the programme file: the KPJ validated, sealed and masked; the file parsed back with
 * independent readers, NIK and KPJ masked or full by role, and the sponsor's cost equal to a calculation by hand.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { decrypt } from "../../src/lib/crypto";
import { call, codeFrom, count, formBody, makeEvent, makeStaff, ORIGIN, postForm, validSignup } from "../helpers";
import { parseCsv, sheetRows, unzip } from "../leads/fixtures";
import { allocate, dayFromToday, makeProgramme, type ProgrammeAnswer } from "./fixtures";

const EV = "prog-ev";
let enrol: { id: number; token: string };
let organiser: { id: number; token: string };
let apbd: ProgrammeAnswer;
let csr: ProgrammeAnswer;
const ids: Record<string, number> = {};
const codes: Record<string, string> = {};

const person = {
  ana: { name: "Ana Maria Bili", phone: "081600000001", nik: "5371014501900001", birth_date: "1990-01-05", email: "ana@example.com" },
  beni: { name: "Beni Tefa", phone: "081600000002", nik: "5371010502880003", birth_date: "1988-02-05" },
  cici: { name: "Cici Ndun", phone: "081600000003", nik: "5371015003920004", birth_date: "1992-03-10" },
  dedi: { name: "Dedi Lay", phone: "081600000004", nik: "5371011504950005", birth_date: "1995-04-15" },
  eli: { name: "Eli Manafe", phone: "081600000005", nik: "5371016005930006", birth_date: "1993-05-20" },
} as const;

const enrollment = (id: number, json: Record<string, unknown>, token = enrol.token) => call(`/api/v1/leads/${id}/enrollment`, { method: "PUT", json, token });
const file = (path: string, token?: string) => call(`/api/v1/programmes${path}`, { token });

beforeAll(async () => {
  await makeEvent(EV);
  enrol = await makeStaff("enrollment", [EV]);
  organiser = await makeStaff("organiser", [EV]);
  apbd = await makeProgramme(EV, { quota: 10, target: 4, months: 3 });
  csr = await makeProgramme(EV, { name: "CSR Bank NTT", sponsor: "Bank NTT", funder: "csr", covers: "jkk_jkm_jht", months: 3, quota: 5, starts_on: "2026-11-01" });
  for (const [key, p] of Object.entries(person)) {
    codes[key] = codeFrom(await postForm(`/e/${EV}`, validSignup({ ...p, bpjs_status: "none" })));
    ids[key] = (await env.DB.prepare("select id from registrations where phone = ?").bind(`+62${p.phone.slice(1)}`).first<number>("id"))!;
  }
  for (const k of ["ana", "beni", "cici", "dedi"]) expect((await allocate(ids[k]!, apbd.id, enrol.token)).status).toBe(201);
  expect((await allocate(ids.eli!, csr.id, enrol.token)).status).toBe(201);
});

describe("PUT /leads/{id}/enrollment", () => {
  it("validates the KPJ, the income band and the day, and changes nothing when refused", async () => {
    const good = { kpj: "26012345671", coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0) };
    const errorsOf = async (json: Record<string, unknown>) => {
      const res = await enrollment(ids.ana!, json);
      expect(res.status).toBe(422);
      return (await res.json<{ errors: Record<string, string> }>()).errors;
    };
    expect((await errorsOf({ ...good, kpj: "1234" })).kpj).toContain("11 karakter");
    expect((await errorsOf({ ...good, kpj: "ABCDEFGHIJK" })).kpj).toContain("11 karakter");
    expect((await errorsOf({ ...good, income_base: 1100000 })).income_base).toBe("Pilih salah satu golongan penghasilan yang berlaku pada tanggal itu.");
    expect((await errorsOf({ ...good, enrolled_on: dayFromToday(2) })).enrolled_on).toBe("Tanggal terdaftar tidak boleh setelah hari ini.");
    expect((await errorsOf({ ...good, coverage: "jp" })).coverage).toBeDefined();
    expect(await count("enrollments", "registration_id = ?", ids.ana)).toBe(0);
    expect(await env.DB.prepare("select followup_status from registrations where id = ?").bind(ids.ana).first("followup_status")).toBe("new");
  });

  it("records the KPJ sealed (decrypts with DATA_KEY), shows it masked, names the sponsor, and sets the status", async () => {
    const res = await enrollment(ids.ana!, { kpj: "2601-2345-671", coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0) });
    expect(res.status).toBe(200);
    const body = await res.json<{ enrollment: Record<string, unknown>; allocation: ProgrammeAnswer }>();
    expect(body.enrollment).toEqual({ kpj_masked: "*******5671", coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0), programme: { id: apbd.id, name: "Perlindungan Pekerja Kreatif Kota Kupang", sponsor: "Pemerintah Kota Kupang" } });
    expect(body.allocation).toMatchObject({ id: apbd.id, allocated: 4, enrolled: 1, remaining: 6, progress: 0.25 });
    const row = (await env.DB.prepare("select kpj_cipher, kpj_masked, followup_status from registrations where id = ?").bind(ids.ana).first<Record<string, string>>())!;
    expect(await decrypt(env.DATA_KEY!, row.kpj_cipher!)).toBe("26012345671");
    expect(row).toMatchObject({ kpj_masked: "*******5671", followup_status: "enrolled" });
    // the plain KPJ is nowhere in the database, the audit log included
    const tables = await env.DB.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%'").all<{ name: string }>();
    const dump = (await Promise.all(tables.results.map(async ({ name }) => JSON.stringify((await env.DB.prepare(`select * from "${name}"`).all()).results)))).join();
    expect(dump).not.toContain("26012345671");
    const audit = await env.DB.prepare("select detail from audit_log where action = 'lead.enroll' and subject = ?").bind(`registration:${ids.ana}`).first<string>("detail");
    expect(JSON.parse(audit!)).toEqual({ coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0) });
    const history = await env.DB.prepare("select status from lead_history where registration_id = ?").bind(ids.ana).all();
    expect(history.results).toEqual([{ status: "enrolled" }]);
  });

  it("is refused for a lead who withdrew the contact opt-in, and out of the caller's scope", async () => {
    await makeEvent("prog-other");
    const outsider = await makeStaff("enrollment", ["prog-other"]);
    expect((await enrollment(ids.beni!, { kpj: "26012345672", coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0) }, outsider.token)).status).toBe(403);
  });
});

type Parsed = Record<string, string>;

describe("the programme file", () => {
  beforeAll(async () => {
    // Beni enrolled with JHT at the 1.2 M band: the city pays JKK + JKM only
    expect((await enrollment(ids.beni!, { kpj: "26012345672", coverage: "jkk_jkm_jht", income_base: 1200000, enrolled_on: dayFromToday(0) })).status).toBe(200);
    // Eli enrolled on 20 November 2026 with the company paying JKK, JKM and JHT
    expect((await enrollment(ids.eli!, { kpj: "26012345675", coverage: "jkk_jkm_jht", income_base: 1000000, enrolled_on: "2026-11-20" })).status).toBe(200);
    // Dedi holds a place but withdraws the contact opt-in on his ticket page
    const withdrawn = await call(`/t/${codes.dedi}/me/contact`, { token: null, method: "POST", body: formBody({}), headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
    expect(withdrawn.status).toBe(303);
  });

  it("lists the workers with what BPJS registration needs, NIK, birth date and KPJ in full for enrollment staff who ask", async () => {
    const res = await file(`/${apbd.id}/workers.csv?include=nik`, enrol.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="programme-${apbd.id}-\\d{8}-\\d{4}\\.csv"$`));
    const { fields, rows } = parseCsv(new Uint8Array(await res.arrayBuffer()));
    expect(fields).toEqual([
      "registration_id", "nik", "name", "birth_date", "phone", "email", "regency_code", "regency_name", "occupation", "occupation_name",
      "programmes", "income_base", "months_sponsored", "sponsor", "status", "kpj", "enrolled_on", "allocated_at", "sponsor_cost",
    ]);
    const by = (name: string) => rows.find((r) => r.name === name) as Parsed;
    // phones as Indonesians write them: a CSV cell starting with + would need an apostrophe (lib/csv.ts)
    expect(by("Ana Maria Bili")).toMatchObject({
      nik: "5371014501900001", birth_date: "1990-01-05", phone: "0816-0000-0001", email: "ana@example.com", regency_code: "53.71",
      regency_name: "Kota Kupang", occupation: "kriya", programmes: "JKK+JKM", income_base: "1000000", months_sponsored: "3",
      sponsor: "Pemerintah Kota Kupang", status: "enrolled", kpj: "26012345671", enrolled_on: dayFromToday(0),
    });
    expect(by("Beni Tefa")).toMatchObject({ programmes: "JKK+JKM", income_base: "1200000", status: "enrolled", kpj: "26012345672" });
    expect(by("Cici Ndun")).toMatchObject({ status: "allocated", kpj: "", income_base: "", nik: "5371015003920004" });
    // Dedi withdrew: his row stays for the sponsor's count, with no personal data
    const dedi = rows.find((r) => r.registration_id === String(ids.dedi)) as Parsed;
    expect(dedi).toMatchObject({ status: "withdrawn", name: "", nik: "", phone: "", birth_date: "", email: "", sponsor_cost: "" });
    expect(rows).toHaveLength(4);
    const audit = await env.DB.prepare("select actor, detail from audit_log where action = 'programme.export' order by id desc limit 1").first<{ actor: string; detail: string }>();
    expect(audit!.actor).toBe(`staff:${enrol.id}`);
    expect(JSON.parse(audit!.detail)).toEqual({ format: "csv", part: "workers", nik: "full", rows: 4, state: "complete" });
  });

  it("masks the NIK and KPJ and leaves out the birth date for a role that may not see NIKs, even when it asks", async () => {
    const { rows } = parseCsv(new Uint8Array(await (await file(`/${apbd.id}/workers.csv?include=nik`, organiser.token)).arrayBuffer()));
    const ana = rows.find((r) => r.name === "Ana Maria Bili") as Parsed;
    expect(ana).toMatchObject({ nik: "5371********0001", kpj: "*******5671", birth_date: "" });
    expect(rows.map((r) => r.nik).join()).not.toMatch(/\d{16}/);
    const audit = await env.DB.prepare("select detail from audit_log where action = 'programme.export' order by id desc limit 1").first<string>("detail");
    expect(JSON.parse(audit!)).toMatchObject({ nik: "masked", rows: 4 });
    // without asking, enrollment staff get them masked too
    const plain = parseCsv(new Uint8Array(await (await file(`/${apbd.id}/workers.csv`, enrol.token)).arrayBuffer()));
    expect((plain.rows.find((r) => r.name === "Ana Maria Bili") as Parsed).nik).toBe("5371********0001");
  });

  it("costs the sponsor exactly months × the monthly contribution of the rates table (an APBD budget: no discount)", async () => {
    // by hand: JKK 1% of the band, JKM Rp 6,800, no reduction where APBD pays; the city pays JKK + JKM for 3 months
    const month = (band: number) => band / 100 + 6_800;
    const ana = 3 * month(1_000_000);
    const beni = 3 * month(1_200_000);
    const estimate = 3 * month(1_000_000);
    const bytes = new Uint8Array(await (await file(`/${apbd.id}/workers.xlsx?include=nik`, enrol.token)).arrayBuffer());
    const files = unzip(bytes);
    const sheet = sheetRows(files.get("xl/worksheets/sheet1.xml")!);
    const header = Object.fromEntries(Object.entries(sheet[0]!).map(([col, name]) => [name, col]));
    const cost = (name: string) => Number(sheet.find((r) => r[header.name!] === name)![header.sponsor_cost!]);
    expect([cost("Ana Maria Bili"), cost("Beni Tefa"), cost("Cici Ndun")]).toEqual([ana, beni, estimate]);
    expect(files.get("xl/workbook.xml")).toContain('<sheet name="Pekerja" sheetId="1" r:id="rId1"/><sheet name="Ringkasan" sheetId="2" r:id="rId2"/>');
    const summary = Object.fromEntries(sheetRows(files.get("xl/worksheets/sheet2.xml")!).slice(1).map((r) => [r.A, r.B]));
    expect(summary).toMatchObject({
      programme: "Perlindungan Pekerja Kreatif Kota Kupang",
      funder: "apbd",
      months: "3",
      quota: "10",
      allocated: "4",
      enrolled: "2",
      remaining: "6",
      target: "4",
      withdrawn: "1",
      monthly_contribution: String(month(1_000_000)),
      cost_enrolled: String(ana + beni),
      // Cici only: Dedi withdrew, so his place is no cost the sponsor will pay
      cost_enrolled_unknown: "0",
      cost_allocated_estimate: String(estimate),
      cost_allocated_unknown: "0",
      cost_total: String(ana + beni + estimate),
      cost_full_quota_estimate: String(10 * 3 * month(1_000_000)),
    });
    // the same summary as CSV
    const csv = parseCsv(new Uint8Array(await (await file(`/${apbd.id}/summary.csv`, enrol.token)).arrayBuffer()));
    expect(csv.fields).toEqual(["item", "value", "meaning"]);
    expect(Object.fromEntries(csv.rows.map((r) => [r.item, r.value]))).toMatchObject({ cost_enrolled: String(ana + beni), enrolled: "2" });
  });

  it("costs a company month by month, with the PP 50/2025 reduction while it lasts (JKK and JKM halved to December 2026)", async () => {
    const { rows } = parseCsv(new Uint8Array(await (await file(`/${csr.id}/workers.csv`, enrol.token)).arrayBuffer()));
    // November and December 2026 reduced, January 2027 full; JHT never reduced
    const reduced = 10_000 / 2 + 6_800 / 2 + 20_000;
    const full = 10_000 + 6_800 + 20_000;
    expect(rows[0]).toMatchObject({ name: "Eli Manafe", programmes: "JKK+JKM+JHT", status: "enrolled", sponsor_cost: String(2 * reduced + full) });
  });

  it("is for enrollment staff, organisers and admins of the programme's event only", async () => {
    const outsider = await makeStaff("enrollment", ["prog-other"]);
    expect((await file(`/${apbd.id}/workers.csv`, outsider.token)).status).toBe(403);
    expect((await file(`/${apbd.id}/workers.csv`, (await makeStaff("checkin", [EV])).token)).status).toBe(403);
    expect((await file(`/999999/workers.csv`, enrol.token)).status).toBe(404);
    expect((await file(`/${apbd.id}/workers.csv`, null as unknown as string)).status).toBe(401);
  });
});
