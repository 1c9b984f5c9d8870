/**
 * CPU time per request of the hot routes, measured inside the real runtime:
 * `wrangler dev` runs the Worker in workerd with its inspector open, and V8's
 * sampling profiler (the one Chrome DevTools uses) records the Worker's isolate
 * while requests are sent one at a time. Time the isolate spends waiting (on
 * D1, the Cache API, the network) is V8's "(idle)"; every other sample is CPU
 * spent by the Worker: our code, Hono, zod, Drizzle, and the runtime's native
 * work on its behalf (parsing, crypto, compression, garbage collection).
 *
 * workerd reports no CPU time of its own locally (a tail worker's `cpuTime` is
 * 0 there), hence the profiler. Beside it, the kernel's count of CPU used by
 * all the local workerd processes (schedstat): the Worker plus what only
 * exists locally (D1 emulated in JavaScript, wrangler's proxy and router
 * workers), an upper bound that no other process's load can inflate.
 * Each route runs in several batches; the quietest counts.
 *
 *   npm run bench:cpu                 (60 requests per batch, 3 batches per route)
 *   N=100 BATCHES=5 npm run bench:cpu
 */
import { execSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { freePort, startLocalServer } from "../test/e2e/local-server.ts";
import { fairSql, staffCookie } from "./seed.ts";

const N = Number(process.env.N ?? 60);
const BATCHES = Number(process.env.BATCHES ?? 3);

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

/** A Chrome DevTools Protocol session over the inspector's WebSocket. */
async function devtools(port: number) {
  let targets: { webSocketDebuggerUrl: string; title?: string }[] = [];
  for (let i = 0; i < 100 && !targets.length; i++) {
    try {
      targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as typeof targets;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  // Node's WebSocket (undici) takes headers; the inspector proxy admits a local Origin only
  const NodeWebSocket = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;
  const ws = new NodeWebSocket(targets[0]!.webSocketDebuggerUrl, { headers: { origin: "http://localhost" } });
  await new Promise((ok, fail) => {
    ws.addEventListener("open", ok);
    ws.addEventListener("error", fail);
  });
  let id = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  ws.addEventListener("message", (m: MessageEvent) => {
    const msg = JSON.parse(String(m.data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((ok) => {
      waiting.set(++id, ok as (v: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

const INTERVAL_US = 100;

/**
 * Busy time in a profile (ms) and the busiest functions by self time. A sample
 * is taken every INTERVAL_US while the isolate's thread runs; counting samples
 * (not summing the time between them) leaves out the time the operating system
 * gave the CPU to other processes, which on a shared machine is most of it.
 */
function busy(p: Profile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (const id of p.samples) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === "(idle)") continue;
    const ms = INTERVAL_US / 1000;
    total += ms;
    const where = f.url ? `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\//, "")}:${f.lineNumber + 1}` : f.functionName;
    self.set(where, (self.get(where) ?? 0) + ms);
  }
  return { total, top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6) };
}

/** CPU time (ms) the local workerd processes (the Worker, local D1, wrangler's proxy) have used, all threads: the kernel's count. */
function workerdCpu(rootPid: number): number {
  const tree = execSync("ps -o pid=,ppid=,comm= -e").toString().trim().split("\n").map((l) => l.trim().split(/\s+/));
  const under = (p: string): string[] => tree.filter((t) => t[1] === p).flatMap((t) => [t[0]!, ...under(t[0]!)]);
  const pids = new Set(under(String(rootPid)));
  let ns = 0;
  for (const [pid, , comm] of tree) {
    if (!pids.has(pid!) || comm !== "workerd") continue;
    for (const tid of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
  }
  return ns / 1e6;
}

const inspectorPort = await freePort();
const server = await startLocalServer({ inspectorPort, sql: fairSql({ slug: "bench", registrations: 10_000, booths: 100 }) });
try {
  const base = server.url;
  const admin = { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" };
  const door = ((await (await fetch(`${base}/api/v1/staff`, { method: "POST", headers: admin, body: JSON.stringify({ name: "door", role: "checkin", events: ["bench"] }) })).json()) as { token: string }).token;
  const cookie = await staffCookie(base, server.adminToken);
  let phones = 0;
  const signup = () =>
    fetch(`${base}/e/bench/b1`, {
      method: "POST",
      redirect: "manual",
      // a browser's form post carries its Origin (the signup refuses cross-site posts with 403)
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "cf-connecting-ip": `10.8.${phones >> 8}.${phones & 255}` },
      body: new URLSearchParams({ name: `Peserta Baru ${phones}`, phone: `0818${String(phones++).padStart(8, "0")}`, regency: "53.71", occupation: "kriya", consent: "yes", contact_ok: "yes", interests: "jkk" }),
    });
  const fresh: string[] = [];
  for (let i = 0; i < N * (BATCHES + 1) * 3 + 10; i++) {
    const res = await signup();
    const code = /\/t\/([a-z0-9]+)$/.exec(res.headers.get("location") ?? "")?.[1];
    if (!code) throw new Error(`setup: signup ${i} answered ${res.status}, not a ticket`);
    fresh.push(code);
  }
  const viewed = fresh.slice(0, 10);
  let next = 10;
  const newTicket = () => fresh[next++]!;

  const routes: [string, () => Promise<Response>][] = [
    ["GET /livez (bare route)", () => fetch(`${base}/livez`)],
    ["GET /healthz (one D1 query)", () => fetch(`${base}/healthz`)],
    ["signup POST /e/{event}/{booth}", signup],
    ["ticket page GET /t/{code}", () => fetch(`${base}/t/${viewed[next % 10]}`)],
    ["QR PNG, kept (GET /t/{code}/qr.png again)", () => fetch(`${base}/t/${viewed[0]}/qr.png`)],
    ["QR PNG, first draw (a new ticket's)", () => fetch(`${base}/t/${newTicket()}/qr.png`)],
    ["check-in POST /api/v1/events/{event}/checkins", () => fetch(`${base}/api/v1/events/bench/checkins`, { method: "POST", headers: { authorization: `Bearer ${door}`, "content-type": "application/json" }, body: JSON.stringify({ ticket: newTicket(), gate: "G", client_id: `cpu-${next}` }) })],
    ["dashboard (10,000 registrations, 100 booths)", () => fetch(`${base}/staff/events/bench/dashboard`, { headers: { cookie } })],
    ["ticket digests for offline scanners (10,000 tickets)", () => fetch(`${base}/api/v1/events/bench/tickets/digests`, { headers: { authorization: `Bearer ${door}` } })],
    ["one booth's poster (QR kept)", () => fetch(`${base}/staff/events/bench/booths/b1/poster`, { headers: { cookie } })],
    ["all 100 posters (QRs kept)", () => fetch(`${base}/staff/events/bench/posters`, { headers: { cookie } })],
  ];

  const cdp = await devtools(inspectorPort);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  const rows: string[] = [];
  const profiles: string[] = [];
  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(" ");
  // first draws, once each (a QR drawn for a poster stays in the isolate's memory after), with the
  // poster page's code warmed up on booth b1 first, so the draw is what is measured
  for (let i = 0; i < 5; i++) await (await fetch(`${base}/staff/events/bench/booths/b1/poster`, { headers: { cookie } })).arrayBuffer();
  for (const [name, path, count] of [
    ["one booth's poster, first draw", "/staff/events/bench/booths/b2/poster", 1],
    ["all 100 posters, first draw", "/staff/events/bench/posters", 98],
  ] as const) {
    const cpu0 = workerdCpu(server.pid);
    await cdp.send("Profiler.start");
    await (await fetch(`${base}${path}`, { headers: { cookie } })).arrayBuffer();
    const { profile } = await cdp.send<{ profile: Profile }>("Profiler.stop");
    const first = busy(profile);
    rows.push(`| ${name} (${count} QR drawn) | ${first.total.toFixed(2)} | ${(workerdCpu(server.pid) - cpu0).toFixed(1)} |`);
    profiles.push(`${name}: ${first.top.map(([f, ms]) => `${f} ${ms.toFixed(2)}`).join(" · ")}`);
  }
  for (const [name, make] of routes) {
    // warm: JIT, this isolate's caches (the first poster draw is measured below, apart)
    for (let i = 0; i < 5; i++) await (await make()).arrayBuffer();
    let best: ReturnType<typeof busy> | undefined;
    let stack = Infinity;
    const n = name.startsWith("all 100") || name.startsWith("ticket digests") ? Math.max(3, Math.floor(N / 10)) : N;
    for (let b = 0; b < BATCHES; b++) {
      const cpu0 = workerdCpu(server.pid);
      await cdp.send("Profiler.start");
      for (let i = 0; i < n; i++) {
        const res = await make();
        await res.arrayBuffer();
        if (res.status >= 400) throw new Error(`${name}: ${res.status}`);
      }
      const { profile } = await cdp.send<{ profile: Profile }>("Profiler.stop");
      stack = Math.min(stack, (workerdCpu(server.pid) - cpu0) / n);
      const b1 = busy(profile);
      b1.total /= n;
      for (const t of b1.top) t[1] /= n;
      if (!best || b1.total < best.total) best = b1;
    }
    rows.push(`| ${name} | ${best!.total.toFixed(2)} | ${stack.toFixed(1)} |`);
    profiles.push(`${name}: ${best!.top.map(([f, ms]) => `${f} ${ms.toFixed(2)}`).join(" · ")}`);
  }
  cdp.close();

  console.log(`\n${new Date().toISOString()} · CPU per request (V8 profile of the Worker's isolate in workerd, quietest of ${BATCHES} batches of ${N} sequential requests)`);
  console.log(`load average (1, 5, 15 min) before: ${loadBefore} · after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
  console.log("| route | the Worker's CPU ms per request (V8 profile) | all local workerd CPU ms per request (kernel) |");
  console.log("| --- | ---: | ---: |");
  console.log(rows.join("\n"));
  console.log("\nwhere it goes (self time per request, ms, busiest functions):");
  for (const p of profiles) console.log(`- ${p}`);
} finally {
  await server.stop();
}
