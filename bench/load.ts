/**
 * Load benchmark against the real local server (wrangler dev, local D1).
 *
 * In ONE run, at 20 and at 50 connections, it measures the hot paths next to two
 * baselines: `/healthz` (one D1 round trip, the route the targets are set
 * against) and `/livez` (no database at all). Scenarios run in rounds, each
 * round in a rotated order, so a neighbour's load on this shared machine falls
 * on every scenario alike instead of on whichever ran last. Then a storm of 200
 * simultaneous scans of one ticket must admit it exactly once.
 *
 *   npm run bench                         (1200 requests per scenario and concurrency, in 10 rounds)
 *   REQUESTS=3000 ROUNDS=5 npm run bench
 *   CONNECTIONS=20 npm run bench          (one concurrency only)
 *   FAULT_RATE=0.05 npm run bench         (D1 fails that share of round trips with a transient error, before or after
 *                                          the statement ran: src/db/faults.ts; then every row is counted: nothing lost,
 *                                          nothing doubled, no 5xx)
 *   NO_LIMITER=1 npm run bench            (without the SIGNUP_LIMITER and SIGNUP_PHONE_LIMITER bindings: locally
 *                                          each is a Durable Object that writes SQLite on every call, which
 *                                          Cloudflare's rate limiter does not; to see the rest apart)
 *
 * Targets (ratio of requests per second to /healthz in the same run):
 * signup ≥ 0.7, ticket page ≥ 0.8, QR image (cached) ≥ 0.9, check-in ≥ 0.7;
 * p99 ≤ 3 × the p99 of /healthz; no errors.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { startLocalServer } from "../test/e2e/local-server.ts";

const root = resolve(import.meta.dirname, "..");
const REQUESTS = Number(process.env.REQUESTS ?? 1200);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const CONNECTIONS = (process.env.CONNECTIONS ?? "20,50").split(",").map(Number);
const FAULT_RATE = process.env.FAULT_RATE ?? "";

type Sample = { latencies: number[]; errors: number; seconds: number; requests: number; fivexx: number };
type Scenario = { name: string; target?: number; make: (i: number) => Promise<Response>; ok: (r: Response) => boolean };

/** `count` requests, `connections` in flight; latencies in ms. */
async function burst(s: Scenario, count: number, connections: number, into: Sample): Promise<void> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t0 = performance.now();
        let res: Response | undefined;
        try {
          res = await s.make(i);
          await res.arrayBuffer();
        } catch {
          res = undefined;
        }
        into.latencies.push(performance.now() - t0);
        if (!res || !s.ok(res)) into.errors++;
        if (res && res.status >= 500) into.fivexx++;
      }
    }),
  );
  into.seconds += (performance.now() - start) / 1000;
  into.requests += count;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

// a copy of wrangler.toml without the top-level rate limit bindings (SIGNUP_LIMITER and SIGNUP_PHONE_LIMITER),
// beside it (its paths are relative)
const config = process.env.NO_LIMITER ? join(root, "wrangler.bench-no-limiter.toml") : undefined;
if (config) {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const without = toml.replace(/^\[\[ratelimits\]\]\n(?:[^[\n][^\n]*\n)*/gm, "");
  if (!/^\[\[ratelimits\]\]/m.test(toml) || /^\[\[ratelimits\]\]/m.test(without)) throw new Error("NO_LIMITER: wrangler.toml's [[ratelimits]] were not found or not all removed");
  writeFileSync(config, without);
}
// the faults start with the server: the setup's signups and the storm meet them too
const server = await startLocalServer({ config, vars: FAULT_RATE ? { D1_FAULT_RATE: FAULT_RATE } : {} }).finally(() => config && rmSync(config, { force: true }));
try {
  const base = server.url;
  const admin = { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" };
  const post = (path: string, json: unknown, headers = admin) => fetch(`${base}${path}`, { method: "POST", headers, body: JSON.stringify(json) });
  // the ceiling raised as an organiser would for a very big fair, so the bench measures signups (the ceiling's
  // count is then at its most expensive: every signup of the last minute), not refusals
  await post("/api/v1/events", { slug: "bench", name: "Bench Fair", venue: "V", city: "Kota Kupang", starts_at: "2026-12-05T09:00:00+08:00", ends_at: "2026-12-06T21:00:00+08:00", status: "open", signups_per_minute: 100_000, literacy: { id: "Pekerja mandiri bisa ikut BPJS Ketenagakerjaan.", en: "Self-employed workers can join." } });
  await post("/api/v1/events/bench/booths", { code: "bpjs", name: "BPJS Ketenagakerjaan" });
  const door = ((await (await post("/api/v1/staff", { name: "bench door", role: "checkin", events: ["bench"] })).json()) as { token: string }).token;
  const doorHeaders = { authorization: `Bearer ${door}`, "content-type": "application/json" };

  // every signup is a new person (a new phone), so each one inserts; those answered with a ticket are counted
  // (with FAULT_RATE the rows are counted after the run: exactly these, none lost, none doubled)
  let phones = 0;
  let ticketsGiven = 0;
  const signup = () => {
    const i = phones++;
    return fetch(`${base}/e/bench/bpjs`, {
      method: "POST",
      redirect: "manual",
      // distinct client addresses keep the per-address rate limit out of the measurement
      // a browser's form post carries its Origin (the signup refuses cross-site posts)
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "cf-connecting-ip": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      body: new URLSearchParams({ name: `Peserta ${i}`, phone: `0817${String(i).padStart(8, "0")}`, regency: "53.71", occupation: "kriya", consent: "yes", contact_ok: "yes", interests: "jkk" }),
    }).then((res) => {
      if (res.status === 303) ticketsGiven++;
      return res;
    });
  };
  const codeOf = (res: Response) => /\/t\/([a-z0-9]+)$/.exec(res.headers.get("location") ?? "")?.[1] ?? "";
  async function tickets(n: number): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < n; i += 50) out.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => signup().then(codeOf)))));
    if (out.some((c) => !c)) throw new Error("setup: a signup did not give a ticket");
    return out;
  }

  // tickets to view (the QR of each drawn once first: the scenario measures the cached image)
  const viewed = await tickets(200);
  for (const code of viewed) await (await fetch(`${base}/t/${code}/qr.png`)).arrayBuffer();
  // one fresh ticket per check-in, so every scan admits (the scanner sends a client_id with each)
  const perLevel = REQUESTS;
  const toScan = await tickets(perLevel * CONNECTIONS.length);
  let scanned = 0;
  let admittedAnswers = 0;

  const scenarios: Scenario[] = [
    { name: "GET /livez (no database)", make: () => fetch(`${base}/livez`), ok: (r) => r.ok },
    { name: "GET /healthz (one D1 round trip)", make: () => fetch(`${base}/healthz`), ok: (r) => r.ok },
    { name: "signup POST /e/{event}/{booth}", target: 0.7, make: () => signup(), ok: (r) => r.status === 303 },
    { name: "ticket page GET /t/{code}", target: 0.8, make: (i) => fetch(`${base}/t/${viewed[i % viewed.length]}`), ok: (r) => r.status === 200 },
    { name: "QR image GET /t/{code}/qr.png (cached)", target: 0.9, make: (i) => fetch(`${base}/t/${viewed[i % viewed.length]}/qr.png`), ok: (r) => r.status === 200 },
    {
      name: "check-in POST /api/v1/events/{event}/checkins",
      target: 0.7,
      make: () => {
        const ticket = toScan[scanned++]!;
        return fetch(`${base}/api/v1/events/bench/checkins`, { method: "POST", headers: doorHeaders, body: JSON.stringify({ ticket, gate: "Pintu 1", direction: "in", client_id: `bench-${ticket}` }) }).then((res) => {
          if (res.status === 200) admittedAnswers++;
          return res;
        });
      },
      ok: (r) => r.status === 200,
    },
  ];

  // warm-up, so the first scenario does not pay for startup
  await burst(scenarios[0]!, 300, 20, { latencies: [], errors: 0, seconds: 0, requests: 0, fivexx: 0 });
  await burst(scenarios[1]!, 300, 20, { latencies: [], errors: 0, seconds: 0, requests: 0, fivexx: 0 });

  const loadBefore = load();
  const started = new Date();
  let failed = false;
  const report: string[] = [];
  for (const connections of CONNECTIONS) {
    const samples = new Map(scenarios.map((s) => [s.name, { latencies: [], errors: 0, seconds: 0, requests: 0, fivexx: 0 } as Sample]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length]!);
      const count = Math.ceil(REQUESTS / ROUNDS);
      for (const s of order) await burst(s, count, connections, samples.get(s.name)!);
    }
    const stat = (s: Scenario) => {
      const x = samples.get(s.name)!;
      const sorted = [...x.latencies].sort((a, b) => a - b);
      return { rps: x.requests / x.seconds, p50: pct(sorted, 50), p95: pct(sorted, 95), p99: pct(sorted, 99), errors: x.errors, fivexx: x.fivexx };
    };
    const live = stat(scenarios[0]!);
    const health = stat(scenarios[1]!);
    report.push(`\n### ${connections} connections\n`);
    report.push("| scenario | req/s | ÷ /healthz | ÷ /livez | p50 ms | p95 ms | p99 ms | p99 ÷ health p99 | errors | 5xx | target |");
    report.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (const s of scenarios) {
      const r = stat(s);
      const ratio = r.rps / health.rps;
      const tail = r.p99 / health.p99;
      const met = s.target === undefined ? "" : ratio >= s.target && tail <= 3 && r.errors === 0 ? `≥ ${s.target} met` : `≥ ${s.target} MISSED`;
      if (r.errors > 0) failed = true;
      report.push(
        `| ${s.name} | ${r.rps.toFixed(0)} | ${ratio.toFixed(2)} | ${(r.rps / live.rps).toFixed(2)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${tail.toFixed(2)} | ${r.errors} | ${r.fivexx} | ${met} |`,
      );
    }
  }

  // a storm of scans of one fresh ticket from many gates at once
  const [stormCode] = await tickets(1);
  const stormStatuses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      // each with its client_id, as the scanner sends them (a scan without one is not retried: README)
      fetch(`${base}/api/v1/events/bench/checkins`, { method: "POST", headers: doorHeaders, body: JSON.stringify({ ticket: stormCode, gate: `Gate ${i % 8}`, client_id: `storm-${i}` }) }).then((r) => r.status),
    ),
  );
  const admitted = stormStatuses.filter((s) => s === 200).length;
  if (admitted !== 1) failed = true;

  console.log(`\n${started.toISOString()} · ${REQUESTS} requests per scenario and concurrency in ${ROUNDS} rounds · ${base} (wrangler dev, local D1)${config ? " · WITHOUT the rate limit bindings (SIGNUP_LIMITER, SIGNUP_PHONE_LIMITER)" : ""}`);
  console.log(`load average (1, 5, 15 min) before: ${loadBefore} · after: ${load()}`);
  console.log(report.join("\n"));
  console.log(`\nscan storm: 200 simultaneous scans of one ticket → ${admitted} admitted, ${stormStatuses.filter((s) => s === 409).length} already_checked_in, ${stormStatuses.filter((s) => s >= 500).length} 5xx`);
  // the rows the database holds, counted after the server stops: every ticket answered is there once, every admission answered once
  await server.stop({ keepState: true });
  const rows = countRows(server.state);
  console.log(`rows after the run${FAULT_RATE ? ` (D1_FAULT_RATE ${FAULT_RATE})` : ""}: ${rows.registrations} registrations and ${rows.tickets} tickets for ${ticketsGiven} signups answered with a ticket; ${rows.checkins} admissions for ${admittedAnswers + admitted} scans answered "checked_in"`);
  if (rows.registrations !== ticketsGiven || rows.tickets !== ticketsGiven || rows.checkins !== admittedAnswers + admitted) failed = true;
  if (failed) process.exitCode = 1;
} finally {
  await server.stop();
}

/** Counts what the run left in the local D1 (SQLite files under the server's state). */
function countRows(state: string): { registrations: number; tickets: number; checkins: number } {
  const files = readdirSync(state, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".sqlite") && join(e.parentPath, e.name).includes("D1"));
  for (const f of files) {
    const db = new DatabaseSync(join(f.parentPath, f.name), { readOnly: true });
    try {
      const has = db.prepare("select count(*) as n from sqlite_master where name = 'registrations'").get() as { n: number };
      if (!has.n) continue;
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      return {
        registrations: n("select count(*) as n from registrations r join events e on e.id = r.event_id where e.slug = 'bench'"),
        tickets: n("select count(*) as n from tickets t join events e on e.id = t.event_id where e.slug = 'bench'"),
        checkins: n("select count(*) as n from checkins c join events e on e.id = c.event_id where e.slug = 'bench' and c.direction = 'in'"),
      };
    } finally {
      db.close();
    }
  }
  throw new Error(`no local D1 database under ${state}`);
}
