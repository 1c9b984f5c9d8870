/**
 * A place and an enrollment record agree, decided by the database: a place named by an enrollment record cannot be
 * released (whatever the follow-up status), a worker already enrolled cannot take a place, a programme never counts
 * more enrolled than places, and no worker is counted under two sponsors.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, makeEvent, makeStaff } from "../helpers";
import { insertLead } from "../leads/fixtures";
import { allocate, dayFromToday, makeProgramme, type ProgrammeAnswer } from "./fixtures";

const EV = "places-ev";
let eventId: number;
let staff: { id: number; token: string };
const lead = (i: number, extra: Partial<Parameters<typeof insertLead>[1]> = {}) =>
  insertLead(eventId, { name: `Pekerja ${i}`, phone: `+6281600${String(i).padStart(5, "0")}`, birthDate: "1990-05-17", bpjsStatus: "none", ...extra });
let kpjSeq = 0;
const enrol = (id: number) =>
  call(`/api/v1/leads/${id}/enrollment`, {
    method: "PUT",
    token: staff.token,
    json: { kpj: `2601${String(++kpjSeq).padStart(7, "0")}`, coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0) },
  });
const release = (id: number) => call(`/api/v1/leads/${id}/allocation`, { method: "DELETE", token: staff.token });
const setStatus = (id: number, status: string) => call(`/api/v1/leads/${id}`, { method: "PATCH", token: staff.token, json: { status } });
const programme = async (id: number) => (await call(`/api/v1/programmes/${id}`)).json<ProgrammeAnswer>();
const stats = async () => (await call(`/api/v1/events/${EV}/stats`)).json<{ funnel: { enrolled_sponsored: number }; programmes: { id: number; enrolled: number }[] }>();

beforeAll(async () => {
  eventId = (await makeEvent(EV)).id;
  staff = await makeStaff("enrollment", [EV]);
});

describe("a place named by an enrollment record", () => {
  it("cannot be released after the status moves away from enrolled, so the quota and the sponsor's count hold", async () => {
    const p = await makeProgramme(EV, { quota: 1 });
    const first = await lead(1);
    expect((await allocate(first, p.id, staff.token)).status).toBe(201);
    expect((await enrol(first)).status).toBe(200);
    expect((await release(first)).status).toBe(409);
    expect((await setStatus(first, "contacted")).status).toBe(200);
    // the status no longer says enrolled, but the record still names the programme: the place stays
    const refused = await release(first);
    expect(refused.status).toBe(409);
    expect((await refused.json<{ errors: Record<string, string> }>()).errors.programme_id).toMatch(/tidak dapat dilepas/);
    expect(await count("allocations", "registration_id = ? and programme_id = ?", first, p.id)).toBe(1);
    expect(await count("audit_log", "action = 'allocation.release' and subject = ?", `registration:${first}`)).toBe(0);
    // so a second worker cannot take the one place
    const second = await lead(2);
    expect((await allocate(second, p.id, staff.token)).status).toBe(409);
    expect((await setStatus(first, "enrolled")).status).toBe(200);
    expect(await programme(p.id)).toMatchObject({ quota: 1, allocated: 1, enrolled: 1, remaining: 0 });
  });

  it("counts enrolled only where the place is still held, even for a record left inconsistent by older code", async () => {
    const p = await makeProgramme(EV, { quota: 2 });
    const id = await lead(10);
    expect((await allocate(id, p.id, staff.token)).status).toBe(201);
    expect((await enrol(id)).status).toBe(200);
    // what the old release guard let through: the place gone, the record still naming the programme
    await env.DB.prepare("delete from allocations where registration_id = ?").bind(id).run();
    expect(await programme(p.id)).toMatchObject({ allocated: 0, enrolled: 0, remaining: 2 });
    const s = await stats();
    expect(s.programmes.find((x) => x.id === p.id)!.enrolled).toBe(0);
    // the status cannot go back to enrolled on that record: record it again first
    expect((await setStatus(id, "contacted")).status).toBe(200);
    expect((await setStatus(id, "enrolled")).status).toBe(422);
  });
});

describe("a worker already enrolled", () => {
  it("cannot take a place, alone (409) or in bulk (counted apart), with or without an earlier sponsor", async () => {
    const p = await makeProgramme(EV, { quota: 10 });
    const q = await makeProgramme(EV, { quota: 10, name: "CSR", sponsor: "Bank NTT", funder: "csr" });
    // enrolled without any sponsor
    const plain = await lead(20);
    expect((await enrol(plain)).status).toBe(200);
    const refused = await allocate(plain, p.id, staff.token);
    expect(refused.status).toBe(409);
    expect((await refused.json<{ errors: Record<string, string> }>()).errors.programme_id).toMatch(/sudah tercatat terdaftar/);
    // enrolled under p, then the status changed: still cannot be held by q as well
    const sponsored = await lead(21);
    expect((await allocate(sponsored, p.id, staff.token)).status).toBe(201);
    expect((await enrol(sponsored)).status).toBe(200);
    expect((await setStatus(sponsored, "contacted")).status).toBe(200);
    expect((await release(sponsored)).status).toBe(409);
    expect((await allocate(sponsored, q.id, staff.token)).status).toBe(409);
    expect(await count("allocations", "registration_id in (?, ?)", plain, sponsored)).toBe(1);
  });

  it("is passed over by the bulk allocation, which says how many were enrolled already", async () => {
    const bulkEv = "places-bulk";
    const bulkEventId = (await makeEvent(bulkEv)).id;
    const p = await makeProgramme(bulkEv, { quota: 10 });
    const ids = [] as number[];
    for (let i = 0; i < 3; i++) ids.push(await insertLead(bulkEventId, { name: `Bulk ${i}`, phone: `+62816100000${i}`, birthDate: "1990-05-17", bpjsStatus: "none" }));
    const enrolled = await call(`/api/v1/leads/${ids[0]}/enrollment`, {
      method: "PUT",
      json: { kpj: "26019999001", coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0) },
    });
    expect(enrolled.status).toBe(200);
    const { staffSession, staffPost } = await import("../helpers");
    const cookie = await staffSession();
    const res = await staffPost("/staff/leads/allocations", cookie, { event: bulkEv, programme_id: String(p.id) });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("bulk=2.0.0.0.1");
    expect(await count("allocations", "programme_id = ?", p.id)).toBe(2);
    expect(await count("allocations", "registration_id = ?", ids[0])).toBe(0);
  });
});

describe("the funnel and the programmes agree", () => {
  it("counts enrolled with sponsored cover exactly as the programmes count enrolled", async () => {
    const s = await stats();
    const own = s.programmes.reduce((n, p) => n + p.enrolled, 0);
    expect(s.funnel.enrolled_sponsored).toBe(own);
    expect(own).toBeGreaterThan(0);
  });
});
