/**
 * Enrollment records: a KPJ is one person's (within an event, and across events when the NIKs differ), nobody under
 * the BPU minimum age is recorded, and the programme file gives the birth date inside the NIK when only a NIK was given.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, count, makeEvent, makeStaff, postForm, validSignup } from "../helpers";
import { parseCsv } from "../leads/fixtures";
import { allocate, dayFromToday, makeProgramme } from "./fixtures";

let staff: { id: number; token: string };
let n = 0;
async function signup(event: string, extra: Record<string, string> = {}) {
  const phone = `08180000${String(++n).padStart(4, "0")}`;
  codeFrom(await postForm(`/e/${event}`, validSignup({ phone, name: `Pekerja ${n}`, ...extra })));
  return (await env.DB.prepare("select id from registrations where phone = ?").bind(`+62${phone.slice(1)}`).first<number>("id"))!;
}
const enrol = (id: number, kpj: string, enrolledOn = dayFromToday(0)) =>
  call(`/api/v1/leads/${id}/enrollment`, { method: "PUT", token: staff.token, json: { kpj, coverage: "jkk_jkm", income_base: 1000000, enrolled_on: enrolledOn } });

beforeAll(async () => {
  await makeEvent("rec-a");
  await makeEvent("rec-b");
  staff = await makeStaff("enrollment", ["rec-a", "rec-b"]);
});

describe("one KPJ, one person", () => {
  it("refuses (409 naming kpj) a KPJ recorded for another registration of the event, and writes nothing", async () => {
    const first = await signup("rec-a", { birth_date: "1990-05-17" });
    const second = await signup("rec-a", { birth_date: "1991-06-18" });
    expect((await enrol(first, "26015550001")).status).toBe(200);
    const refused = await enrol(second, "2601-5550-001");
    expect(refused.status).toBe(409);
    expect((await refused.json<{ errors: Record<string, string> }>()).errors.kpj).toBe("Nomor KPJ ini sudah tercatat untuk orang lain. Periksa lagi nomor pada kartu peserta.");
    expect(await count("enrollments", "registration_id = ?", second)).toBe(0);
    expect(await env.DB.prepare("select followup_status, kpj_hash from registrations where id = ?").bind(second).first()).toEqual({ followup_status: "new", kpj_hash: null });
    expect(await count("audit_log", "action = 'lead.enroll' and subject = ?", `registration:${second}`)).toBe(0);
    // the holder may correct their own record with the same KPJ
    expect((await enrol(first, "26015550001")).status).toBe(200);
  });

  it("across events: the same person (same NIK, or no NIK to tell) may have it at two fairs; a different NIK may not", async () => {
    const nik = "5371011705900001";
    const atA = await signup("rec-a", { nik });
    const sameAtB = await signup("rec-b", { nik });
    const otherAtB = await signup("rec-b", { nik: "5371011806910002" });
    const unknownAtB = await signup("rec-b", { birth_date: "1990-05-17" });
    expect((await enrol(atA, "26015550002")).status).toBe(200);
    expect((await enrol(sameAtB, "26015550002")).status).toBe(200);
    expect((await enrol(otherAtB, "26015550002")).status).toBe(409);
    // at rec-b the KPJ is now held by sameAtB: refused within the event whatever the NIK
    expect((await enrol(unknownAtB, "26015550002")).status).toBe(409);
  });

  it("lets two people record different KPJs at once but never the same one twice within an event", async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => signup("rec-a", { birth_date: `198${i}-01-15` })));
    const answers = await Promise.all(ids.map((id) => enrol(id, "26015550003")));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
  });
});

describe("the BPU minimum age", () => {
  it("refuses a record for a 16-year-old (422 naming enrolled_on), and takes an adult", async () => {
    const year = Number(dayFromToday(0).slice(0, 4));
    const child = await signup("rec-a", { birth_date: `${year - 16}-01-15`, guardian_name: "Ibu Wali", guardian_consent: "yes" });
    const refused = await enrol(child, "26015550010");
    expect(refused.status).toBe(422);
    expect((await refused.json<{ errors: Record<string, string> }>()).errors.enrolled_on).toBe("Pekerja belum mencapai umur minimal peserta BPU (18 tahun).");
    expect(await count("enrollments", "registration_id = ?", child)).toBe(0);
    // the age from the NIK when no birth date was given: a man born 17 May 1990
    expect((await enrol(await signup("rec-a", { nik: "5371011705900003" }), "26015550011")).status).toBe(200);
  });
});

describe("the programme file", () => {
  it("gives the birth date inside the NIK, with the full NIK, when the worker gave only a NIK", async () => {
    const p = await makeProgramme("rec-a", { quota: 5 });
    const id = await signup("rec-a", { nik: "5371015705900004", bpjs_status: "none" }); // a woman born 17 May 1990 (day + 40)
    expect((await allocate(id, p.id, staff.token)).status).toBe(201);
    const rows = async (q: string) => parseCsv(new Uint8Array(await (await call(`/api/v1/programmes/${p.id}/workers.csv${q}`, { token: staff.token })).arrayBuffer())).rows;
    expect((await rows("?include=nik"))[0]).toMatchObject({ nik: "5371015705900004", birth_date: "1990-05-17" });
    expect((await rows(""))[0]).toMatchObject({ nik: "5371********0004", birth_date: "" });
  });
});

describe("Data saya", () => {
  it("shows the person their place and their enrollment record (page and download), the KPJ masked", async () => {
    const p = await makeProgramme("rec-a", { quota: 5, name: "Program Kota", sponsor: "Pemerintah Kota Kupang", months: 3 });
    const phone = "081899990001";
    const code = codeFrom(await postForm("/e/rec-a", validSignup({ phone, name: "Yuliana Bana", birth_date: "1990-05-17", bpjs_status: "none" })));
    const id = (await env.DB.prepare("select id from registrations where phone = ?").bind("+6281899990001").first<number>("id"))!;
    expect((await allocate(id, p.id, staff.token)).status).toBe(201);
    const beforeEnrol = await (await call(`/t/${code}/me`, { token: null })).text();
    expect(beforeEnrol).toContain("Tempat di program iuran ditanggung");
    expect(beforeEnrol).toContain("Program Kota, dibayar Pemerintah Kota Kupang selama 3 bulan");
    expect(beforeEnrol).not.toContain("Kepesertaan BPJS Ketenagakerjaan</");
    expect((await enrol(id, "26015550099", "2026-06-01")).status).toBe(200);
    const page = await (await call(`/t/${code}/me`, { token: null })).text();
    expect(page).toContain("JKK + JKM, golongan penghasilan Rp 1.000.000, terdaftar 2026-06-01, iuran awal dibayar Pemerintah Kota Kupang");
    expect(page).toContain("*******0099");
    expect(page).not.toContain("26015550099");
    const json = await (await call(`/t/${code}/me.json`, { token: null })).json<Record<string, unknown>>();
    expect(json.programme_place).toMatchObject({ programme: "Program Kota", sponsor: "Pemerintah Kota Kupang", funder: "apbd", months_sponsored: 3 });
    expect(json.enrollment).toEqual({ coverage: "jkk_jkm", income_base: 1000000, enrolled_on: "2026-06-01", sponsor: "Pemerintah Kota Kupang", kpj_masked: "*******0099" });
    expect(JSON.stringify(json)).not.toContain("26015550099");
  });
});
