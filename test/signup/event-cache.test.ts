/**
 * Events and booths come from this isolate's copy on the signup path, yet a
 * change is seen at once: a change made here drops the copy, and a change made
 * elsewhere (written straight to D1 below, as another isolate would) bumps the
 * event's version, which every signup write requires to be the one it judged by.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { EVENT_CACHE_MS, forgetEvent, recallEvent, rememberEvent } from "../../src/base/events/event-cache";
import type { Event } from "../../src/db/schema";
import { call, codeFrom, count, experienceQuestion, makeBooth, makeEvent, ORIGIN, postForm, staffPost, staffSession, validSignup } from "../helpers";

const form = async (path: string) => (await call(path, { token: null })).text();
const patch = (slug: string, json: unknown) => call(`/api/v1/events/${slug}`, { method: "PATCH", json });
const registrationsOf = (slug: string) => count("registrations", "event_id = (select id from events where slug = ?)", slug);

/** A change as another isolate makes it: straight to D1 with the version bumped, this isolate's copy untouched. */
const changeElsewhere = (slug: string, set: string, ...params: unknown[]) =>
  env.DB.prepare(`update events set ${set}, version = version + 1 where slug = ?`).bind(...params, slug).run();

beforeAll(async () => {
  for (const slug of ["ec-name", "ec-q", "ec-close", "ec-stale", "ec-stale-q", "ec-tap"]) {
    await makeEvent(slug);
    await makeBooth(slug, "bpjs", "BPJS Ketenagakerjaan");
  }
});

describe("a change made through the app is seen at once", () => {
  it("a new event name shows on the signup form and on the ticket page right after the change", async () => {
    expect(await form("/e/ec-name/bpjs")).toContain("Festival ec-name");
    const code = codeFrom(await postForm("/e/ec-name/bpjs", validSignup({ phone: "081377770001" })));
    expect(await form(`/t/${code}`)).toContain("Festival ec-name");

    expect((await patch("ec-name", { name: "Pameran Tenun Kupang" })).status).toBe(200);
    expect(await form("/e/ec-name/bpjs")).toContain("Pameran Tenun Kupang");
    expect(await form(`/t/${code}`)).toContain("Pameran Tenun Kupang");
  });

  it("a booth renamed in the console shows on its form at once", async () => {
    expect(await form("/e/ec-name/bpjs")).toContain("BPJS Ketenagakerjaan");
    const cookie = await staffSession();
    expect((await staffPost("/staff/events/ec-name/booths/bpjs", cookie, { name: "BPJS Kacab Kupang", exhibitor: "" })).status).toBe(303);
    expect(await form("/e/ec-name/bpjs")).toContain("BPJS Kacab Kupang");
  });

  it("a question made required is asked of the very next signup", async () => {
    expect((await postForm("/e/ec-q/bpjs", validSignup({ phone: "081377770002" }))).status).toBe(303);
    expect((await patch("ec-q", { questions: [experienceQuestion(true)] })).status).toBe(200);
    const res = await postForm("/e/ec-q/bpjs", validSignup({ phone: "081377770003" }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Lama bekerja");
    expect(await count("registrations", "phone = ?", "+6281377770003")).toBe(0);
  });

  it("closing registration in the console refuses the next signup", async () => {
    expect((await postForm("/e/ec-close/bpjs", validSignup({ phone: "081377770004" }))).status).toBe(303);
    const cookie = await staffSession();
    expect((await staffPost("/staff/events/ec-close/close", cookie, {})).status).toBe(303);
    const before = await registrationsOf("ec-close");
    expect((await postForm("/e/ec-close/bpjs", validSignup({ phone: "081377770005" }))).status).toBe(410);
    expect(await registrationsOf("ec-close")).toBe(before);
  });
});

describe("a stale copy (another isolate changed the event) never decides a signup", () => {
  it("an event closed elsewhere refuses the signup and writes nothing, though this isolate's copy says open", async () => {
    expect(await form("/e/ec-stale/bpjs")).toContain("Festival ec-stale"); // the copy is kept now
    await changeElsewhere("ec-stale", "status = 'closed'");
    expect(recallEvent("ec-stale", "bpjs")?.event.status).toBe("open"); // the copy is stale indeed
    const before = await registrationsOf("ec-stale");
    const visits = await count("booth_visits");
    const res = await postForm("/e/ec-stale/bpjs", validSignup({ phone: "081377770006" }));
    expect(res.status).toBe(410);
    expect(await registrationsOf("ec-stale")).toBe(before);
    expect(await count("booth_visits")).toBe(visits);
    // and the copy was replaced by the event as it is
    expect(recallEvent("ec-stale")?.event.status).toBe("closed");
  });

  it("a question added elsewhere is asked, with the person's answers kept, though the copy has no questions", async () => {
    expect(await form("/e/ec-stale-q/bpjs")).not.toContain("Lama bekerja");
    await changeElsewhere("ec-stale-q", "questions = ?", JSON.stringify([experienceQuestion(true)]));
    const res = await postForm("/e/ec-stale-q/bpjs", validSignup({ name: "Marta Sine", phone: "081377770007" }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Lama bekerja");
    expect(html).toContain('value="Marta Sine"');
    expect(await count("registrations", "phone = ?", "+6281377770007")).toBe(0);
    // answered, it registers
    expect((await postForm("/e/ec-stale-q/bpjs", validSignup({ phone: "081377770007", experience: "gt1" }))).status).toBe(303);
  });

  it("a returning attendee's one tap at a booth of an event closed elsewhere records nothing", async () => {
    const code = codeFrom(await postForm("/e/ec-tap/bpjs", validSignup({ phone: "081377770008" })));
    await makeBooth("ec-tap", "tenun", "Tenun Ikat");
    expect(await form("/e/ec-tap/tenun")).toContain("Tenun Ikat");
    await changeElsewhere("ec-tap", "status = 'closed'");
    const visits = await count("booth_visits");
    const res = await call("/e/ec-tap/tenun/interest", { token: null, method: "POST", headers: { cookie: `kf_ticket=${code}`, origin: ORIGIN } });
    expect(res.status).toBe(410);
    expect(await count("booth_visits")).toBe(visits);
  });
});

describe("the copy itself", () => {
  const event = { id: 999, slug: "ec-unit", version: 3, status: "open" } as Event;
  const booth = { id: 5, eventId: 999, code: "b", name: "B", exhibitor: "", createdAt: new Date(0) };

  it("serves for EVENT_CACHE_MS, then is read again", () => {
    rememberEvent(event, booth, 1_000);
    expect(recallEvent("ec-unit", "b", 1_000 + EVENT_CACHE_MS - 1)?.booth).toEqual(booth);
    expect(recallEvent("ec-unit", undefined, 1_000 + EVENT_CACHE_MS)).toBeUndefined();
  });

  it("keeps booths only while the event's version is the same, and forgets on request", () => {
    rememberEvent(event, booth, 1_000);
    rememberEvent({ ...event, version: 4 }, undefined, 2_000);
    expect(recallEvent("ec-unit", "b", 2_000)).toBeUndefined();
    expect(recallEvent("ec-unit", undefined, 2_000)?.event.version).toBe(4);
    forgetEvent("ec-unit");
    expect(recallEvent("ec-unit", undefined, 2_000)).toBeUndefined();
  });
});
