/**
 * The organiser dashboard (with the enrollment funnel), the stats API, the
 * all-posters page and a programme's file against a real local server
 * (`wrangler dev`), with a fair of 10,000 registrations, 100 booths, 11,000
 * door scans, and a sponsored programme holding 1,000 places (500 enrolled),
 * seeded in SQL before it starts; a bare route (`/livez`) in the same run is
 * the baseline. Run: `npm run bench:dashboard`.
 */
import { gzipSync } from "node:zlib";
import { startLocalServer } from "../test/e2e/local-server.ts";

const REGISTRATIONS = 10_000;
const BOOTHS = 100;
const start = Date.UTC(2026, 11, 5, 1);
const event = "(select id from events where slug = 'bench')";

const server = await startLocalServer({
  sql: [
    `insert into events (slug, name, venue, city, starts_at, ends_at, status) values ('bench', 'Bench fair', 'Taman Budaya', 'Kupang', ${start}, ${start + 36 * 3600_000}, 'open')`,
    `with recursive n(i) as (select 0 union all select i+1 from n where i < ${BOOTHS - 1}) insert into booths (event_id, code, name) select ${event}, 'b' || i, 'Stan nomor ' || i from n`,
    `insert into registrations (event_id, name, phone, regency, occupation, first_booth_id, consent_at, consent_purposes, notice_version, contact_consent_at, followup_status, created_at)
      with recursive n(i) as (select 1 union all select i+1 from n where i < ${REGISTRATIONS})
      select ${event}, 'P', '+62811' || i, case i % 5 when 0 then '53.71' when 1 then '53.01' when 2 then '53.04' when 3 then 'other' else '53.11' end, 'kriya',
        (select id from booths where event_id = ${event} and code = 'b' || (i % ${BOOTHS})), ${start}, '[]', '1', case when i % 2 = 0 then ${start} end,
        case i % 7 when 0 then 'enrolled' when 1 then 'contacted' else 'new' end, ${start} + i * 3000 from n`,
    `insert into tickets (registration_id, event_id, code) select id, event_id, 'c' || id from registrations`,
    `insert into checkins (ticket_id, event_id, seq, direction, gate, scanned_at) select id, event_id, 1, 'in', 'G', 0 from tickets where id % 10 < 8`,
    `insert into checkins (ticket_id, event_id, seq, direction, gate, scanned_at) select id, event_id, 2, 'out', 'G', 0 from tickets where id % 10 < 3`,
    `insert into programmes (event_id, name, sponsor, funder, months, quota, target, starts_on, ends_on) values (${event}, 'Program kota', 'Pemerintah Kota Kupang', 'apbd', 3, 1000, 500, '2026-01-01', '2027-12-31')`,
    `insert into allocations (programme_id, registration_id) select (select id from programmes), id from registrations where id % 10 = 0`,
    `insert into enrollments (registration_id, coverage, income_base, enrolled_on, programme_id) select id, 'jkk_jkm', 1000000, '2026-12-06', (select id from programmes) from registrations where id % 20 = 0`,
    `update registrations set followup_status = 'enrolled' where id % 20 = 0`,
  ],
});
try {
  const login = await fetch(`${server.url}/staff/login`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url }, body: new URLSearchParams({ token: server.adminToken }) });
  const cookie = /kf_session=[^;]+/.exec(login.headers.get("set-cookie") ?? "")![0];

  const medians = new Map<string, number>();
  async function measure(path: string, runs: number) {
    const times: number[] = [];
    let body = "";
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      if (i >= 3) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0);
    medians.set(path, Number(at(0.5)));
    const ratio = medians.has("/livez") && path !== "/livez" ? ` (${(Number(at(0.5)) / Math.max(1, medians.get("/livez")!)).toFixed(1)}× the bare route)` : "";
    console.log(`${path}: median ${at(0.5)} ms, p95 ${at(0.95)} ms over ${runs} requests${ratio}; ${body.length} bytes, ${gzipSync(body).length} gzipped`);
  }
  console.log(`fair: ${REGISTRATIONS} registrations, ${BOOTHS} booths, ${REGISTRATIONS * 0.8 + REGISTRATIONS * 0.3} scans`);
  await measure("/livez", 30);
  await measure("/staff/events/bench/dashboard", 30);
  await measure("/api/v1/events/bench/stats", 30);
  await measure("/staff/events/bench/posters?size=a4", 5);
  await measure("/api/v1/programmes/1/workers.csv?include=nik", 5);
} finally {
  await server.stop();
}
