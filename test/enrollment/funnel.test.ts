/**
 * The enrollment funnel equals the counts of a scripted fair: twelve people signing up at two booths (and none),
 * followed up, enrolled with and without a sponsor, one withdrawing, one erased.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, formBody, makeBooth, makeEvent, makeStaff, ORIGIN, postForm, staffGet, staffSession, validSignup } from "../helpers";
import { allocate, dayFromToday, makeProgramme, type ProgrammeAnswer } from "./fixtures";

const EV = "funnel-fair";
let enrol: { id: number; token: string };
let apbd: ProgrammeAnswer;
const ids: number[] = [];
const codes: string[] = [];

// #, booth, regency, field of work, contact opt-in
const SCRIPT: [string, string, string, boolean][] = [
  ["bpjs", "53.71", "kriya", true], //   1 enrolled, sponsored
  ["bpjs", "53.71", "kriya", true], //   2 enrolled, no sponsor
  ["bpjs", "53.71", "fesyen", true], //  3 contacted
  ["bpjs", "53.01", "kuliner", true], // 4 declined
  ["bpjs", "53.01", "kuliner", true], // 5 unreachable
  ["bpjs", "53.01", "kriya", true], //   6 new
  ["tenun", "53.71", "kriya", true], //  7 enrolled, sponsored
  ["tenun", "53.71", "fesyen", true], // 8 contacted, then withdraws the opt-in
  ["tenun", "53.05", "musik", false], // 9
  ["tenun", "53.05", "musik", false], // 10
  ["", "53.71", "kriya", true], //       11 new, then erased on request
  ["", "other", "kuliner", false], //    12
];

const patch = (i: number, status: string) => call(`/api/v1/leads/${ids[i - 1]}`, { method: "PATCH", json: { status }, token: enrol.token });
const enrollOf = (i: number) =>
  call(`/api/v1/leads/${ids[i - 1]}/enrollment`, { method: "PUT", token: enrol.token, json: { kpj: `2601234567${i % 10}`, coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0) } });

beforeAll(async () => {
  await makeEvent(EV);
  await makeBooth(EV, "bpjs", "BPJS Ketenagakerjaan");
  await makeBooth(EV, "tenun", "Tenun Ikat");
  enrol = await makeStaff("enrollment", [EV]);
  apbd = await makeProgramme(EV, { quota: 50, target: 10 });
  for (const [i, [booth, regency, occupation, contact]] of SCRIPT.entries()) {
    const phone = `08180000${String(i + 1).padStart(4, "0")}`;
    codes.push(codeFrom(await postForm(`/e/${EV}${booth ? `/${booth}` : ""}`, validSignup({ phone, regency, occupation, birth_date: "1991-06-01", contact_ok: contact ? "yes" : "" }))));
    ids.push((await env.DB.prepare("select id from registrations where phone = ?").bind(`+62${phone.slice(1)}`).first<number>("id"))!);
  }
  for (const i of [1, 7]) expect((await allocate(ids[i - 1]!, apbd.id, enrol.token)).status).toBe(201);
  for (const i of [1, 2, 7]) expect((await enrollOf(i)).status).toBe(200);
  for (const [i, s] of [[3, "contacted"], [4, "declined"], [5, "unreachable"], [8, "contacted"]] as const) expect((await patch(i, s)).status).toBe(200);
  const withdraw = await call(`/t/${codes[7]}/me/contact`, { token: null, method: "POST", body: formBody({}), headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
  expect(withdraw.status).toBe(303);
  expect((await call(`/api/v1/registrations/${ids[10]}`, { method: "DELETE" })).status).toBe(204);
});

const stage = (registered: number, agreed: number, contacted: number, enrolled: number, sponsored: number) => ({
  registered,
  agreed_to_contact: agreed,
  contacted,
  enrolled,
  enrolled_sponsored: sponsored,
});

describe("the funnel in GET /events/{slug}/stats", () => {
  let stats: Record<string, unknown> & {
    funnel: ReturnType<typeof stage> & { rates: Record<string, number | null> };
    funnel_by_booth: (ReturnType<typeof stage> & { code: string | null; name: string | null; rates: unknown })[];
    funnel_by_regency: (ReturnType<typeof stage> & { regency: string; rates: unknown })[];
    funnel_by_occupation: (ReturnType<typeof stage> & { occupation: string; rates: unknown })[];
    programmes: Record<string, unknown>[];
  };
  beforeAll(async () => {
    const res = await call(`/api/v1/events/${EV}/stats`);
    expect(res.status).toBe(200);
    stats = await res.json();
  });

  it("counts each stage as the script says, each inside the one before, with conversion rates", () => {
    // agreed: 1-8 (8 withdrew after being contacted; 11 was erased); contacted: 1, 2, 3, 4, 7, 8; enrolled 1, 2, 7; sponsored 1, 7
    expect(stats.funnel).toEqual({
      ...stage(12, 8, 6, 3, 2),
      rates: { agreed_to_contact: 0.6667, contacted: 0.75, enrolled: 0.5, enrolled_sponsored: 0.6667, overall: 0.25 },
    });
  });

  it("splits it by first booth, home regency and field of work", () => {
    const booths = Object.fromEntries(stats.funnel_by_booth.map(({ rates: _, name: __, code, ...r }) => [code ?? "none", r]));
    expect(booths).toEqual({ bpjs: stage(6, 6, 4, 2, 1), tenun: stage(4, 2, 2, 1, 1), none: stage(2, 0, 0, 0, 0) });
    const regencies = Object.fromEntries(stats.funnel_by_regency.map(({ rates: _, regency, ...r }) => [regency, r]));
    expect(regencies).toEqual({ "53.71": stage(6, 5, 5, 3, 2), "53.01": stage(3, 3, 1, 0, 0), "53.05": stage(2, 0, 0, 0, 0), other: stage(1, 0, 0, 0, 0) });
    const fields = Object.fromEntries(stats.funnel_by_occupation.map(({ rates: _, occupation, ...r }) => [occupation, r]));
    expect(fields).toEqual({ kriya: stage(5, 4, 3, 3, 2), fesyen: stage(2, 2, 2, 0, 0), kuliner: stage(3, 2, 1, 0, 0), musik: stage(2, 0, 0, 0, 0) });
  });

  it("agrees with the same counts written as plain SQL", async () => {
    const sql = await env.DB.prepare(
      `select count(*) as registered,
         sum((contact_consent_at is not null and erased_at is null) or followup_status <> 'new') as agreed,
         sum(followup_status in ('contacted','enrolled','declined')) as contacted,
         sum(followup_status = 'enrolled') as enrolled,
         (select count(*) from enrollments e join registrations r2 on r2.id = e.registration_id where r2.event_id = r.event_id and e.programme_id is not null and r2.followup_status = 'enrolled') as sponsored
       from registrations r where event_id = (select id from events where slug = ?)`,
    )
      .bind(EV)
      .first();
    expect(sql).toEqual({ registered: 12, agreed: 8, contacted: 6, enrolled: 3, sponsored: 2 });
  });

  it("shows each programme's places and progress to its target", () => {
    expect(stats.programmes).toEqual([
      { id: apbd.id, name: "Perlindungan Pekerja Kreatif Kota Kupang", sponsor: "Pemerintah Kota Kupang", quota: 50, allocated: 2, enrolled: 2, remaining: 48, target: 10, progress: 0.2 },
    ]);
  });
});

describe("the funnel on the dashboard", () => {
  it("draws the stages with their numbers in text, the tables per booth, regency and field, and the programme's progress", async () => {
    const cookie = await staffSession();
    const html = await (await staffGet(`/staff/events/${EV}/dashboard`, cookie)).text();
    expect(html).toContain("<title>Mendaftar: 12</title>");
    expect(html).toContain("<title>Bersedia dihubungi: 8 (67% dari tahap sebelumnya)</title>");
    expect(html).toContain("<title>Sudah dihubungi: 6 (75% dari tahap sebelumnya)</title>");
    expect(html).toContain("<title>Terdaftar BPJS: 3 (50% dari tahap sebelumnya)</title>");
    expect(html).toContain("<title>Terdaftar dengan iuran ditanggung: 2 (67% dari tahap sebelumnya)</title>");
    const row = (key: string) => {
      const cells = new RegExp(`<tr data-funnel="${key}"><td>[^<]+</td>((?:<td class="n">[^<]*</td>){6})</tr>`).exec(html)?.[1] ?? "";
      return [...cells.matchAll(/<td class="n">([^<]*)<\/td>/g)].map((m) => m[1]);
    };
    expect(row("booth:bpjs")).toEqual(["6", "6", "4", "2", "1", "33%"]);
    expect(row("regency:53.01")).toEqual(["3", "3", "1", "0", "0", "0%"]);
    expect(row("occupation:kriya")).toEqual(["5", "4", "3", "3", "2", "60%"]);
    expect(html).toMatch(/<progress value="2" max="10" aria-label="Kemajuan Perlindungan Pekerja Kreatif Kota Kupang"><\/progress> 2 dari 10 \(20%\)/);
  });
});
