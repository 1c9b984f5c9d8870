import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, count, makeEvent, makeStaff, ORIGIN, postForm, staffGet, staffPost, staffSession, validSignup } from "../helpers";

let organiser: string;

beforeAll(async () => {
  await makeEvent("gate-ev");
  organiser = (await makeStaff("organiser", ["gate-ev"])).token;
});

describe("the scanner page", () => {
  it("serves checkin, organiser and admin roles, and refuses enrollment", async () => {
    const checkin = await staffSession((await makeStaff("checkin", ["gate-ev"])).token);
    const page = await staffGet("/staff/checkin", checkin);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-event="gate-ev"');
    expect(html).toContain('src="/checkin/scanner.js"');
    const enrollment = await staffSession((await makeStaff("enrollment", ["gate-ev"])).token);
    expect((await staffGet("/staff/checkin", enrollment)).status).toBe(403);
  });

  it("checks guests in without JavaScript: the form post answers with a coloured banner", async () => {
    const code = codeFrom(await postForm("/e/gate-ev", validSignup({ phone: "081500000001", name: "Tanpa JS" })));
    const cookie = await staffSession((await makeStaff("checkin", ["gate-ev"])).token);
    const first = await staffPost("/staff/checkin/scan", cookie, { event: "gate-ev", gate: "Pintu 1", ticket: `${ORIGIN}/t/${code}`, direction: "in" });
    expect(first.status).toBe(200);
    expect(await first.text()).toMatch(/data-status="checked_in"[^>]*>Silakan masuk: Tanpa JS/);
    const again = await staffPost("/staff/checkin/scan", cookie, { event: "gate-ev", gate: "Pintu 2", ticket: code, direction: "in" });
    expect(await again.text()).toMatch(/data-status="already_checked_in"[^>]*>Sudah masuk sejak \d\d:\d\d di Pintu 1/);
    const search = await staffGet("/staff/checkin?event=gate-ev&gate=Pintu%201&q=tanpa", cookie);
    expect(await search.text()).toContain("Tanpa JS · 0815-****-0001 · di dalam");
  });
});

describe("malformed bodies on the staff forms", () => {
  it("never give a 500", async () => {
    const cookie = await staffSession(organiser);
    for (const path of ["/staff/checkin/scan", "/staff/checkin/pair?event=gate-ev"]) {
      const res = await call(path, {
        token: null,
        method: "POST",
        body: "garbage",
        headers: { cookie, origin: ORIGIN, "content-type": "multipart/form-data; boundary=xx" },
      });
      expect(res.status, path).toBeLessThan(500);
    }
  });
});

describe("pairing a gate device", () => {
  it("turns a one-time QR link into a check-in session bound to the gate, which the organiser can revoke", async () => {
    const org = await staffSession(organiser);
    const made = await staffPost("/staff/checkin/pair?event=gate-ev", org, { gate: "Pintu Timur" });
    expect(made.status).toBe(201);
    const html = await made.text();
    const url = /<code>([^<]+)<\/code>/.exec(html)![1]!;
    expect(url).toMatch(new RegExp(`^${ORIGIN}/staff/pair/[A-Za-z0-9_-]{43}$`));
    expect(html).toContain("<svg");
    const path = new URL(url).pathname;

    const confirm = await call(path, { token: null });
    expect(await confirm.text()).toContain("Pintu Timur");
    const paired = await call(path, { token: null, method: "POST", headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(paired.status).toBe(303);
    const device = /kf_session=[^;]+/.exec(paired.headers.get("set-cookie")!)![0];
    // one use only
    expect((await call(path, { token: null, method: "POST", headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }, body: "" })).status).toBe(410);

    const code = codeFrom(await postForm("/e/gate-ev", validSignup({ phone: "081500000002" })));
    // the scanner script's fetch: the phone's session cookie, and the Origin a browser sends with it
    const res = await call("/api/v1/events/gate-ev/checkins", { token: null, json: { ticket: code, gate: "Elsewhere" }, headers: { cookie: device, origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ gate: "Pintu Timur" });

    const devices = await (await call("/api/v1/events/gate-ev/devices", { token: organiser })).json<{ devices: { id: number; gate: string; revoked_at: string | null }[] }>();
    const mine = devices.devices.find((d) => d.gate === "Pintu Timur")!;
    expect(mine.revoked_at).toBeNull();
    expect((await call(`/api/v1/events/gate-ev/devices/${mine.id}`, { token: organiser, method: "DELETE" })).status).toBe(204);
    expect((await staffGet("/staff/checkin", device)).status).toBe(303);
  });

  it("lets only one of two phones that open the same code at once become the device", async () => {
    const res = await call("/api/v1/events/gate-ev/pairings", { token: organiser, json: { gate: "Pintu Kembar" } });
    const path = new URL((await res.json<{ pairing_url: string }>()).pairing_url).pathname;
    const posts = await Promise.all(
      [1, 2].map(() => call(path, { token: null, method: "POST", headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }, body: "" })),
    );
    expect(posts.map((r) => r.status).sort()).toEqual([303, 410]);
    const devices = await (await call("/api/v1/events/gate-ev/devices", { token: organiser })).json<{ devices: { gate: string }[] }>();
    expect(devices.devices.filter((d) => d.gate === "Pintu Kembar")).toHaveLength(1);
    expect(await count("audit_log", "action = 'pairing.use'")).toBeGreaterThanOrEqual(1);
  });

  it("makes pairing links through the API too, and refuses expired or unknown ones", async () => {
    const res = await call("/api/v1/events/gate-ev/pairings", { token: organiser, json: { gate: "Pintu 9" } });
    expect(res.status).toBe(201);
    const body = await res.json<{ pairing_url: string; expires_at: string }>();
    expect(body.expires_at).toMatch(/\+08:00$/);
    expect((await call("/staff/pair/not-a-real-secret", { token: null })).status).toBe(410);
    const checkin = (await makeStaff("checkin", ["gate-ev"])).token;
    expect((await call("/api/v1/events/gate-ev/pairings", { token: checkin, json: { gate: "x" } })).status).toBe(403);
    expect((await call("/api/v1/events/gate-ev/devices/999", { token: organiser, method: "DELETE" })).status).toBe(404);
  });
});
