/** The door's walk-in page: registers and admits; never overwrites a person registered already; another name on the phone is a new person. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { codeFrom, count, makeEvent, makeStaff, postForm, staffGet, staffPost, staffSession, validSignup } from "../helpers";

let door: string;
beforeAll(async () => {
  await makeEvent("wlk");
  door = await staffSession((await makeStaff("checkin", ["wlk"])).token);
});

const walkin = (extra: Record<string, string> = {}) =>
  staffPost("/staff/checkin/walkin", door, { event: "wlk", gate: "Pintu 1", name: "Tamu Baru", phone: "0813 7000 0001", regency: "53.71", occupation: "musik", consent: "yes", ...extra });

describe("/staff/checkin/walkin", () => {
  it("is linked from the scanner and shows the form", async () => {
    expect(await (await staffGet("/staff/checkin?event=wlk", door)).text()).toContain("/staff/checkin/walkin?event=wlk");
    const form = await (await staffGet("/staff/checkin/walkin?event=wlk&gate=Pintu%201", door)).text();
    expect(form).toContain('name="phone"');
    expect(form).toContain('value="Pintu 1"');
  });

  it("registers and admits a walk-in, showing no ticket code", async () => {
    const res = await walkin();
    expect(res.status).toBe(200);
    const html = await res.text();
    const code = (await env.DB.prepare("select t.code from tickets t join registrations r on r.id = t.registration_id where r.phone = '+6281370000001'").first<{ code: string }>())!.code;
    expect(html).not.toContain(code);
    expect(await count("checkins", "ticket_id = (select id from tickets where code = ?)", code)).toBe(1);
  });

  it("never overwrites a registered person: offers to check them in; another name is a new person", async () => {
    codeFrom(await postForm("/e/wlk", validSignup({ phone: "0813-7000-0002", name: "Maria Bili", occupation: "kriya" })));
    const before = await env.DB.prepare("select * from registrations where phone = '+6281370000002'").first<{ id: number }>();
    const res = await walkin({ phone: "081370000002", name: "MARIA BILI" });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(`name="registration_id" value="${before!.id}"`);
    expect(await env.DB.prepare("select * from registrations where phone = '+6281370000002'").first()).toEqual(before);
    const admit = await staffPost("/staff/checkin/scan", door, { event: "wlk", gate: "Pintu 1", direction: "in", registration_id: String(before!.id) });
    expect(admit.status).toBe(200);
    expect((await walkin({ phone: "081370000002", name: "Yosef Bili" })).status).toBe(200);
    expect(await count("registrations", "phone = '+6281370000002'")).toBe(2);
  });

  it("keeps the answers on a mistake", async () => {
    const res = await walkin({ phone: "123", name: "Nama Tetap" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('value="Nama Tetap"');
  });
});
