import { describe, expect, it } from "vitest";
import { call, makeEvent, makeStaff, ORIGIN, staffGet, staffPost, staffSession } from "../helpers";

describe("staff sign-in", () => {
  it("turns a token into an HttpOnly, Secure, SameSite=Strict session", async () => {
    const res = await call("/staff/login", {
      token: null,
      method: "POST",
      body: new URLSearchParams({ token: (await makeStaff("checkin", "all")).token, next: "/staff/checkin" }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/checkin");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/kf_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it("refuses unknown tokens and never redirects off-site", async () => {
    const bad = await call("/staff/login", {
      token: null,
      method: "POST",
      body: new URLSearchParams({ token: "kf_nope" }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain("Token tidak dikenal");
    const page = await call("/staff/login?next=https://evil.example/", { token: null });
    expect(await page.text()).toContain('name="next" value="/staff"');
  });

  it("sends visitors without a session to sign in, and shows each role its sections", async () => {
    const anon = await call("/staff", { token: null });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/staff/login?next=%2Fstaff");
    const checkin = await staffSession((await makeStaff("checkin", "all")).token);
    const html = await (await staffGet("/staff", checkin)).text();
    expect(html).toContain('href="/staff/checkin"');
    expect(html).not.toContain('href="/staff/leads"');
    expect(html).not.toContain('href="/staff/people"');
    const admin = await (await staffGet("/staff", await staffSession())).text();
    for (const s of ["checkin", "leads", "events", "people"]) expect(admin).toContain(`href="/staff/${s}"`);
  });

  it("ends the session when the token is revoked, and on sign-out", async () => {
    const s = await makeStaff("organiser", "all");
    const cookie = await staffSession(s.token);
    expect((await staffGet("/staff", cookie)).status).toBe(200);
    await call(`/api/v1/staff/${s.id}`, { method: "DELETE" });
    expect((await staffGet("/staff", cookie)).status).toBe(303);
    const admin = await staffSession();
    const out = await staffPost("/staff/logout", admin, {});
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/kf_session=;/);
  });

  it("refuses staff posts from another site (CSRF)", async () => {
    await makeEvent("csrf-ev");
    const cookie = await staffSession();
    const res = await call("/staff/logout", {
      token: null,
      method: "POST",
      body: "",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(403);
  });

  it("does not accept a forged session cookie", async () => {
    const res = await staffGet("/staff", "kf_session=admin.0000.9999999999999.forged");
    expect(res.status).toBe(303);
  });
});
