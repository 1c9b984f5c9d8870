/**
 * The organiser dashboard and the all-posters page against a real local server
 * (`wrangler dev`), with a fair of 10,000 registrations, 100 booths and
 * 11,000 door scans seeded in SQL before it starts. Run: `npm run bench:dashboard`.
 */
import { gzipSync } from "node:zlib";
import { startLocalServer } from "../test/e2e/local-server.ts";
import { fairSql, staffCookie } from "./seed.ts";

const REGISTRATIONS = 10_000;
const BOOTHS = 100;

const server = await startLocalServer({ sql: fairSql({ slug: "bench", registrations: REGISTRATIONS, booths: BOOTHS }) });
try {
  const cookie = await staffCookie(server.url, server.adminToken);

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
    console.log(`${path}: median ${at(0.5)} ms, p95 ${at(0.95)} ms over ${runs} requests; ${body.length} bytes, ${gzipSync(body).length} gzipped`);
  }
  console.log(`fair: ${REGISTRATIONS} registrations, ${BOOTHS} booths, ${REGISTRATIONS * 0.8 + REGISTRATIONS * 0.3} scans`);
  await measure("/staff/events/bench/dashboard", 30);
  await measure("/staff/events/bench/posters?size=a4", 5);
} finally {
  await server.stop();
}
