/**
 * The app at national scale, locally: 1,000,000 registrations (each with a
 * ticket, a third with a booth visit), about 100,000 door scans and 1,000
 * booths over 100 events, loaded in SQL before `wrangler dev` starts. The
 * measured fair is one of them: 10,000 registrations (a large Kupang fair) and
 * 100 booths. Every hot read is timed here (median and p95 of sequential
 * requests); the dashboard must stay under 200 ms. The database's size on disk
 * gives the bytes per registration behind the capacity note in the README.
 *
 *   npm run bench:scale                (RUNS=20 per route)
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalServer } from "../test/e2e/local-server.ts";
import { fairSql, seedTicketCode, staffCookie } from "./seed.ts";

const RUNS = Number(process.env.RUNS ?? 20);
const TOTAL = 1_000_000;
const FAIR = 10_000;
const OTHERS = 99;

const dir = mkdtempSync(join(tmpdir(), "kf-scale-"));
const file = join(dir, "scale.sql");
writeFileSync(
  file,
  `${fairSql({ slug: "bench", registrations: FAIR, booths: 100, others: OTHERS, otherRegistrations: TOTAL - FAIR, otherBooths: 900, scanEvery: 11 }).join(";\n")};\n`,
);
const t0 = performance.now();
const server = await startLocalServer({ sqlFiles: [file] });
const seeded = (performance.now() - t0) / 1000;

/** The local D1's files (the database and its write-ahead log), bytes. */
function databaseBytes(root: string): number {
  let total = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.sqlite(-wal)?$/.test(e.name) && p.includes("D1")) total += statSync(p).size;
    }
  };
  walk(root);
  return total;
}

try {
  const base = server.url;
  const admin = { authorization: `Bearer ${server.adminToken}` };
  const cookie = await staffCookie(base, server.adminToken);
  const door = ((await (await fetch(`${base}/api/v1/staff`, { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ name: "door", role: "checkin", events: ["bench"] }) })).json()) as { token: string }).token;
  const counts = (await (await fetch(`${base}/api/v1/events/bench/stats`, { headers: admin })).json()) as { registered: number; checked_in: number; inside_now: number; per_booth: unknown[] };
  let phone = 0;
  let scan = 0;

  const routes: [string, (i: number) => Promise<Response>, number?][] = [
    ["dashboard /staff/events/{event}/dashboard", () => fetch(`${base}/staff/events/bench/dashboard`, { headers: { cookie } }), 200],
    ["stats API /api/v1/events/{event}/stats", () => fetch(`${base}/api/v1/events/bench/stats`, { headers: admin })],
    ["ticket page /t/{code}", (i) => fetch(`${base}/t/${seedTicketCode(1 + (i % FAIR))}`)],
    [
      "signup POST /e/{event}/{booth}",
      () =>
        fetch(`${base}/e/bench/b1`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "cf-connecting-ip": `10.7.0.${phone & 255}` },
          body: new URLSearchParams({ name: "Peserta Skala", phone: `0819${String(phone++).padStart(8, "0")}`, regency: "53.71", occupation: "kriya", consent: "yes" }),
        }),
    ],
    // the fair's tickets (registrations 1..10,000) whose id % 10 is 8 or 9 have no scan yet
    [
      "check-in POST /api/v1/events/{event}/checkins",
      () => {
        const id = 10 * scan++ + 9;
        return fetch(`${base}/api/v1/events/bench/checkins`, { method: "POST", headers: { authorization: `Bearer ${door}`, "content-type": "application/json" }, body: JSON.stringify({ ticket: seedTicketCode(id), gate: "G", client_id: `scale-${id}` }) });
      },
    ],
    ["door search by name /attendees?q=peserta 12", () => fetch(`${base}/api/v1/events/bench/attendees?q=${encodeURIComponent("peserta 12")}`, { headers: admin })],
    ["door search by phone /attendees?q=0811 42", () => fetch(`${base}/api/v1/events/bench/attendees?q=${encodeURIComponent("0811 42")}`, { headers: admin })],
    ["ticket digests (10,000 tickets)", () => fetch(`${base}/api/v1/events/bench/tickets/digests`, { headers: admin })],
    ["lead list /staff/leads?event={event}", () => fetch(`${base}/staff/leads?event=bench`, { headers: { cookie } })],
    ["lead list API, 200 a page", () => fetch(`${base}/api/v1/events/bench/leads?limit=200`, { headers: admin })],
    ["export leads.csv (5,000 leads)", () => fetch(`${base}/api/v1/events/bench/leads.csv`, { headers: admin })],
  ];

  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(" ");
  const lines: string[] = [];
  let failed = false;
  for (const [name, make, budget] of routes) {
    const times: number[] = [];
    let status = 0;
    for (let i = 0; i < RUNS + 3; i++) {
      const t = performance.now();
      const res = await make(i);
      await res.arrayBuffer();
      status = res.status;
      if (i >= 3) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const med = times[Math.floor(times.length / 2)]!;
    const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!;
    const verdict = budget === undefined ? "" : med < budget ? `< ${budget} ms: met` : `< ${budget} ms: MISSED`;
    if (budget !== undefined && med >= budget) failed = true;
    // a refusal is no measurement of the route
    if (status >= 400) failed = true;
    lines.push(`| ${name} | ${status} | ${med.toFixed(0)} | ${p95.toFixed(0)} | ${verdict} |`);
  }
  const bytes = databaseBytes(server.state);
  console.log(`\n${new Date().toISOString()} · ${TOTAL.toLocaleString("en")} registrations in ${OTHERS + 1} events, seeded and served in ${seeded.toFixed(0)} s`);
  console.log(`the measured fair: ${JSON.stringify({ registered: counts.registered, checked_in: counts.checked_in, inside_now: counts.inside_now, booths: counts.per_booth.length })}`);
  console.log(`load average (1, 5, 15 min) before: ${loadBefore} · after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
  console.log(`| route (${RUNS} sequential requests) | status | median ms | p95 ms | budget |`);
  console.log("| --- | ---: | ---: | ---: | --- |");
  console.log(lines.join("\n"));
  console.log(`\nlocal D1 on disk: ${(bytes / 1e6).toFixed(0)} MB for ${TOTAL.toLocaleString("en")} registrations, their tickets, visits and scans: ${(bytes / TOTAL).toFixed(0)} bytes per registration`);
  if (failed) process.exitCode = 1;
} finally {
  await server.stop();
}
