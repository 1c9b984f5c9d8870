/**
 * The dashboard after a scripted fair: signups through the real form at
 * different booths, then check-ins and follow-ups written with SQL (those
 * features land separately), then every figure compared with SQL counts.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { eventStats } from "../../src/base/stats/event-stats";
import { findEventBySlug } from "../../src/base/events/events.service";
import { makeBooth, makeEvent, postForm, staffGet, staffSession, validSignup } from "../helpers";

const phone = (n: number) => `08119000${String(n).padStart(4, "0")}`;
const e164 = (n: number) => `+628119000${String(n).padStart(4, "0")}`;
let eventId: number;
let html: string;

/** [person, booth ('' = the event link), regency, contact opt-in, local signup time in WITA] */
const FAIR: [number, string, string, boolean, string][] = [
  [1, "bpjs", "53.71", true, "2026-12-05T09:10:00"],
  [2, "bpjs", "53.71", true, "2026-12-05T09:20:00"],
  [3, "bpjs", "53.01", true, "2026-12-05T09:59:59"],
  [4, "bpjs", "53.71", true, "2026-12-05T10:00:00"],
  [5, "bpjs", "53.04", true, "2026-12-05T10:30:00"],
  [6, "bpjs", "53.71", true, "2026-12-05T10:45:00"],
  [7, "tenun", "53.11", true, "2026-12-05T09:50:00"],
  [8, "tenun", "53.71", true, "2026-12-05T09:55:00"],
  [9, "tenun", "other", false, "2026-12-05T11:05:00"],
  [10, "tenun", "53.71", false, "2026-12-05T11:10:00"],
  [11, "kopi", "53.01", false, "2026-12-05T11:30:00"],
  [12, "kopi", "53.71", false, "2026-12-05T11:40:00"],
  [13, "", "53.71", false, "2026-12-05T09:05:00"],
  // after midnight in Kupang, still the 5th in UTC
  [14, "", "53.01", false, "2026-12-06T00:15:00"],
];

const sql = (query: string, ...params: unknown[]) => env.DB.prepare(query).bind(...params);
const n = async (query: string, ...params: unknown[]) => (await sql(query, ...params).first<{ n: number }>())!.n;
const ticketOf = async (person: number, slug = "dash-fair") =>
  n("select t.id as n from tickets t join registrations r on r.id = t.registration_id join events e on e.id = r.event_id where r.phone = ? and e.slug = ?", e164(person), slug);

async function scan(ticket: number, seq: number, direction: "in" | "out", undone = false) {
  await sql(
    "insert into checkins (ticket_id, event_id, seq, direction, gate, scanned_at, undone_at) select id, event_id, ?, ?, 'Pintu 1', ?, ? from tickets where id = ?",
    seq,
    direction,
    Date.UTC(2026, 11, 5, 2, seq),
    undone ? Date.UTC(2026, 11, 5, 3) : null,
    ticket,
  ).run();
}

beforeAll(async () => {
  eventId = (await makeEvent("dash-fair", { status: "open" })).id;
  for (const [code, name] of [["bpjs", "BPJS Ketenagakerjaan"], ["tenun", "Tenun Ikat"], ["kopi", "Kopi Flores"], ["sasando", "Sasando"]]) await makeBooth("dash-fair", code!, name);
  for (const [who, booth, regency, optIn] of FAIR) {
    const fields = validSignup({ name: `Peserta ${who}`, phone: phone(who), regency });
    if (!optIn) delete fields.contact_ok;
    const res = await postForm(`/e/dash-fair${booth ? `/${booth}` : ""}`, fields);
    expect(res.status).toBe(303);
  }
  // person 7 shows interest at BPJS too, from a browser that does not hold the ticket: "already registered"
  // (200), a visit recorded, not a new registration
  expect((await postForm("/e/dash-fair/bpjs", validSignup({ name: "Peserta 7", phone: phone(7), regency: "53.11" }))).status).toBe(200);
  // signup times: the form stamps "now"; the fair happened on 5 December
  for (const [who, , , , local] of FAIR) {
    await sql("update registrations set created_at = ? where phone = ?", Date.parse(`${local}+08:00`) + 0.25, e164(who)).run();
  }

  // another event's activity must not leak in
  await makeEvent("dash-other", { status: "open" });
  await postForm("/e/dash-other", validSignup({ phone: phone(99) }));
  await scan(await ticketOf(99, "dash-other"), 1, "in");

  // door: admitted; admitted then left; admission undone; in-out-in; exit undone; undone then admitted again
  await scan(await ticketOf(1), 1, "in");
  await scan(await ticketOf(2), 1, "in");
  await scan(await ticketOf(2), 2, "out");
  await scan(await ticketOf(3), 1, "in", true);
  for (const [seq, dir] of [[1, "in"], [2, "out"], [3, "in"]] as const) await scan(await ticketOf(4), seq, dir);
  await scan(await ticketOf(5), 1, "in");
  await scan(await ticketOf(5), 2, "out", true);
  await scan(await ticketOf(6), 1, "in", true);
  await scan(await ticketOf(6), 2, "in");

  // follow-up, and the rights people exercise
  for (const [who, status] of [[1, "contacted"], [2, "enrolled"], [8, "enrolled"], [9, "declined"], [10, "unreachable"]] as const) {
    await sql("update registrations set followup_status = ? where phone = ?", status, e164(who)).run();
  }
  await sql("update registrations set contact_consent_at = null where phone = ?", e164(7)).run(); // withdrew
  await sql("update registrations set erased_at = ?, name = null, phone = null, email = null where phone = ?", Date.now(), e164(8)).run(); // erased

  html = await (await staffGet("/staff/events/dash-fair/dashboard", await staffSession())).text();
});

const figure = (name: string) => Number(new RegExp(`data-figure="${name}" data-value="(\\d+)"`).exec(html)?.[1]);

describe("the dashboard after a scripted fair", () => {
  it("shows the five figures the database holds", async () => {
    const expected = {
      registrations: await n("select count(*) as n from registrations where event_id = ?", eventId),
      checkedIn: await n("select count(distinct ticket_id) as n from checkins where event_id = ? and direction = 'in' and undone_at is null", eventId),
      insideNow: await n(
        `select count(*) as n from tickets t where t.event_id = ? and
           (select direction from checkins c where c.ticket_id = t.id and c.undone_at is null order by seq desc limit 1) = 'in'`,
        eventId,
      ),
      contactOptIns: await n("select count(*) as n from registrations where event_id = ? and contact_consent_at is not null and erased_at is null", eventId),
      enrolled: await n("select count(*) as n from registrations where event_id = ? and followup_status = 'enrolled'", eventId),
    };
    // the script above, counted by hand: the SQL is right too
    expect(expected).toEqual({ registrations: 14, checkedIn: 5, insideNow: 4, contactOptIns: 6, enrolled: 2 });
    for (const [name, value] of Object.entries(expected)) expect(figure(name), name).toBe(value);
  });

  it("draws the funnel with its numbers in text", async () => {
    const contacted = await n("select count(*) as n from registrations where event_id = ? and followup_status in ('contacted','enrolled','declined')", eventId);
    expect(contacted).toBe(4);
    expect(html).toContain("<title>Mendaftar: 14 (100%)</title>");
    expect(html).toContain("<title>Sudah check-in: 5 (36%)</title>");
    expect(html).toContain(`<title>Sudah dihubungi: ${contacted} (29%)</title>`);
    expect(html).toContain("<title>Terdaftar BPJS: 2 (14%)</title>");
  });

  it("counts signups per hour per first booth, in the event's time zone", async () => {
    const cell = (booth: string, hour: string) => new RegExp(`<title>${booth}, ${hour} WITA: (\\d+) pendaftar</title>`).exec(html)?.[1];
    expect(cell("BPJS Ketenagakerjaan", "2026-12-05 09:00")).toBe("3");
    expect(cell("BPJS Ketenagakerjaan", "2026-12-05 10:00")).toBe("3");
    expect(cell("Tenun Ikat", "2026-12-05 09:00")).toBe("2");
    expect(cell("Tenun Ikat", "2026-12-05 11:00")).toBe("2");
    expect(cell("Kopi Flores", "2026-12-05 11:00")).toBe("2");
    expect(cell("Tanpa stan", "2026-12-05 09:00")).toBe("1");
    expect(cell("Tanpa stan", "2026-12-06 00:00")).toBe("1");
    // the hours between are drawn too (as zero), so gaps show
    expect(cell("Tanpa stan", "2026-12-05 17:00")).toBe("0");
    // a booth with no signups is in the table, not in the heatmap
    expect(html).not.toContain("<title>Sasando, ");
    expect(html).toContain('<tr data-booth="sasando"><td>Sasando</td><td class="n">0</td><td class="n">0</td>');
  });

  it("tabulates booths (first booth and interest) and regencies as SQL does", async () => {
    const byBooth = await sql("select b.code, (select count(*) from registrations r where r.first_booth_id = b.id) as signups, (select count(*) from booth_visits v where v.booth_id = b.id) as visits from booths b where b.event_id = ?", eventId).all<{ code: string; signups: number; visits: number }>();
    expect(byBooth.results.find((b) => b.code === "bpjs")).toEqual({ code: "bpjs", signups: 6, visits: 7 });
    for (const b of byBooth.results) {
      expect(html, b.code).toMatch(new RegExp(`<tr data-booth="${b.code}"><td>[^<]+</td><td class="n">${b.signups}</td><td class="n">${b.visits}</td>`));
    }
    expect(html).toMatch(/<tr data-booth=""><td>Tanpa stan<\/td><td class="n">2<\/td>/);

    const regencies = await sql(
      `select regency, count(*) as registrations,
         sum(exists(select 1 from tickets t join checkins c on c.ticket_id = t.id where t.registration_id = r.id and c.direction = 'in' and c.undone_at is null)) as checkedIn,
         sum(contact_consent_at is not null and erased_at is null) as optIns, sum(followup_status = 'enrolled') as enrolled
       from registrations r where event_id = ? group by regency`,
      eventId,
    ).all<{ regency: string; registrations: number; checkedIn: number; optIns: number; enrolled: number }>();
    expect(regencies.results.find((r) => r.regency === "53.71")).toEqual({ regency: "53.71", registrations: 8, checkedIn: 4, optIns: 4, enrolled: 2 });
    for (const r of regencies.results) {
      expect(html, r.regency).toMatch(new RegExp(`<tr data-regency="${r.regency}"><td>[^<]+</td><td class="n">${r.registrations}</td><td class="n">${r.checkedIn}</td><td class="n">${r.optIns}</td><td class="n">${r.enrolled}</td></tr>`));
    }
    expect(html).toContain("<td>Kota Kupang</td>");
    expect(html).toContain("<td>Luar NTT</td>");
  });

  it("never reloads itself: a reload link, figures that need no JavaScript, an optional script that updates them in place; charts named for screen readers", async () => {
    // a page that reloads itself takes the reader's place away (WCAG 2.2.1, 2.2.2)
    expect(html).not.toContain("http-equiv");
    expect(html).toMatch(/<span id="live-status" role="status"[^>]*>Angka per \d\d:\d\d WITA\.<\/span>/);
    expect(html).toContain('<a href="/staff/events/dash-fair/dashboard" class="btn alt">Muat ulang</a>');
    expect(html).toContain('<div id="live" data-live="30">');
    // the only script is deferred and optional: the figures are in the page already
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/console/console.js" defer="">']);
    expect(html).toContain('<button type="button" id="live-toggle" class="btn alt" hidden=""');
    expect(html.match(/<svg role="img" aria-labelledby="(\w+)-t \1-d"/g)).toHaveLength(4);
    expect(html).toContain("Paling ramai jam 00:00: Tanpa stan (1 pendaftar)");
  });

  it("reuses one service for the figures (the stats API can call it too)", async () => {
    const db = createDb(env.DB);
    const stats = await eventStats(db, (await findEventBySlug(db, "dash-fair"))!);
    expect(stats).toMatchObject({ registrations: 14, checkedIn: 5, insideNow: 4, contactOptIns: 6, contacted: 4, enrolled: 2 });
    expect(stats.booths.map((b) => [b.code, b.signups])).toEqual([["bpjs", 6], ["tenun", 4], ["kopi", 2], ["sasando", 0], [null, 2]]);
    expect(stats.signupsByHour.reduce((s, h) => s + h.count, 0)).toBe(14);
  });

  it("buckets hours in zones with half-hour offsets and with daylight saving", async () => {
    const db = createDb(env.DB);
    const hoursIn = async (slug: string, tz: string, startsAt: string, times: string[]) => {
      const id = (await makeEvent(slug, { timezone: tz, starts_at: startsAt, ends_at: "2026-12-31T00:00:00Z" })).id;
      for (const [i, at] of times.entries()) {
        await sql(
          "insert into registrations (event_id, name, phone, regency, occupation, consent_at, consent_purposes, notice_version, created_at) values (?, 'x', ?, '53.71', 'kriya', 0, '[]', '1', ?)",
          id,
          `+62811${slug.length}${i}`,
          Date.parse(at),
        ).run();
      }
      const stats = await eventStats(db, (await findEventBySlug(db, slug))!);
      return Object.fromEntries(stats.signupsByHour.map((h) => [h.hour, h.count]));
    };
    // India: +05:30 all year
    expect(await hoursIn("dash-kolkata", "Asia/Kolkata", "2026-12-05T09:00:00+05:30", ["2026-12-05T03:45:00Z", "2026-12-05T04:29:59Z", "2026-12-05T04:30:00Z"])).toEqual({
      "2026-12-05 09:00": 2,
      "2026-12-05 10:00": 1,
    });
    // Berlin springs forward at 01:00 UTC on 29 March 2026: 02:00 local never happens
    expect(await hoursIn("dash-berlin", "Europe/Berlin", "2026-03-28T09:00:00+01:00", ["2026-03-29T00:30:00Z", "2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:45:00Z"])).toEqual({
      "2026-03-29 01:00": 2,
      "2026-03-29 03:00": 2,
    });
  });

  it("keeps the heatmap to the 25 busiest booths while the table lists all", async () => {
    const id = (await makeEvent("dash-many")).id;
    for (let b = 0; b < 30; b++) {
      await sql("insert into booths (event_id, code, name) values (?, ?, ?)", id, `s${b}`, `Stan ${b}`).run();
      await sql(
        "insert into registrations (event_id, name, phone, regency, occupation, first_booth_id, consent_at, consent_purposes, notice_version) select ?, 'x', ?, '53.71', 'kriya', id, 0, '[]', '1' from booths where event_id = ? and code = ?",
        id,
        `+6281177${b}`,
        id,
        `s${b}`,
      ).run();
    }
    const page = await (await staffGet("/staff/events/dash-many/dashboard", await staffSession())).text();
    const heatRows = new Set([...page.matchAll(/<title>(Stan \d+), [^<]+ WITA: \d+ pendaftar<\/title>/g)].map((m) => m[1]));
    expect(heatRows.size).toBe(25);
    expect(page.match(/<tr data-booth="s\d+">/g)).toHaveLength(30);
    expect(page).toContain("Hanya 25 stan tersibuk");
  });

  it("shows an empty event without failing", async () => {
    await makeEvent("dash-empty");
    const res = await staffGet("/staff/events/dash-empty/dashboard", await staffSession());
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Belum ada pendaftar.");
    expect(page).toContain('data-figure="registrations" data-value="0"');
  });
});
