/**
 * A kiosk is a credential for ONE booth of one event that can do nothing else:
 * an organiser pairs it (one-time link, like a gate device), its session is kept
 * on the server, every other staff page and API refuses it, and revoking it ends it.
 * No staff account runs a kiosk page itself.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, kioskSession, makeBooth, makeEvent, makeStaff, ORIGIN, postForm, staffGet, staffPost, staffSession, validSignup } from "../helpers";

let organiser: { token: string };
let kiosk: { id: number; cookie: string; link: string };
let registrationId: number;
beforeAll(async () => {
  await makeEvent("kacc");
  await makeBooth("kacc", "bpjs", "BPJS Ketenagakerjaan");
  await makeBooth("kacc", "tenun", "Tenun Ikat");
  await makeEvent("kacc-other");
  await makeBooth("kacc-other", "bpjs");
  organiser = await makeStaff("organiser", ["kacc"]);
  kiosk = await kioskSession("kacc", "bpjs", organiser.token);
  codeFrom(await postForm("/e/kacc", validSignup({ name: "Maria Bili", phone: "0812-3100-0001" })));
  registrationId = (await env.DB.prepare("select id from registrations where phone = '+6281231000001'").first<{ id: number }>())!.id;
});

const kioskGet = (path: string, cookie = kiosk.cookie) => staffGet(path, cookie);
const kioskApi = (path: string, method = "GET", cookie = kiosk.cookie) =>
  call(path, { token: null, method, headers: { cookie, ...(method === "GET" ? {} : { origin: ORIGIN }) } });

describe("pairing a booth kiosk", () => {
  it("organisers and admins make a one-time link for a booth of their event; others cannot", async () => {
    const volunteer = await makeStaff("checkin", ["kacc"]);
    expect((await call("/api/v1/events/kacc/kiosks", { token: volunteer.token, json: { booth: "bpjs" } })).status).toBe(403);
    const elsewhere = await makeStaff("organiser", ["kacc-other"]);
    expect((await call("/api/v1/events/kacc/kiosks", { token: elsewhere.token, json: { booth: "bpjs" } })).status).toBe(403);
    const unknown = await call("/api/v1/events/kacc/kiosks", { token: organiser.token, json: { booth: "nowhere" } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { errors: Record<string, string> }).errors).toHaveProperty("booth");
    const made = await call("/api/v1/events/kacc/kiosks", { token: organiser.token, json: { booth: "tenun" } });
    expect(made.status).toBe(201);
    const body = (await made.json()) as { pairing_url: string; booth: string };
    expect(body.booth).toBe("tenun");
    expect(body.pairing_url).toMatch(/^https:\/\/fair\.test\/staff\/kiosks\/pair\/[A-Za-z0-9_-]{40,}$/);
    const link = new URL(body.pairing_url).pathname;
    expect(await (await call(link, { token: null })).text()).toContain("Tenun Ikat");
    // the secret is stored only as its hash
    expect(await env.DB.prepare("select count(*) n from kiosks where secret_hash = ?").bind(link.split("/").pop()).first("n")).toBe(0);
  });

  it("works once: a second tablet, or an expired link, is refused", async () => {
    const again = await call(kiosk.link, { token: null, method: "POST", headers: { origin: ORIGIN } });
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie") ?? "").not.toMatch(/kf_session=[^;]+/);
    const made = (await (await call("/api/v1/events/kacc/kiosks", { token: organiser.token, json: { booth: "bpjs" } })).json()) as { id: number; pairing_url: string };
    await env.DB.prepare("update kiosks set pairing_expires_at = pairing_expires_at - 16 * 60000 where id = ?").bind(made.id).run();
    const late = await call(new URL(made.pairing_url).pathname, { token: null, method: "POST", headers: { origin: ORIGIN } });
    expect(late.status).toBe(410);
    expect(await env.DB.prepare("select paired_at from kiosks where id = ?").bind(made.id).first("paired_at")).toBeNull();
  });

  it("turns a browser signed in as staff into the kiosk: the staff session ends", async () => {
    const staffCookie = await staffSession(organiser.token);
    expect((await staffGet("/staff/leads", staffCookie)).status).toBe(200);
    const made = (await (await call("/api/v1/events/kacc/kiosks", { token: organiser.token, json: { booth: "bpjs" } })).json()) as { pairing_url: string };
    const res = await call(new URL(made.pairing_url).pathname, { token: null, method: "POST", headers: { origin: ORIGIN, cookie: staffCookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/kiosk/kacc/bpjs");
    const kioskCookie = /kf_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
    expect(kioskCookie).not.toBe(staffCookie);
    // the organiser's session in that browser is over
    expect((await staffGet("/staff/leads", staffCookie)).status).toBe(303);
    expect((await staffGet("/staff/kiosk/kacc/bpjs", kioskCookie)).status).toBe(200);
    expect((await staffGet("/staff/leads", kioskCookie)).status).toBe(403);
  });
});

describe("a kiosk session can do nothing but its booth's signup", () => {
  it("opens its own booth's form", async () => {
    expect((await kioskGet("/staff/kiosk/kacc/bpjs")).status).toBe(200);
  });

  it("refuses another booth and another event", async () => {
    expect((await kioskGet("/staff/kiosk/kacc/tenun")).status).toBe(403);
    expect((await kioskGet("/staff/kiosk/kacc-other/bpjs")).status).toBe(403);
    const post = await staffPost("/staff/kiosk/kacc/tenun", kiosk.cookie, validSignup({ name: "Salah Stan", phone: "0812-3100-0002" }));
    expect(post.status).toBe(403);
    expect(await env.DB.prepare("select count(*) n from registrations where phone = '+6281231000002'").first("n")).toBe(0);
  });

  it("reads no search, leads, outbox, help desk, devices, people or dashboard, on the pages or the API", async () => {
    for (const path of [
      "/staff",
      "/staff/checkin?event=kacc",
      "/staff/checkin?event=kacc&gate=Pintu&q=maria",
      "/staff/checkin/walkin?event=kacc",
      "/staff/checkin/helpdesk?event=kacc&q=maria",
      "/staff/checkin/pair?event=kacc",
      "/staff/kiosks?event=kacc",
      "/staff/leads",
      `/staff/leads/${registrationId}`,
      "/staff/events/kacc/messages",
      "/staff/events/kacc/dashboard",
      "/staff/events/kacc/booths",
      "/staff/people",
    ]) {
      expect((await kioskGet(path)).status, path).toBe(403);
    }
    for (const path of [
      "/api/v1/events/kacc/attendees?q=maria",
      "/api/v1/events/kacc/leads",
      "/api/v1/events/kacc/leads.csv",
      "/api/v1/events/kacc/messages",
      "/api/v1/events/kacc/stats",
      "/api/v1/events/kacc/kiosks",
      "/api/v1/events/kacc/devices",
      "/api/v1/events/kacc/tickets/digests",
      "/api/v1/staff",
      "/api/v1/events",
    ]) {
      expect((await kioskApi(path)).status, path).toBe(403);
    }
    // nor change anything: erase, create a kiosk, pair a gate
    expect((await kioskApi(`/api/v1/registrations/${registrationId}`, "DELETE")).status).toBe(403);
    expect((await call("/api/v1/events/kacc/kiosks", { token: null, json: { booth: "tenun" }, headers: { cookie: kiosk.cookie, origin: ORIGIN } })).status).toBe(403);
    expect((await staffPost(`/staff/leads/${registrationId}`, kiosk.cookie, { status: "contacted" })).status).toBe(403);
    expect(await env.DB.prepare("select erased_at from registrations where id = ?").bind(registrationId).first("erased_at")).toBeNull();
  });

  it("is not something a staff account is: admins, organisers and door staff get 403 on a kiosk page", async () => {
    for (const cookie of [await staffSession(), await staffSession(organiser.token), await staffSession((await makeStaff("checkin", ["kacc"])).token)]) {
      expect((await staffGet("/staff/kiosk/kacc/bpjs", cookie)).status).toBe(403);
      expect((await staffPost("/staff/kiosk/kacc/bpjs", cookie, validSignup({ name: "Staf Bukan Kios", phone: "0812-3100-0003" }))).status).toBe(403);
    }
    expect((await staffGet("/staff/kiosk/kacc/bpjs", "kf_session=none")).status).toBe(303);
  });
});

describe("revoking a kiosk", () => {
  it("ends its session at once (the tablet is told to forget), is audited, and is listed as revoked", async () => {
    const own = await kioskSession("kacc", "bpjs", organiser.token);
    expect((await kioskGet("/staff/kiosk/kacc/bpjs", own.cookie)).status).toBe(200);
    const elsewhere = await makeStaff("organiser", ["kacc-other"]);
    expect((await call(`/api/v1/events/kacc-other/kiosks/${own.id}`, { token: elsewhere.token, method: "DELETE" })).status).toBe(404);
    expect((await call(`/api/v1/events/kacc/kiosks/${own.id}`, { token: organiser.token, method: "DELETE" })).status).toBe(204);
    const after = await kioskGet("/staff/kiosk/kacc/bpjs", own.cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toMatch(/^\/staff\/login/);
    expect(after.headers.get("clear-site-data")).toContain("storage");
    // and the answer ends the cookie itself (the session rows are ended before it is sent)
    expect(after.headers.get("set-cookie")).toMatch(/^kf_session=;.*Max-Age=0/i);
    const post = await staffPost("/staff/kiosk/kacc/bpjs", own.cookie, validSignup({ name: "Sesudah Cabut", phone: "0812-3100-0004" }));
    expect(post.status).toBe(303);
    expect(await env.DB.prepare("select count(*) n from registrations where phone = '+6281231000004'").first("n")).toBe(0);
    expect((await call(`/api/v1/events/kacc/kiosks/${own.id}`, { token: organiser.token, method: "DELETE" })).status).toBe(404);
    const list = (await (await call("/api/v1/events/kacc/kiosks", { token: organiser.token })).json()) as { kiosks: { id: number; status: string; booth: string }[] };
    expect(list.kiosks.find((k) => k.id === own.id)).toMatchObject({ status: "revoked", booth: "bpjs" });
    expect(await env.DB.prepare("select count(*) n from audit_log where action = 'kiosk.revoke' and subject = ?").bind(`kiosk:${own.id}`).first("n")).toBe(1);
  });

  it("from the organiser's kiosk page too, and signing out ends a kiosk's session", async () => {
    const own = await kioskSession("kacc", "bpjs", organiser.token);
    const page = await staffSession(organiser.token);
    const list = await (await staffGet("/staff/kiosks?event=kacc", page)).text();
    expect(list).toContain(`/staff/kiosks/${own.id}/revoke?event=kacc`);
    expect((await staffPost(`/staff/kiosks/${own.id}/revoke?event=kacc`, page, {})).status).toBe(303);
    expect((await kioskGet("/staff/kiosk/kacc/bpjs", own.cookie)).status).toBe(303);

    const other = await kioskSession("kacc", "bpjs", organiser.token);
    expect((await staffPost("/staff/logout", other.cookie, {})).status).toBe(303);
    expect((await kioskGet("/staff/kiosk/kacc/bpjs", other.cookie)).status).toBe(303);
  });
});
