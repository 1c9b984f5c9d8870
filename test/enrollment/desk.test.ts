/** The enrollment desk's pages: places in programmes, the enrollment form, what cover costs, bulk places. No JavaScript. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, makeEvent, makeStaff, staffGet, staffPost, staffSession } from "../helpers";
import { insertLead } from "../leads/fixtures";
import { dayFromToday, makeProgramme, type ProgrammeAnswer } from "./fixtures";

const EV = "desk-ev";
let eventId: number;
let cookie: string;
let staff: { id: number; token: string };
let city: ProgrammeAnswer;
let small: ProgrammeAnswer;
const ids: Record<string, number> = {};

beforeAll(async () => {
  eventId = (await makeEvent(EV)).id;
  staff = await makeStaff("enrollment", [EV]);
  cookie = await staffSession(staff.token);
  city = await makeProgramme(EV, { quota: 100, eligible_regencies: ["53.71"] });
  small = await makeProgramme(EV, { name: "CSR Kecil", sponsor: "Toko Maju", funder: "csr", quota: 2 });
  const base = { birthDate: "1990-05-17", bpjsStatus: "none" };
  ids.maria = await insertLead(eventId, { ...base, name: "Maria Desk", phone: "+6281900000001" });
  ids.yosef = await insertLead(eventId, { ...base, name: "Yosef Desk", phone: "+6281900000002", regency: "53.05" });
  ids.muda = await insertLead(eventId, { ...base, name: "Muda Desk", phone: "+6281900000003", birthDate: `${new Date().getUTCFullYear() - 16}-01-15` });
  for (let i = 0; i < 5; i++) ids[`bulk${i}`] = await insertLead(eventId, { ...base, name: `Bulk ${i}`, phone: `+628190000010${i}`, occupation: "musik" });
});

const page = async (path: string) => {
  const res = await staffGet(path, cookie);
  expect(res.status).toBe(200);
  return res.text();
};

describe("a lead's place and enrollment on the lead's page", () => {
  it("gives a place, then says so; refuses an ineligible lead beside the field, with the page kept", async () => {
    const ok = await staffPost(`/staff/leads/${ids.maria}/allocation`, cookie, { programme_id: String(city.id) });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/staff/leads/${ids.maria}?done=allocated#programme`);
    const html = await page(`/staff/leads/${ids.maria}?done=allocated`);
    expect(html).toContain("Tempat diberikan.");
    expect(html).toContain("Mendapat tempat di Perlindungan Pekerja Kreatif Kota Kupang: Pemerintah Kota Kupang membayar iuran 3 bulan pertama.");
    const refused = await staffPost(`/staff/leads/${ids.yosef}/allocation`, cookie, { programme_id: String(city.id) });
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(again).toContain('<p class="err" id="programme_id-err">Domisili pekerja tidak termasuk wilayah program.</p>');
    expect(again).toContain('aria-invalid="true"');
    const young = await staffPost(`/staff/leads/${ids.muda}/allocation`, cookie, { programme_id: String(city.id) });
    expect(young.status).toBe(422);
    expect(await young.text()).toContain("Pekerja belum mencapai umur minimal peserta BPU (18 tahun).");
    const junk = await staffPost(`/staff/leads/${ids.yosef}/allocation`, cookie, { programme_id: "abc" });
    expect(junk.status).toBe(422);
  });

  it("shows what cover costs for the band chosen (a GET form), by the worker and by the sponsor", async () => {
    const html = await page(`/staff/leads/${ids.maria}?band=1200000&on=2026-06-01`);
    expect(html).toMatch(/<form method="get" action="\/staff\/leads\/\d+#iuran" class="band">/);
    expect(html).toContain('<option value="1200000" selected="">');
    // the worker pays the reduced rate in June 2026; the city (APBD) pays in full
    expect(html).toContain('data-due="9400" data-full="18800"');
    expect(html).toContain('data-due="18800" data-full="18800"');
    expect(html).toContain("Biaya Pemerintah Kota Kupang untuk 3 bulan: Rp 56.400.");
  });

  it("records the enrollment: a bad KPJ comes back beside its field (never echoed), a good one is shown masked", async () => {
    const bad = await staffPost(`/staff/leads/${ids.maria}/enrollment`, cookie, { kpj: "12345", coverage: "jkk_jkm", income_base: "1000000", enrolled_on: dayFromToday(0) });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="kpj-err"');
    expect(html).not.toContain("12345");
    const good = await staffPost(`/staff/leads/${ids.maria}/enrollment`, cookie, { kpj: "26019876543", coverage: "jkk_jkm_jht", income_base: "1000000", enrolled_on: dayFromToday(0) });
    expect(good.status).toBe(303);
    const after = await page(`/staff/leads/${ids.maria}?done=enrolled`);
    expect(after).toContain("Tercatat terdaftar BPJS.");
    expect(after).toContain("*******6543");
    expect(after).not.toContain("26019876543");
    expect(after).toContain("Perlindungan Pekerja Kreatif Kota Kupang (Pemerintah Kota Kupang)");
    const list = await page(`/staff/leads?event=${EV}&q=Maria`);
    expect(list).toContain("Program: Perlindungan Pekerja Kreatif Kota Kupang");
    expect(list).toContain("KPJ *******6543");
  });

  it("releases a place, and refuses while the worker is enrolled under it", async () => {
    const enrolled = await staffPost(`/staff/leads/${ids.maria}/allocation/release`, cookie, {});
    expect(enrolled.status).toBe(409);
    expect(await enrolled.text()).toContain("Pekerja ini tercatat terdaftar BPJS dengan program ini");
    const other = await insertLead(eventId, { name: "Lepas", phone: "+6281900000200", birthDate: "1990-01-01" });
    expect((await staffPost(`/staff/leads/${other}/allocation`, cookie, { programme_id: String(city.id) })).status).toBe(303);
    expect((await staffPost(`/staff/leads/${other}/allocation/release`, cookie, {})).status).toBe(303);
    expect(await count("allocations", "registration_id = ?", other)).toBe(0);
    expect(await count("audit_log", "action = 'allocation.release' and subject = ?", `registration:${other}`)).toBe(1);
  });

  it("refuses posts from another site", async () => {
    const forged = await call(`/staff/leads/${ids.yosef}/allocation`, {
      token: null,
      method: "POST",
      body: new URLSearchParams({ programme_id: String(small.id) }),
      headers: { cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(forged.status).toBe(403);
  });
});

describe("the list's programmes and bulk places", () => {
  it("shows each programme's places and files, and gives places to the matching leads up to the quota", async () => {
    const html = await page(`/staff/leads?event=${EV}`);
    expect(html).toMatch(new RegExp(`<tr data-programme="${small.id}"><td>CSR Kecil`));
    expect(html).toContain(`href="/api/v1/programmes/${small.id}/workers.xlsx?include=nik"`);
    const res = await staffPost("/staff/leads/allocations", cookie, { event: EV, occupation: "musik", programme_id: String(small.id) });
    expect(res.status).toBe(303);
    // five musicians match, two places: two get one, the database stops at the quota
    expect(res.headers.get("location")).toBe(`/staff/leads?event=${EV}&occupation=musik&bulk=2.0.0.1.0#programmes`);
    expect(await count("allocations", "programme_id = ?", small.id)).toBe(2);
    const after = await page(`/staff/leads?event=${EV}&occupation=musik&bulk=2.0.0.1.0`);
    expect(after).toContain("2 prospek mendapat tempat; 0 tidak memenuhi syarat; 0 sudah punya tempat; 0 sudah terdaftar BPJS. Kuota program sudah penuh.");
    expect(await env.DB.prepare("select count(*) as n from audit_log where action = 'allocation.create' and json_extract(detail, '$.programme_id') = ?").bind(small.id).first("n")).toBe(2);
  });
});
