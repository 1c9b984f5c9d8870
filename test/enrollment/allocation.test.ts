/**
 * Places in a sponsored-cover programme: the quota is decided by the database (the last place taken twice at
 * once goes to exactly one), eligibility is checked, and a release is audited.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { candidateAge, ineligibility, insertAllocations } from "../../src/base/enrollment/allocation.service";
import { findProgramme } from "../../src/base/enrollment/programmes.service";
import { bpuMinAge } from "../../src/base/enrollment/settings";
import { ProblemError } from "../../src/base/http/problem";
import { createDb } from "../../src/db/client";
import { call, codeFrom, count, makeEvent, makeStaff, postForm, validSignup } from "../helpers";
import { insertLead } from "../leads/fixtures";
import { allocate, dayFromToday, makeProgramme, type ProgrammeAnswer } from "./fixtures";

const EV = "alloc-ev";
let eventId: number;
let staffA: { id: number; token: string };
let staffB: { id: number; token: string };
const lead = (i: number, extra: Partial<Parameters<typeof insertLead>[1]> = {}) =>
  insertLead(eventId, { name: `Pekerja ${i}`, phone: `+6281500${String(i).padStart(5, "0")}`, birthDate: "1990-05-17", bpjsStatus: "none", ...extra });

beforeAll(async () => {
  eventId = (await makeEvent(EV)).id;
  await makeEvent("alloc-other");
  staffA = await makeStaff("enrollment", [EV]);
  staffB = await makeStaff("enrollment", [EV]);
});

describe("the quota", () => {
  it("gives the last place to exactly one of two staff allocating at the same moment, and never exceeds the quota", async () => {
    const p = await makeProgramme(EV, { quota: 3 });
    const first = [await lead(1), await lead(2)];
    for (const id of first) expect((await allocate(id, p.id, staffA.token)).status).toBe(201);
    // one place left; twenty leads try for it at once, half by each staff member
    const rivals = await Promise.all(Array.from({ length: 20 }, (_, i) => lead(100 + i)));
    const answers = await Promise.all(rivals.map((id, i) => allocate(id, p.id, (i % 2 ? staffA : staffB).token)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await count("allocations", "programme_id = ?", p.id)).toBe(3);
    const refused = await answers.find((r) => r.status === 409)!.json<{ errors: Record<string, string> }>();
    expect(refused.errors.programme_id).toBe("Kuota program sudah penuh.");
    const read = await (await call(`/api/v1/programmes/${p.id}`)).json<ProgrammeAnswer>();
    expect(read).toMatchObject({ quota: 3, allocated: 3, remaining: 0, enrolled: 0 });
  });

  it("decides in one statement: a batch larger than the places left fills exactly the places left", async () => {
    const p = await makeProgramme(EV, { quota: 5 });
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => lead(200 + i)));
    const db = createDb(env.DB);
    const programme = (await findProgramme(db, p.id))!;
    const by = { id: staffA.id, name: "a", role: "enrollment" as const, allEvents: false, eventIds: [eventId], gate: null };
    // two bulk allocations race for the same five places
    const [a, b] = await Promise.all([insertAllocations(db, by, programme, ids.slice(0, 8)), insertAllocations(db, by, programme, ids.slice(4))]);
    expect(a.length + b.length).toBe(5);
    expect(new Set([...a, ...b]).size).toBe(5);
    expect(await count("allocations", "programme_id = ?", p.id)).toBe(5);
    // each allocation is audited on its own, naming no person
    expect(await count("audit_log", "action = 'allocation.create' and json_extract(detail, '$.programme_id') = ?", p.id)).toBe(5);
  });

  it("holds one place per worker, also when the same lead is allocated twice at once", async () => {
    const p = await makeProgramme(EV, { quota: 10 });
    const q = await makeProgramme(EV, { quota: 10, name: "CSR Bank NTT", sponsor: "Bank NTT", funder: "csr" });
    const id = await lead(300);
    const both = await Promise.all([allocate(id, p.id, staffA.token), allocate(id, q.id, staffB.token), allocate(id, p.id, staffB.token)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await count("allocations", "registration_id = ?", id)).toBe(1);
    const again = await allocate(id, q.id, staffA.token);
    expect(again.status).toBe(409);
    expect((await again.json<{ errors: Record<string, string> }>()).errors.programme_id).toMatch(/^Pekerja ini sudah mendapat tempat di program /);
  });

  it("refuses a quota below the places already taken, decided in the same UPDATE", async () => {
    const p = await makeProgramme(EV, { quota: 4 });
    for (let i = 0; i < 3; i++) await allocate(await lead(400 + i), p.id, staffA.token);
    const low = await call(`/api/v1/programmes/${p.id}`, { method: "PATCH", json: { quota: 2 } });
    expect(low.status).toBe(422);
    expect((await low.json<{ errors: Record<string, string> }>()).errors.quota).toContain("(3)");
    expect((await call(`/api/v1/programmes/${p.id}`, { method: "PATCH", json: { quota: 3 } })).status).toBe(200);
  });
});

describe("eligibility", () => {
  let p: ProgrammeAnswer;
  beforeAll(async () => {
    p = await makeProgramme(EV, { eligible_regencies: ["53.71", "53.01"], eligible_occupations: ["kriya", "fesyen"], require_bpjs_none: true });
  });
  const refusal = async (id: number, programme = p.id) => {
    const res = await allocate(id, programme, staffA.token);
    expect(res.status).toBe(422);
    return (await res.json<{ errors: Record<string, string> }>()).errors.programme_id;
  };

  it("checks the home regency, the field of work and the BPJS status", async () => {
    expect(await refusal(await lead(500, { regency: "53.05" }))).toBe("Domisili pekerja tidak termasuk wilayah program.");
    expect(await refusal(await lead(501, { occupation: "musik" }))).toBe("Bidang kerja pekerja tidak termasuk program.");
    expect(await refusal(await lead(502, { bpjsStatus: "active" }))).toBe("Program ini hanya untuk pekerja yang belum terdaftar BPJS Ketenagakerjaan.");
    expect((await allocate(await lead(503, { regency: "53.01", occupation: "fesyen" }), p.id, staffA.token)).status).toBe(201);
  });

  it("needs the age: unknown is refused, under the BPU minimum (18 by default) is refused", async () => {
    expect(await refusal(await lead(510, { birthDate: null }))).toBe("Umur pekerja belum diketahui: perlu tanggal lahir atau NIK.");
    // far from a birthday boundary, so the day the test runs never decides it
    const year = new Date().getUTCFullYear();
    expect(await refusal(await lead(511, { birthDate: `${year - 16}-01-15` }))).toBe("Pekerja belum mencapai umur minimal peserta BPU (18 tahun).");
    expect((await allocate(await lead(512, { birthDate: `${year - 25}-01-15` }), p.id, staffA.token)).status).toBe(201);
  });

  it("counts the age on the day in the event's zone: 18 on the birthday, 17 the day before", async () => {
    const programme = { ...(await findProgramme(createDb(env.DB), p.id))!, startsOn: "2026-01-01", endsOn: "2027-12-31" };
    const worker = { id: 1, eventId, regency: "53.71", occupation: "kriya", bpjsStatus: "none" as const, birthDate: "2008-12-05", nikCipher: null };
    const on = async (day: string) => ineligibility(programme, worker, await candidateAge(worker, env.DATA_KEY!, day), day, 18).map((m) => m.key);
    expect(await on("2026-12-04")).toEqual(["enrol.inel.tooYoung"]);
    expect(await on("2026-12-05")).toEqual([]);
    // the setting moves the line
    expect(ineligibility(programme, worker, 17, "2026-12-04", 17)).toEqual([]);
  });

  it("reads the age from the NIK when no birth date was given (the NIK decrypted on the server)", async () => {
    const adultNik = "5371014501900001"; // a woman born 05-01-1990 (day + 40)
    // a girl born 5 January ten years ago, whose guardian agreed to the contact opt-in
    const childNik = `5371014501${String((new Date().getUTCFullYear() - 10) % 100).padStart(2, "0")}0002`;
    codeFrom(await postForm(`/e/${EV}`, validSignup({ phone: "081500090001", nik: adultNik, bpjs_status: "none" })));
    codeFrom(await postForm(`/e/${EV}`, validSignup({ phone: "081500090002", nik: childNik, bpjs_status: "none", guardian_name: "Ibu Wali", guardian_consent: "yes" })));
    const idOf = (phone: string) => env.DB.prepare("select id from registrations where phone = ?").bind(phone).first<number>("id");
    expect((await allocate((await idOf("+6281500090001"))!, p.id, staffA.token)).status).toBe(201);
    expect(await refusal((await idOf("+6281500090002"))!)).toBe("Pekerja belum mencapai umur minimal peserta BPU (18 tahun).");
  });

  it("refuses a programme of another event, and one that is not taking workers on this day", async () => {
    const other = await makeProgramme("alloc-other");
    expect(await refusal(await lead(520), other.id)).toBe("Program ini untuk peserta acara lain.");
    const closed = await makeProgramme(EV, { starts_on: dayFromToday(-60), ends_on: dayFromToday(-1) });
    expect(await refusal(await lead(521), closed.id)).toMatch(/^Program ini menerima peserta dari /);
    // open to every event: fine for this event's leads
    expect((await allocate(await lead(522), (await makeProgramme(null)).id, staffA.token)).status).toBe(201);
  });

  it("takes the BPU minimum age from a setting, 18 when unset, and refuses a setting that is not an age", () => {
    expect(bpuMinAge({})).toBe(18);
    expect(bpuMinAge({ BPU_MIN_AGE: "17" })).toBe(17);
    for (const bad of ["abc", "5", "-1", "18.5", "99"]) {
      expect(() => bpuMinAge({ BPU_MIN_AGE: bad })).toThrow(ProblemError);
    }
  });

  it("refuses leads out of the caller's scope and registrations that are not leads", async () => {
    const outsider = await makeStaff("enrollment", ["alloc-other"]);
    expect((await allocate(await lead(530), p.id, outsider.token)).status).toBe(403);
    expect((await allocate(await lead(531, { contact: false }), p.id, staffA.token)).status).toBe(404);
    expect((await allocate(await lead(532), 999_999, staffA.token)).status).toBe(422);
    const checkin = await makeStaff("checkin", [EV]);
    expect((await allocate(await lead(533), p.id, checkin.token)).status).toBe(403);
  });
});

describe("releasing a place", () => {
  it("gives the place back, audited, and refuses while the worker is enrolled under the programme", async () => {
    const p = await makeProgramme(EV, { quota: 1 });
    const id = await lead(600);
    expect((await allocate(id, p.id, staffA.token)).status).toBe(201);
    const release = () => call(`/api/v1/leads/${id}/allocation`, { method: "DELETE", token: staffB.token });
    expect((await release()).status).toBe(204);
    expect((await release()).status).toBe(404);
    const audit = await env.DB.prepare("select actor, event_id, detail from audit_log where action = 'allocation.release' and subject = ?").bind(`registration:${id}`).all();
    expect(audit.results).toEqual([{ actor: `staff:${staffB.id}`, event_id: eventId, detail: JSON.stringify({ programme_id: p.id }) }]);
    // the place is free again
    const next = await lead(601);
    expect((await allocate(next, p.id, staffA.token)).status).toBe(201);
    const enrolled = await call(`/api/v1/leads/${next}/enrollment`, { method: "PUT", token: staffA.token, json: { kpj: "26012345678", coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0) } });
    expect(enrolled.status).toBe(200);
    const refused = await call(`/api/v1/leads/${next}/allocation`, { method: "DELETE", token: staffA.token });
    expect(refused.status).toBe(409);
    expect(await count("allocations", "registration_id = ?", next)).toBe(1);
    expect(await count("audit_log", "action = 'allocation.release' and subject = ?", `registration:${next}`)).toBe(0);
  });
});
