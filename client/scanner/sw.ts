/**
 * The door scanner's service worker (`/staff/checkin-sw.js`, scope `/staff/checkin`):
 * once a gate phone has opened the scanner online, the page starts again with no
 * network, after a reload, a closed tab or a restart.
 * - the scanner page: from the network when it answers, else the copy kept when it
 *   last did (the page holds no guest's data beyond first names of door conflicts);
 * - its script, manifest and icon: kept per build; the QR decoder: kept per version.
 * What the page decides with (ticket list, queue) is in IndexedDB, not here.
 * Signing out or a revoked session wipes all of it (Clear-Site-Data, idb-store.ts).
 */
import { DECODER_WASM } from "./decoder";
import { keepRequest, workerScope, type FetchEvent } from "../sw-scope";

/** Set by the build: a hash of the scanner's script, so each build gets its own shell cache and a new worker. */
declare const __BUILD__: string;
declare const __DECODER_CACHE__: string;

const sw = workerScope();

const SHELL = `kf-door-shell-${__BUILD__}`;
const PAGES = "kf-door-pages";
const DECODER = __DECODER_CACHE__;
const SHELL_FILES = ["/checkin/scanner.js", "/staff/checkin.webmanifest", "/staff/checkin-192.png"];
const DECODER_FILES = ["/vendor/barcode-detector.js", DECODER_WASM];
/** the scanner page last opened, whatever its event: what a start from the home screen opens offline */
const LAST_PAGE = "/staff/checkin?kf-last-page";
/** a network that neither answers nor fails keeps the door waiting this long before the kept copy */
const PATIENCE_MS = 10_000;

sw.addEventListener("install", (e) => {
  e.waitUntil(
    (async () => {
      // the page has just loaded them: from the HTTP cache, revalidated; the decoder the page keeps itself
      await (await caches.open(SHELL)).addAll(SHELL_FILES);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener("activate", (e) => {
  e.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith("kf-door-") && ![SHELL, PAGES, DECODER].includes(name)) await caches.delete(name);
      // the page's request leaves while the worker starts, not after
      await sw.registration.navigationPreload?.enable();
      await sw.clients.claim();
    })(),
  );
});

const isScannerPage = (url: URL) => (url.pathname === "/staff/checkin" || url.pathname === "/staff/checkin/") && !url.searchParams.has("q");
const pageKey = (url: URL) => `/staff/checkin?event=${encodeURIComponent(url.searchParams.get("event") ?? "")}`;

/** Keeps the scanner page: only the scanner itself (it says so), never a sign-in redirect or an error page. */
async function keepPage(url: URL, res: Response) {
  if (!res.ok || res.headers.get("kf-door-shell") !== "1") return;
  const pages = await caches.open(PAGES);
  await pages.put(pageKey(url), res.clone());
  await pages.put(LAST_PAGE, res);
}

async function scannerPage(e: FetchEvent, url: URL): Promise<Response> {
  const pages = await caches.open(PAGES);
  const key = pageKey(url);
  const network = Promise.resolve(e.preloadResponse)
    .then((preloaded) => preloaded ?? fetch(e.request))
    .then(async (res) => {
      await keepPage(url, res.clone());
      return res;
    });
  e.waitUntil(network.catch(() => undefined));
  const kept = async () => (await pages.match(key)) ?? (await pages.match(LAST_PAGE));
  try {
    const waited = new Promise<Response>((ok) => setTimeout(async () => ok((await kept()) ?? network), PATIENCE_MS));
    return await Promise.race([network, waited]);
  } catch {
    return (await kept()) ?? Response.error();
  }
}

async function keptFile(e: FetchEvent, url: URL): Promise<Response> {
  const hit = await caches.match(url.pathname);
  if (hit) return hit;
  const res = await fetch(e.request);
  if (res.ok) await (await caches.open(DECODER_FILES.includes(url.pathname) ? DECODER : SHELL)).put(url.pathname, res.clone());
  return res;
}

sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin) return;
  if (req.mode === "navigate" && isScannerPage(url)) return e.respondWith(scannerPage(e, url));
  if (SHELL_FILES.includes(url.pathname) || DECODER_FILES.includes(url.pathname)) return e.respondWith(keptFile(e, url));
});

// the page's first visit reached the network before this worker ran: it asks for a copy
sw.addEventListener("message", (e) => {
  const href = keepRequest(e.data);
  let url: URL;
  try {
    url = new URL(href, sw.location.origin);
  } catch {
    return;
  }
  if (url.origin !== sw.location.origin || !isScannerPage(url)) return;
  e.waitUntil(
    fetch(url, { credentials: "same-origin" })
      .then((res) => keepPage(url, res))
      .catch(() => undefined),
  );
});
