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
import { fairSql, staffCookie } from "./seed.ts";

const REGISTRATIONS = 10_000;
const BOOTHS = 100;

const event = "(select id from events where slug = 'bench')";
const server = await startLocalServer({
  sql: [
    ...fairSql({ slug: "bench", registrations: REGISTRATIONS, booths: BOOTHS }),
    `insert into programmes (event_id, name, sponsor, funder, months, quota, target, starts_on, ends_on) values (${event}, 'Program kota', 'Pemerintah Kota Kupang', 'apbd', 3, 1000, 500, '2026-01-01', '2027-12-31')`,
    `insert into allocations (programme_id, registration_id) select (select id from programmes), id from registrations where id % 10 = 0`,
    `insert into enrollments (registration_id, coverage, income_base, enrolled_on, programme_id) select id, 'jkk_jkm', 1000000, '2026-12-06', (select id from programmes) from registrations where id % 20 = 0`,
    `update registrations set followup_status = 'enrolled' where id % 20 = 0`,
  ],
});
try {
  const cookie = await staffCookie(server.url, server.adminToken);

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
