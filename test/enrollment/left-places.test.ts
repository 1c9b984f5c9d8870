/**
 * A place held by someone who is no longer a lead: staff can give it back (API and desk), an erasure gives it back
 * unless the person is enrolled under it, a withdrawn worker's estimate is no cost the sponsor will pay, and a cost
 * the rates table cannot give is shown as unknown, never as 0.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, count, formBody, makeEvent, makeStaff, ORIGIN, postForm, staffGet, staffPost, staffSession, validSignup } from "../helpers";
import { parseCsv } from "../leads/fixtures";
import { allocate, dayFromToday, makeProgramme, type ProgrammeAnswer } from "./fixtures";

const EV = "left-ev";
let staff: { id: number; token: string };
let n = 0;

/** A signed-up lead with a ticket, holding a place in `programme`. */
async function placed(programme: number) {
  const phone = `08170000${String(++n).padStart(4, "0")}`;
  const code = codeFrom(await postForm(`/e/${EV}`, validSignup({ phone, name: `Pekerja ${n}`, birth_date: "1990-05-17" })));
  const id = (await env.DB.prepare("select id from registrations where phone = ?").bind(`+62${phone.slice(1)}`).first<number>("id"))!;
  expect((await allocate(id, programme, staff.token)).status).toBe(201);
  return { id, code };
}
const ticketPost = (path: string, fields: Record<string, string> = {}) =>
  call(path, { token: null, method: "POST", body: formBody(fields), headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
const withdraw = (code: string) => ticketPost(`/t/${code}/me/contact`);
const erase = (code: string) => ticketPost(`/t/${code}/me/erase`, { confirm: "yes" });
const release = (id: number, token = staff.token) => call(`/api/v1/leads/${id}/allocation`, { method: "DELETE", token });
const read = async (id: number) => (await call(`/api/v1/programmes/${id}`)).json<ProgrammeAnswer>();
const enrol = (id: number, kpj: string) =>
  call(`/api/v1/leads/${id}/enrollment`, { method: "PUT", token: staff.token, json: { kpj, coverage: "jkk_jkm", income_base: 1000000, enrolled_on: dayFromToday(0) } });

beforeAll(async () => {
  await makeEvent(EV);
  await makeEvent("left-other");
  staff = await makeStaff("enrollment", [EV]);
});

describe("the place of someone who withdrew the contact opt-in", () => {
  it("can be released by staff in scope through the API, audited, and the place is free again", async () => {
    const p = await makeProgramme(EV, { quota: 1 });
    const w = await placed(p.id);
    expect((await withdraw(w.code)).status).toBe(303);
    expect(await read(p.id)).toMatchObject({ allocated: 1, remaining: 0 });
    const outsider = await makeStaff("enrollment", ["left-other"]);
    expect((await release(w.id, outsider.token)).status).toBe(403);
    expect((await release(w.id)).status).toBe(204);
    expect(await read(p.id)).toMatchObject({ allocated: 0, remaining: 1 });
    expect(await count("audit_log", "action = 'allocation.release' and subject = ? and actor = ?", `registration:${w.id}`, `staff:${staff.id}`)).toBe(1);
    expect((await release(w.id)).status).toBe(404);
  });

  it("is listed on the desk (no personal data) and released from there", async () => {
    const p = await makeProgramme(EV, { quota: 5, name: "Program Desk" });
    const w = await placed(p.id);
    expect((await withdraw(w.code)).status).toBe(303);
    const cookie = await staffSession(staff.token);
    const desk = await (await staffGet(`/staff/leads?event=${EV}`, cookie)).text();
    expect(desk).toContain(`Pendaftaran #${w.id} (menarik persetujuan) · Program Desk`);
    expect(desk).not.toContain(`Pekerja ${n}`);
    const res = await staffPost(`/staff/leads/${w.id}/allocation/release`, cookie, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/staff/leads?event=${EV}&released=1#programmes`);
    expect(await count("allocations", "registration_id = ?", w.id)).toBe(0);
    expect(await (await staffGet(`/staff/leads?event=${EV}&released=1`, cookie)).text()).toContain("Tempat dilepaskan dan kembali tersedia.");
  });
});

describe("erasure", () => {
  it("gives the place back unless the person is enrolled under it, who stays in the sponsor's file anonymously", async () => {
    const p = await makeProgramme(EV, { quota: 5 });
    const gone = await placed(p.id);
    const insured = await placed(p.id);
    expect((await enrol(insured.id, "26017770001")).status).toBe(200);
    expect((await erase(gone.code)).status).toBe(303);
    expect((await erase(insured.code)).status).toBe(303);
    expect(await count("allocations", "registration_id = ?", gone.id)).toBe(0);
    expect(await count("allocations", "registration_id = ?", insured.id)).toBe(1);
    expect(await read(p.id)).toMatchObject({ allocated: 1, enrolled: 1, remaining: 4 });
    const { rows } = parseCsv(new Uint8Array(await (await call(`/api/v1/programmes/${p.id}/workers.csv`, { token: staff.token })).arrayBuffer()));
    expect(rows).toEqual([expect.objectContaining({ registration_id: String(insured.id), status: "enrolled", name: "", sponsor_cost: String(3 * 16_800) })]);
  });
});

describe("the sponsor's cost", () => {
  it("counts no estimate for the withdrawn, and shows an unknown cost as empty with the number of workers, never 0", async () => {
    const p = await makeProgramme(EV, { quota: 5, months: 3 });
    const waiting = await placed(p.id);
    const withdrawn = await placed(p.id);
    expect((await withdraw(withdrawn.code)).status).toBe(303);
    const summary = async () => {
      const csv = parseCsv(new Uint8Array(await (await call(`/api/v1/programmes/${p.id}/summary.csv`, { token: staff.token })).arrayBuffer()));
      return Object.fromEntries(csv.rows.map((r) => [r.item, r.value]));
    };
    expect(await summary()).toMatchObject({ withdrawn: "1", cost_allocated_estimate: String(3 * 16_800), cost_allocated_unknown: "0", cost_total: String(3 * 16_800) });

    // the JKM rate ends next month: the third month of an estimate from this month has no figure
    const jkm = (await env.DB.prepare("select * from contribution_rates where programme = 'jkm' and valid_to is null").first<Record<string, string | number>>())!;
    const closed = await call(`/api/v1/contributions/rates/${jkm.id}`, {
      method: "PUT",
      json: { programme: "jkm", kind: jkm.kind, amount: jkm.amount, valid_from: jkm.valid_from, valid_to: dayFromToday(31), source: jkm.source },
    });
    expect(closed.status).toBe(204);
    expect(await summary()).toMatchObject({ cost_allocated_estimate: "", cost_allocated_unknown: "1", cost_total: "" });
    const { rows } = parseCsv(new Uint8Array(await (await call(`/api/v1/programmes/${p.id}/workers.csv`, { token: staff.token })).arrayBuffer()));
    expect(rows.find((r) => r.registration_id === String(waiting.id))).toMatchObject({ status: "allocated", sponsor_cost: "" });
  });
});
