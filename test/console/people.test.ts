/** Staff people: give access (token shown once), list, revoke. */
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, makeEvent, staffGet, staffPost, staffSession } from "../helpers";

let admin: string;

beforeAll(async () => {
  admin = await staffSession();
  await makeEvent("ppl-a");
  await makeEvent("ppl-b");
});

type ApiStaff = { id: number; name: string; role: string; events: "all" | number[]; gate: string | null; revoked_at: string | null };
const apiStaff = async () => (await (await call("/api/v1/staff")).json<{ staff: ApiStaff[] }>()).staff;
const eventId = async (slug: string) => (await (await call(`/api/v1/events/${slug}`)).json<{ id: number }>()).id;

describe("giving someone access", () => {
  it("shows the new token once, on the result page only, and the token signs in with the chosen role and events", async () => {
    const res = await staffPost("/staff/people", admin, { name: "Yuliana Bria", role: "checkin", scope: "some", events: ["ppl-a"], gate: "Pintu Timur" });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const html = await res.text();
    const token = /id="token" class="token" readonly="" value="(kf_[A-Za-z0-9_-]+)"/.exec(html)?.[1];
    expect(token).toBeTruthy();
    expect(html).toContain("hanya ditampilkan sekali");
    const made = (await apiStaff()).find((s) => s.name === "Yuliana Bria")!;
    expect(made).toMatchObject({ role: "checkin", events: [await eventId("ppl-a")], gate: "Pintu Timur", revoked_at: null });
    // the list never shows it again
    const list = await (await staffGet("/staff/people", admin)).text();
    expect(list).toContain("Yuliana Bria");
    expect(list).toContain("Petugas pintu");
    expect(list).not.toContain(token!);
    // and it works
    const session = await staffSession(token!);
    expect((await staffGet("/staff/checkin", session)).status).toBe(200);
    expect((await staffGet("/staff/events", session)).status).toBe(403);
  });

  it("gives all-events scope", async () => {
    expect((await staffPost("/staff/people", admin, { name: "Kornelis", role: "organiser", scope: "all", events: ["ppl-a"] })).status).toBe(201);
    expect((await apiStaff()).find((s) => s.name === "Kornelis")).toMatchObject({ role: "organiser", events: "all", gate: null });
  });

  it("shows the form again with the answers and a message beside each problem", async () => {
    const before = await count("staff");
    const res = await staffPost("/staff/people", admin, { name: "", role: "boss", scope: "some", gate: "" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-name-err"[^>]*>Wajib diisi\./);
    expect(html).toMatch(/id="f-role-err"[^>]*>Pilih salah satu pilihan\./);
    expect(html).toMatch(/id="f-events-err"[^>]*>Centang minimal satu acara/);
    const unknown = await staffPost("/staff/people", admin, { name: "Maria", role: "enrollment", scope: "some", events: ["ppl-a", "ppl-nope"] });
    expect(unknown.status).toBe(422);
    const kept = await unknown.text();
    expect(kept).toMatch(/id="f-events-err"[^>]*>[^<]*ppl-nope/);
    expect(kept).toContain('value="Maria"');
    expect(kept).toMatch(/<option value="enrollment" selected="">/);
    expect(kept).toMatch(/value="ppl-a" checked=""/);
    expect(await count("staff")).toBe(before);
  });
});

describe("revoking", () => {
  it("ends the person's access at once, and is listed as revoked", async () => {
    const res = await staffPost("/staff/people", admin, { name: "Volunteer Dua", role: "checkin", scope: "all" });
    const token = /value="(kf_[^"]+)"/.exec(await res.text())![1]!;
    const session = await staffSession(token);
    const id = (await apiStaff()).find((s) => s.name === "Volunteer Dua")!.id;
    const list = await (await staffGet("/staff/people", admin)).text();
    expect(list).toContain(`action="/staff/people/${id}/revoke"`);
    const revoked = await staffPost(`/staff/people/${id}/revoke`, admin, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toBe("/staff/people?done=revoked");
    expect((await apiStaff()).find((s) => s.id === id)!.revoked_at).not.toBeNull();
    expect((await staffGet("/staff/checkin", session)).status).toBe(303);
    const after = await (await staffGet("/staff/people?done=revoked", admin)).text();
    expect(after).toContain("Akses dicabut.");
    expect(after).not.toContain(`action="/staff/people/${id}/revoke"`);
    expect(after).toMatch(/Akses sudah dicabut \(\d+\)/);
    // twice, or a person who does not exist: 404, not 500
    expect((await staffPost(`/staff/people/${id}/revoke`, admin, {})).status).toBe(404);
    expect((await staffPost("/staff/people/abc/revoke", admin, {})).status).toBe(404);
    expect(await count("audit_log", "action = 'staff.revoke' and subject = ?", `staff:${id}`)).toBe(1);
  });
});

describe("gate devices", () => {
  it("have their marked place on the people page, linking to pairing per event", async () => {
    const html = await (await staffGet("/staff/people", admin)).text();
    expect(html).toContain('<section id="gate-devices" data-slot="checkin-pairing">');
    expect(html).toContain('href="/staff/checkin/pair?event=ppl-a"');
  });
});
