/**
 * Export benchmark against the real local server (wrangler dev, local D1):
 * seeds N consented leads (with booth visits, tickets and check-ins), then
 * measures, in one run, a bare route (/livez), an authenticated API read, and
 * the CSV and XLSX exports of a quarter and of all of them: time to first byte,
 * time to the first rows, total time, bytes, rows, and the resident memory of
 * workerd (where the Worker and the local D1 both live) before and at its peak
 * during each download. One full export runs first to warm SQLite's cache and
 * the isolate's heap; after it, flat memory shows as the same peak for a
 * quarter and for the whole set, and no growth from one export to the next.
 *
 *   node bench/export-memory.ts            (N=100000)
 *   N=20000 REPEAT=5 node bench/export-memory.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalServer } from "../test/e2e/local-server.ts";

const N = Number(process.env.N ?? 100_000);
const T0 = Date.parse("2026-12-05T09:00:00+08:00");
const BOOTHS = 40;
/** full CSV exports repeated at the end: a leak shows as a peak that climbs each time */
const REPEAT = Number(process.env.REPEAT ?? 3);

/** Seed SQL: one event, its booths, N leads one second apart, visits, tickets and check-ins for half. */
function seedSql(): string {
  const ev = "(select id from events where slug = 'bench-leads')";
  const booths = Array.from({ length: BOOTHS }, (_, i) => `(${ev}, 'b${i}', 'Stan ${i} Kriya & Tenun')`).join(",\n");
  return `
insert into events (slug, name, venue, city, starts_at, ends_at, status) values ('bench-leads', 'Bench Fair', 'Taman Budaya', 'Kota Kupang', ${T0}, ${T0 + 2 * 86_400_000}, 'open');
insert into booths (event_id, code, name) values ${booths};
with recursive n(i) as (select 1 union all select i + 1 from n where i < ${N})
insert into registrations (event_id, name, phone, email, regency, occupation, bpjs_status, interests, answers, first_booth_id, consent_at, consent_purposes, notice_version, contact_consent_at, followup_status, last_note, created_at)
select ${ev}, 'Peserta Pameran Nomor ' || i, '+62813' || printf('%08d', i), 'peserta' || i || '@example.com', '53.71', 'kriya', 'none', '["jkk","jkm"]', '{}',
  (select id from booths where code = 'b' || (i % ${BOOTHS}) and event_id = ${ev}), ${T0} + i * 1000, '["event_registration","enrollment_contact"]', '1', ${T0} + i * 1000,
  case i % 5 when 0 then 'contacted' when 1 then 'enrolled' else 'new' end, case when i % 3 = 0 then 'Sudah ditelepon, minta info JHT, hubungi lagi minggu depan' end, ${T0} + i * 1000
from n;
insert into booth_visits (registration_id, booth_id, created_at) select r.id, r.first_booth_id, r.created_at from registrations r where r.event_id = ${ev};
insert into booth_visits (registration_id, booth_id, created_at) select r.id, (select id from booths where code = 'b' || ((r.id + 7) % ${BOOTHS}) and event_id = ${ev}), r.created_at + 60000 from registrations r where r.event_id = ${ev} and r.id % 2 = 0 and (r.id + 7) % ${BOOTHS} != r.id % ${BOOTHS};
insert into tickets (registration_id, event_id, code) select r.id, r.event_id, 'bench' || r.id from registrations r where r.event_id = ${ev};
insert into checkins (ticket_id, event_id, seq, direction, gate, scanned_at) select t.id, t.event_id, 1, 'in', 'Pintu 1', ${T0} from tickets t where t.event_id = ${ev} and t.id % 2 = 0;
`;
}

/** A process and all its descendants (wrangler, workerd and its helpers), from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // the process ended
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Resident memory (kB) of `pids`. */
function rssKb(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // the process ended
    }
  }
  return total;
}

const isWorkerd = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").includes("workerd");
  } catch {
    return false;
  }
};

type Measure = { name: string; ttfbMs: number; firstRowMs: number; totalMs: number; bytes: number; lines: number; rssBeforeMb: number; rssPeakMb: number };

// the Worker's own bytes: no compression by the local proxy in the measurement
const IDENTITY = { "accept-encoding": "identity" };

async function measure(name: string, url: string, headers: Record<string, string>, pids: number[]): Promise<Measure> {
  const rssBefore = rssKb(pids);
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pids))), 50);
  const t0 = performance.now();
  const res = await fetch(url, { headers: { ...IDENTITY, ...headers } });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  const reader = res.body!.getReader();
  let ttfb = 0;
  let firstRow = 0;
  let bytes = 0;
  let lines = 0;
  for (let chunk = 0; ; chunk++) {
    const { done, value } = await reader.read();
    if (done) break;
    if (chunk === 0) ttfb = performance.now() - t0;
    if (chunk === 1) firstRow = performance.now() - t0;
    bytes += value.length;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  const total = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, rssKb(pids));
  return { name, ttfbMs: ttfb, firstRowMs: firstRow || ttfb, totalMs: total, bytes, lines, rssBeforeMb: rssBefore / 1024, rssPeakMb: peak / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), "kf-bench-"));
const file = join(dir, "leads.sql");
writeFileSync(file, seedSql());
const seedStart = performance.now();
const server = await startLocalServer({ sqlFiles: [file] });
console.log(`seeded ${N} leads and started the server in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
try {
  const auth: Record<string, string> = { authorization: `Bearer ${server.adminToken}` };
  const base = `${server.url}/api/v1/events/bench-leads`;
  const quarter = `until=${encodeURIComponent(new Date(T0 + (N / 4) * 1000 + 500).toISOString())}`;
  const pids = processTree(server.pid).filter(isWorkerd);
  if (!pids.length) throw new Error("no workerd process found under the server");
  // warm-up: the first requests compile and open the database
  for (let i = 0; i < 20; i++) await (await fetch(`${server.url}/livez`)).arrayBuffer();
  await (await fetch(`${base}/leads.csv?status=declined`, { headers: auth })).arrayBuffer();

  // baselines, medians of 20: a bare route, and an authenticated API read of the event
  const many = async (name: string, url: string, headers: Record<string, string>) => {
    const runs: Measure[] = [];
    for (let i = 0; i < 20; i++) runs.push(await measure(name, url, headers, pids));
    return { ...runs.at(-1)!, ttfbMs: median(runs.map((r) => r.ttfbMs)), firstRowMs: median(runs.map((r) => r.firstRowMs)), totalMs: median(runs.map((r) => r.totalMs)) };
  };
  const results: Measure[] = [];
  results.push(await many("bare route GET /livez (median of 20)", `${server.url}/livez`, {}));
  results.push(await many("GET /api/v1/events/{slug} (median of 20)", base, auth));
  results.push(await many("CSV export of 0 rows (median of 20)", `${base}/leads.csv?status=declined`, auth));
  results.push(await measure(`CSV, ${N} leads, first (cold cache)`, `${base}/leads.csv`, auth, pids));
  results.push(await measure(`CSV, ${N / 4} leads`, `${base}/leads.csv?${quarter}`, auth, pids));
  results.push(await measure(`CSV, ${N} leads`, `${base}/leads.csv`, auth, pids));
  results.push(await measure(`XLSX, ${N / 4} leads`, `${base}/leads.xlsx?${quarter}`, auth, pids));
  results.push(await measure(`XLSX, ${N} leads`, `${base}/leads.xlsx`, auth, pids));
  for (let i = 1; i <= REPEAT; i++) results.push(await measure(`CSV, ${N} leads, again (${i}/${REPEAT})`, `${base}/leads.csv`, auth, pids));

  const bareTtfb = results[0]!.ttfbMs;
  console.log(`\nexport benchmark: ${N} leads, local wrangler dev + local D1, ${new Date().toISOString()}\n`);
  console.log("| what | first byte | × bare | first rows | total | MB sent | CSV lines | workerd RSS before → peak (MB) | growth |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.ttfbMs.toFixed(1)} ms | ${(r.ttfbMs / bareTtfb).toFixed(1)} | ${r.firstRowMs.toFixed(0)} ms | ${(r.totalMs / 1000).toFixed(2)} s | ${(r.bytes / 1048576).toFixed(1)} | ${r.name.startsWith("CSV") ? r.lines : ""} | ${r.rssBeforeMb.toFixed(0)} → ${r.rssPeakMb.toFixed(0)} | ${(r.rssPeakMb - r.rssBeforeMb).toFixed(0)} MB |`,
    );
  }
  const [, , , cold, csvQ, csvAll, , xlsxAll] = results;
  const again = results.slice(8);
  const peaks = results.slice(4).map((r) => r.rssPeakMb);
  console.log(
    `\nworkerd RSS after the cold export (${cold!.rssPeakMb.toFixed(0)} MB): peaks between ${Math.min(...peaks).toFixed(0)} and ${Math.max(...peaks).toFixed(0)} MB while ${(csvQ!.bytes / 1048576).toFixed(0)}–${(csvAll!.bytes / 1048576).toFixed(0)} MB files went out; repeated full CSV peaks: ${again.map((r) => r.rssPeakMb.toFixed(0)).join(", ")} MB`,
  );
  console.log(`XLSX is ${(csvAll!.bytes / xlsxAll!.bytes).toFixed(1)}× smaller than the CSV of the same ${N} leads`);
  console.log(`throughput: CSV ${Math.round(N / (csvAll!.totalMs / 1000))} rows/s, XLSX ${Math.round(N / (xlsxAll!.totalMs / 1000))} rows/s`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
