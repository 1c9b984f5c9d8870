/**
 * The door scanner's start on a slow phone network, against the real local server:
 * first-scan time with a cold decoder (a phone that never opened the scanner) and a
 * warm one (the second start), and the bytes the server sends for each start.
 *
 * Chromium, slow 3G by the DevTools protocol (400 ms latency, 50 KB/s each way) and a
 * CPU 4× slower, a fake camera showing a ticket's QR. The clock runs from opening the
 * scanner page (signed in already, as a paired phone is) to the camera's first answer
 * on screen; on the first start the gate is chosen as soon as the page shows its form.
 * Bytes are counted by a proxy between Chromium and the server: every byte the page and
 * its service worker fetch, until the answer and until the worker has finished keeping
 * its files. (The worker's own downloads are not throttled: DevTools throttles the page.)
 *
 *   npm run bench:scanner                     this checkout
 *   BEFORE=/path/to/other/checkout npm run bench:scanner   also that one, in the same run
 *   RUNS=3 npm run bench:scanner              medians of 3 cold and 3 warm starts
 */
import { createServer, connect, type Socket } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launch } from "../test/e2e/browser.ts";
import { fakeCamera, qrVideo } from "../test/e2e/fake-camera.ts";
import { startLocalServer, type LocalServer } from "../test/e2e/local-server.ts";

const RUNS = Number(process.env.RUNS ?? 1);
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 };

/** A TCP proxy in front of the server that counts the bytes it sends back. */
async function countingProxy(target: URL): Promise<{ url: string; bytes: () => number; reset: () => void; close: () => void }> {
  let bytes = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    upstream.on("data", (d) => (bytes += d.length));
    client.pipe(upstream).pipe(client);
    const end = () => (client.destroy(), upstream.destroy());
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    bytes: () => bytes,
    reset: () => void (bytes = 0),
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

async function setUp(server: LocalServer) {
  const admin = { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" };
  const post = (path: string, body: unknown) => fetch(`${server.url}/api/v1${path}`, { method: "POST", headers: admin, body: JSON.stringify(body) });
  await post("/events", { slug: "bench-door", name: "Bench Door", venue: "Taman Budaya", city: "Kota Kupang", starts_at: "2026-12-05T09:00:00+08:00", ends_at: "2026-12-06T21:00:00+08:00", status: "open" });
  const signup = await fetch(`${server.url}/e/bench-door`, { method: "POST", redirect: "manual", body: new URLSearchParams({ name: "Maria Bili", phone: "081234567801", regency: "53.71", occupation: "kriya", consent: "yes" }) });
  const code = /\/t\/([a-z0-9]+)$/.exec(signup.headers.get("location")!)![1]!;
  const token = ((await (await post("/staff", { name: "Bench gate", role: "checkin", events: ["bench-door"] })).json()) as { token: string }).token;
  return { code, token };
}

async function signIn(context: BrowserContext, base: string, token: string) {
  const page = await context.newPage();
  await page.goto(`${base}/staff/login`);
  await page.fill("#token", token);
  await Promise.all([page.waitForURL(/\/staff$/), page.press("#token", "Enter")]);
  await page.close();
}

/** The page's document, typed for the functions that run in it (this file has no DOM types; the page's CSP refuses strings to evaluate). */
type PageGlobals = { document: { getElementById(id: string): { textContent: string | null; dataset: Record<string, string | undefined> } | null } };

type Start = { firstScanMs: number; readyMs: number | null; bytesToScan: number; bytesSettled: number };

/** One start of the scanner page on a throttled phone; `chooseGate` on a phone that never chose one. */
async function start(context: BrowserContext, base: string, proxy: Awaited<ReturnType<typeof countingProxy>>, chooseGate: boolean): Promise<Start> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  proxy.reset();
  const t0 = performance.now();
  await page.goto(`${base}/staff/checkin?event=bench-door`, { waitUntil: "commit" });
  let readyMs: number | null = null;
  const ready = page
    .waitForFunction(() => (globalThis as unknown as PageGlobals).document.getElementById("camera-status")?.textContent === "Siap memindai", null, { timeout: 300_000, polling: 50 })
    .then(() => (readyMs = performance.now() - t0))
    .catch(() => undefined);
  if (chooseGate) {
    await page.waitForSelector("#gate-input", { state: "visible", timeout: 300_000 });
    await page.fill("#gate-input", "Pintu Bench");
    await page.click("#gate-form button[type=submit]");
  }
  await page
    .waitForFunction(() => Boolean((globalThis as unknown as PageGlobals).document.getElementById("result")?.dataset.status), null, { timeout: 300_000, polling: 50 })
    .catch(async (err: Error) => {
      // say what the page showed instead
      const shown = await page.evaluate(() => ["camera-status", "session", "gate-name"].map((id) => (globalThis as unknown as PageGlobals).document.getElementById(id)?.textContent));
      throw new Error(`no answer from the camera (${page.url()}: ${JSON.stringify(shown)}): ${err.message}`);
    });
  const firstScanMs = performance.now() - t0;
  const bytesToScan = proxy.bytes();
  await ready;
  // what the page and its worker go on fetching: the start is settled when nothing more comes
  let last = -1;
  while (proxy.bytes() !== last) {
    last = proxy.bytes();
    await page.waitForTimeout(3000);
  }
  const start = { firstScanMs, readyMs, bytesToScan, bytesSettled: proxy.bytes() };
  await cdp.detach();
  await page.close();
  return start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(label: string, root: string | undefined) {
  const server = await startLocalServer({ root });
  const proxy = await countingProxy(new URL(server.url));
  let browser: Browser | undefined;
  try {
    const { code, token } = await setUp(server);
    browser = await launch(fakeCamera(await qrVideo(server.url, code)));
    const cold: Start[] = [];
    const warm: Start[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "id-ID" });
      await context.grantPermissions(["camera"], { origin: proxy.url });
      await signIn(context, proxy.url, token);
      cold.push(await start(context, proxy.url, proxy, true));
      warm.push(await start(context, proxy.url, proxy, false));
      await context.close();
    }
    const row = (name: string, runs: Start[]) => {
      const ready = runs.map((r) => r.readyMs).filter((x): x is number => x !== null);
      console.log(
        `${label.padEnd(8)} ${name.padEnd(5)} first scan ${(median(runs.map((r) => r.firstScanMs)) / 1000).toFixed(1).padStart(5)} s` +
          `   "ready" ${ready.length ? `${(median(ready) / 1000).toFixed(1).padStart(5)} s` : "never"}` +
          `   bytes to the scan ${median(runs.map((r) => r.bytesToScan)).toLocaleString("en").padStart(9)}` +
          `   settled ${median(runs.map((r) => r.bytesSettled)).toLocaleString("en").padStart(9)}`,
      );
    };
    row("cold", cold);
    row("warm", warm);
  } finally {
    await browser?.close();
    proxy.close();
    await server.stop();
  }
}

console.log(`slow 3G (400 ms, 50 KB/s), CPU 4×; ${RUNS} run(s) each, medians`);
if (process.env.BEFORE) await bench("before", process.env.BEFORE);
await bench("after", undefined);
