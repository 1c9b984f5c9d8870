import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, makeBooth, makeEvent, makeStaff, postForm, validSignup } from "../helpers";

let door: string;
const scan = (ticket: string, gate: string, extra: Record<string, unknown> = {}) =>
  call("/api/v1/events/stat-ev/checkins", { token: door, json: { ticket, gate, ...extra } });

beforeAll(async () => {
  // held on 20 and 21 November 2026, so scans sent later with their own time (scanned_at) fall in its window
  await makeEvent("stat-ev", { starts_at: "2026-11-20T09:00:00+08:00", ends_at: "2026-11-21T21:00:00+08:00" });
  await makeBooth("stat-ev", "bpjs", "BPJS Ketenagakerjaan");
  await makeBooth("stat-ev", "tenun", "Tenun Ikat");
  door = (await makeStaff("checkin", ["stat-ev"])).token;
});

describe("GET /api/v1/events/{event}/stats", () => {
  it("counts registered, checked in, inside now, per gate, per hour in the event's zone and per booth", async () => {
    const codes: string[] = [];
    for (const [i, booth] of ["bpjs", "bpjs", "bpjs", "tenun", ""].entries()) {
      codes.push(codeFrom(await postForm(`/e/stat-ev${booth ? `/${booth}` : ""}`, validSignup({ phone: `08170000000${i}` }))));
    }
    // 10:02 and 10:40 WITA at Gate A, 11:15 WITA at Gate B; the third guest leaves; the fourth's entry is undone
    expect((await scan(codes[0]!, "Gate A", { scanned_at: "2026-11-20T10:02:00+08:00" })).status).toBe(200);
    expect((await scan(codes[1]!, "Gate A", { scanned_at: "2026-11-20T10:40:00+08:00" })).status).toBe(200);
    expect((await scan(codes[2]!, "Gate B", { scanned_at: "2026-11-20T11:15:00+08:00" })).status).toBe(200);
    expect((await scan(codes[2]!, "Gate B", { direction: "out", scanned_at: "2026-11-20T11:50:00+08:00" })).status).toBe(200);
    const undone = await (await scan(codes[3]!, "Gate B", { scanned_at: "2026-11-20T11:20:00+08:00" })).json<{ checkin_id: number }>();
    expect((await call(`/api/v1/events/stat-ev/checkins/${undone.checkin_id}/undo`, { method: "POST" })).status).toBe(200);

    const res = await call("/api/v1/events/stat-ev/stats", { token: door });
    expect(res.status).toBe(200);
    const stats = await res.json<Record<string, unknown> & { per_hour: { hour: string; signups: number; admissions: number }[] }>();
    expect(stats).toMatchObject({ timezone: "Asia/Makassar", registered: 5, checked_in: 3, inside_now: 2, contact_opt_ins: 5, enrolled: 0 });
    expect(stats.per_gate).toEqual([
      { gate: "Gate A", admissions: 2, guests: 2, inside_now: 2 },
      { gate: "Gate B", admissions: 1, guests: 1, inside_now: 0 },
    ]);
    const admissions = stats.per_hour.filter((h) => h.admissions > 0);
    expect(admissions).toEqual([
      { hour: "2026-11-20 10:00", signups: 0, admissions: 2 },
      { hour: "2026-11-20 11:00", signups: 0, admissions: 1 },
    ]);
    expect(stats.per_hour.reduce((n, h) => n + h.signups, 0)).toBe(5);
    expect(stats.per_booth).toEqual([
      { code: "bpjs", name: "BPJS Ketenagakerjaan", signups: 3, visits: 3 },
      { code: "tenun", name: "Tenun Ikat", signups: 1, visits: 1 },
      { code: null, name: null, signups: 1, visits: 0 },
    ]);
    // a gate phone gets the door's figures alone: no funnel, no sponsors or quotas
    for (const k of ["funnel", "funnel_by_booth", "funnel_by_regency", "funnel_by_occupation", "programmes"]) expect(stats).not.toHaveProperty(k);
    // enrollment staff (no door permission) read the figures and the funnel, as the roles table allows (leads.work)
    const enrolment = await call("/api/v1/events/stat-ev/stats", { token: (await makeStaff("enrollment", ["stat-ev"])).token });
    expect(enrolment.status).toBe(200);
    const withFunnel = await enrolment.json<Record<string, unknown>>();
    expect(withFunnel).toMatchObject({ registered: 5, funnel: { registered: 5, agreed_to_contact: 5 }, programmes: [] });
    await makeEvent("stat-other");
    const otherDoor = (await makeStaff("checkin", ["stat-other"])).token;
    expect((await call("/api/v1/events/stat-ev/stats", { token: otherDoor })).status).toBe(403);
    expect((await call("/api/v1/events/stat-ev/stats", { token: null })).status).toBe(401);
  });
});
