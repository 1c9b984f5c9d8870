/**
 * The ticket's service worker (`/t/sw.js`, scope `/t/`): once a ticket page has
 * been opened on a phone, it opens again with no network, QR included (it is
 * drawn in the page). Only the ticket page and its QR images are kept, for the
 * last few tickets opened here; never the person's data pages (`/t/{code}/me…`).
 * A ticket the server no longer knows (erased) is dropped at the next visit.
 */
import { erasedTicket, isTicketPage, keepable, keptTicket, ticketsToDrop } from "./paths";
import { keepRequest, workerScope, type FetchEvent } from "../sw-scope";

const sw = workerScope();
const CACHE = "kf-ticket-pages";

sw.addEventListener("install", (e) => e.waitUntil(sw.skipWaiting()));
sw.addEventListener("activate", (e) => e.waitUntil(sw.clients.claim()));

/** The codes kept, oldest first (each ticket page is kept under its bare path). */
async function keptCodes(cache: Cache): Promise<string[]> {
  return (await cache.keys()).map((r) => new URL(r.url).pathname).filter(isTicketPage).map((p) => p.slice(3));
}

async function forget(cache: Cache, code: string) {
  for (const req of await cache.keys()) if (new URL(req.url).pathname.startsWith(`/t/${code}`)) await cache.delete(req);
}

/** Keeps `res` for `path`; a ticket page first drops the oldest tickets beyond the few a phone keeps. */
async function keep(cache: Cache, code: string, path: string, res: Response) {
  if (isTicketPage(path)) {
    for (const old of ticketsToDrop(await keptCodes(cache), code)) await forget(cache, old);
    // kept again at the end: the newest
    await cache.delete(path);
  }
  await cache.put(path, res);
}

async function fromNetworkOrKept(e: FetchEvent, url: URL, code: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  let res: Response;
  try {
    res = await fetch(e.request);
  } catch {
    return (await cache.match(url.pathname)) ?? Response.error();
  }
  // a confirmation (`?done=…`) is not the ticket to keep; any other page in its language is
  const plain = [...url.searchParams.keys()].every((k) => k === "lang");
  // kept before the page shows: a person who closes it at once still has it offline
  if (plain && keepable(res, url.pathname, sw.location.origin)) await keep(cache, code, url.pathname, res.clone()).catch(() => undefined);
  if (res.status === 404 || res.status === 410) e.waitUntil(forget(cache, code));
  return res;
}

sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin) return;
  const gone = erasedTicket(url.pathname);
  if (gone) return e.waitUntil(caches.open(CACHE).then((c) => forget(c, gone)));
  const code = keptTicket(url.pathname);
  if (code) e.respondWith(fromNetworkOrKept(e, url, code));
});

// the page's first visit reached the network before this worker: it asks for a copy
sw.addEventListener("message", (e) => {
  const path = keepRequest(e.data);
  if (!isTicketPage(path)) return;
  e.waitUntil(
    (async () => {
      const res = await fetch(path);
      if (keepable(res, path, sw.location.origin)) await keep(await caches.open(CACHE), path.slice(3), path, res);
    })().catch(() => undefined),
  );
});
