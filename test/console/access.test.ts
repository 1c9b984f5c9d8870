/** Every console page serves its roles and refuses the rest; posts from other sites are refused. */
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, makeBooth, makeEvent, makeStaff, ORIGIN, staffGet, staffPost, staffSession } from "../helpers";

const eventPages = (slug: string) => [
  `/staff/events/${slug}`,
  `/staff/events/${slug}/booths`,
  `/staff/events/${slug}/booths/stand`,
  `/staff/events/${slug}/booths/stand/poster?size=a4`,
  `/staff/events/${slug}/posters`,
  `/staff/events/${slug}/dashboard`,
];

const sessions: Record<string, string> = {};

beforeAll(async () => {
  for (const slug of ["acc-mine", "acc-other"]) {
    await makeEvent(slug);
    await makeBooth(slug, "stand", "Stan Tenun");
  }
  sessions.admin = await staffSession();
  sessions.organiserAll = await staffSession((await makeStaff("organiser", "all")).token);
  sessions.organiserMine = await staffSession((await makeStaff("organiser", ["acc-mine"])).token);
  sessions.checkin = await staffSession((await makeStaff("checkin", "all")).token);
  sessions.enrollment = await staffSession((await makeStaff("enrollment", "all")).token);
});

const status = async (path: string, who: string) => (await staffGet(path, sessions[who]!)).status;

describe("console pages by role", () => {
  it("serve admins everything, including people", async () => {
    for (const p of ["/staff/events", "/staff/events/new", "/staff/people", ...eventPages("acc-mine"), ...eventPages("acc-other")]) {
      expect(await status(p, "admin"), p).toBe(200);
    }
  });

  it("serve organisers their events but not the people page", async () => {
    for (const p of ["/staff/events", "/staff/events/new", ...eventPages("acc-mine"), ...eventPages("acc-other")]) {
      expect(await status(p, "organiserAll"), p).toBe(200);
    }
    expect(await status("/staff/people", "organiserAll")).toBe(403);
  });

  it("keep a scoped organiser inside their events, and out of creating events", async () => {
    for (const p of eventPages("acc-mine")) expect(await status(p, "organiserMine"), p).toBe(200);
    for (const p of eventPages("acc-other")) expect(await status(p, "organiserMine"), p).toBe(403);
    const list = await (await staffGet("/staff/events", sessions.organiserMine!)).text();
    expect(list).toContain("/staff/events/acc-mine");
    expect(list).not.toContain("/staff/events/acc-other");
    expect(list).not.toContain('href="/staff/events/new"');
    expect(await status("/staff/events/new", "organiserMine")).toBe(403);
    const before = await count("events");
    const post = await staffPost("/staff/events", sessions.organiserMine!, { slug: "acc-sneaky", name: "x", venue: "x", city: "x", starts_at: "2026-12-05T09:00", ends_at: "2026-12-05T18:00" });
    expect(post.status).toBe(403);
    expect(await count("events")).toBe(before);
    // nor change another event by posting to it
    expect((await staffPost("/staff/events/acc-other/close", sessions.organiserMine!, {})).status).toBe(403);
    expect((await staffPost("/staff/events/acc-other/booths", sessions.organiserMine!, { name: "Stan Baru" })).status).toBe(403);
  });

  it("refuse check-in and enrollment staff (403), even to read", async () => {
    for (const who of ["checkin", "enrollment"]) {
      for (const p of ["/staff/events", "/staff/events/new", "/staff/people", ...eventPages("acc-mine")]) {
        expect(await status(p, who), `${who} ${p}`).toBe(403);
      }
      expect((await staffPost("/staff/events/acc-mine/open", sessions[who]!, {})).status).toBe(403);
      expect((await staffPost("/staff/people", sessions[who]!, { name: "x", role: "admin", scope: "all" })).status).toBe(403);
    }
    // the refusal is a page for a person, not JSON
    const res = await staffGet("/staff/events", sessions.checkin!);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("Anda tidak punya akses");
  });

  it("send visitors without a session to sign in, and back afterwards", async () => {
    for (const p of ["/staff/events", "/staff/events/new", "/staff/people", ...eventPages("acc-mine")]) {
      const res = await call(p, { token: null });
      expect(res.status, p).toBe(303);
      expect(res.headers.get("location")).toBe(`/staff/login?next=${encodeURIComponent(p)}`);
    }
    const post = await call("/staff/events/acc-mine/open", { token: null, method: "POST", body: "", headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" } });
    expect(post.status).toBe(303);
    expect(post.headers.get("location")).toMatch(/^\/staff\/login/);
  });

  it("answer 404 for an event or booth that does not exist", async () => {
    expect(await status("/staff/events/acc-none", "admin")).toBe(404);
    expect(await status("/staff/events/acc-mine/booths/nope", "admin")).toBe(404);
    expect(await status("/staff/events/acc-mine/booths/nope/poster", "admin")).toBe(404);
  });
});

describe("CSRF", () => {
  it("refuses a console post from another site, and changes nothing", async () => {
    const cross = (path: string, body: string, headers: Record<string, string>) =>
      call(path, { token: null, method: "POST", body, headers: { cookie: sessions.admin!, "content-type": "application/x-www-form-urlencoded", ...headers } });
    const before = await count("events");
    const evil = await cross("/staff/events", "slug=acc-csrf&name=x&venue=x&city=x&starts_at=2026-12-05T09%3A00&ends_at=2026-12-05T18%3A00", { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(await count("events")).toBe(before);
    const siteless = await cross("/staff/events/acc-mine/open", "", { "sec-fetch-site": "cross-site" });
    expect(siteless.status).toBe(403);
    const people = await cross("/staff/people", "name=Mallory&role=admin&scope=all", { origin: "https://evil.example" });
    expect(people.status).toBe(403);
    expect(await count("staff", "name = ?", "Mallory")).toBe(0);
  });
});
