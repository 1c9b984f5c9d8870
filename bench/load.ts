/**
 * Load benchmark against the real local server (wrangler dev, local D1).
 * Measures requests per second and latency of signup and check-in next to a
 * bare Worker route (/livez) in the same run, and checks that a storm of
 * scans of one ticket admits it exactly once.
 *
 *   npm run bench            (defaults: 1500 requests per scenario, 32 in flight)
 *   REQUESTS=3000 CONCURRENCY=64 npm run bench
 */
import { startLocalServer } from "../test/e2e/local-server.ts";

const REQUESTS = Number(process.env.REQUESTS ?? 1500);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);

type Result = { name: string; rps: number; p50: number; p95: number; errors: number };

async function run(name: string, make: (i: number) => Promise<Response>, ok: (r: Response) => boolean): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const t0 = performance.now();
        const res = await make(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!ok(res)) errors++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { name, rps: REQUESTS / seconds, p50: pct(50), p95: pct(95), errors };
}

const server = await startLocalServer();
try {
  const base = server.url;
  const admin = { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" };
  const post = (path: string, json: unknown, headers = admin) => fetch(`${base}${path}`, { method: "POST", headers, body: JSON.stringify(json) });
  // the ceiling raised as an organiser would for a very big fair, so the bench measures signups (the ceiling's
  // count is then at its most expensive: every signup of the last minute), not refusals
  await post("/api/v1/events", { slug: "bench", name: "Bench Fair", venue: "V", city: "Kota Kupang", starts_at: "2026-12-05T09:00:00+08:00", ends_at: "2026-12-06T21:00:00+08:00", status: "open", signups_per_minute: 100_000 });
  await post("/api/v1/events/bench/booths", { code: "bpjs", name: "BPJS Ketenagakerjaan" });
  const door = ((await (await post("/api/v1/staff", { name: "bench door", role: "checkin", events: ["bench"] })).json()) as { token: string }).token;
  const doorHeaders = { authorization: `Bearer ${door}`, "content-type": "application/json" };
  const phone = (i: number) => `0817${String(i).padStart(8, "0")}`;
  const signup = (i: number) =>
    fetch(`${base}/e/bench/bpjs`, {
      method: "POST",
      redirect: "manual",
      // distinct client addresses keep the per-address rate limit out of the measurement
      // a browser's form post carries its Origin (the signup refuses cross-site posts)
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "cf-connecting-ip": `10.9.${(i >> 8) & 255}.${i & 255}` },
      body: new URLSearchParams({ name: `Peserta ${i}`, phone: phone(i), regency: "53.71", occupation: "kriya", consent: "yes", contact_ok: "yes", interests: "jkk" }),
    });

  const results: Result[] = [];
  // warm-up, so the first scenario does not pay for startup
  await run("warm-up", () => fetch(`${base}/livez`), (r) => r.ok);
  results.push(await run("bare route GET /livez", () => fetch(`${base}/livez`), (r) => r.ok));
  results.push(await run("signup POST /e/{event}/{booth}", signup, (r) => r.status === 303));
  const codes = await Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const res = await signup(i); // same phones: the same tickets come back
      return /\/t\/([a-z0-9]+)$/.exec(res.headers.get("location") ?? "")?.[1] ?? "";
    }),
  );
  results.push(
    await run(
      "check-in POST /api/v1/events/{event}/checkins",
      (i) => fetch(`${base}/api/v1/events/bench/checkins`, { method: "POST", headers: doorHeaders, body: JSON.stringify({ ticket: codes[i], gate: "Pintu 1" }) }),
      (r) => r.status === 200,
    ),
  );

  // a storm of scans of one fresh ticket from many gates at once
  const storm = await signup(REQUESTS + 1);
  const stormCode = /\/t\/([a-z0-9]+)$/.exec(storm.headers.get("location") ?? "")![1]!;
  const stormStatuses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      fetch(`${base}/api/v1/events/bench/checkins`, { method: "POST", headers: doorHeaders, body: JSON.stringify({ ticket: stormCode, gate: `Gate ${i % 8}` }) }).then((r) => r.status),
    ),
  );

  const baseline = results[0]!.rps;
  console.log(`\n${REQUESTS} requests per scenario, ${CONCURRENCY} in flight, against ${base} (wrangler dev, local D1)\n`);
  console.log("scenario".padEnd(48), "req/s".padStart(8), "ratio".padStart(7), "p50 ms".padStart(8), "p95 ms".padStart(8), "errors".padStart(7));
  for (const r of results) {
    console.log(r.name.padEnd(48), r.rps.toFixed(0).padStart(8), (r.rps / baseline).toFixed(2).padStart(7), r.p50.toFixed(1).padStart(8), r.p95.toFixed(1).padStart(8), String(r.errors).padStart(7));
  }
  const admitted = stormStatuses.filter((s) => s === 200).length;
  console.log(`\nscan storm: 200 simultaneous scans of one ticket → ${admitted} admitted, ${stormStatuses.filter((s) => s === 409).length} already_checked_in`);
  if (admitted !== 1 || results.some((r) => r.errors > 0)) process.exitCode = 1;
} finally {
  await server.stop();
}
