/**
 * QR images are drawn once per ticket and host: kept in this isolate's memory
 * first, then in the Workers Cache API (shared by the isolates of a data
 * centre), drawn only when neither holds them. Browsers get immutable caching
 * and an ETag, so a repeat view costs nothing.
 */
import { sha256Hex } from "../../lib/crypto";
import { Lru } from "../../lib/lru";

export type QrKind = "svg" | "png";

type Image = { body: Uint8Array<ArrayBuffer>; etag: string };

const cacheKey = (kind: QrKind, text: string) => `https://qr.cache.internal/${kind}?t=${encodeURIComponent(text)}`;
// a PNG is about 3 KB, an SVG about 2 KB: a few thousand tickets' images per isolate
const memory = new Lru<Image>(8_000_000, (i) => i.body.byteLength + 64);

export async function qrEtag(kind: QrKind, text: string): Promise<string> {
  const kept = memory.get(cacheKey(kind, text));
  return kept ? kept.etag : `"qr-${kind}-${(await sha256Hex(`${kind}:${text}`)).slice(0, 24)}"`;
}

const browserHeaders = (kind: QrKind, etag: string) => ({
  "content-type": kind === "svg" ? "image/svg+xml" : "image/png",
  // the image names a ticket URL: browsers may keep it, shared caches may not
  "cache-control": "private, max-age=31536000, immutable",
  etag,
});

async function image(kind: QrKind, text: string, draw: () => Promise<BodyInit> | BodyInit): Promise<Image> {
  const key = cacheKey(kind, text);
  const kept = memory.get(key);
  if (kept) return kept;
  const cache = caches.default;
  const hit = await cache.match(key);
  const body = new Uint8Array(hit ? await hit.arrayBuffer() : await new Response(await draw()).arrayBuffer());
  // the Cache API refuses `private` responses, so the stored copy says `public`
  if (!hit) await cache.put(key, new Response(body, { headers: { "cache-control": "public, max-age=31536000, immutable" } }));
  const made = { body, etag: await qrEtag(kind, text) };
  memory.set(key, made);
  return made;
}

/** The image for `text`, drawn with `draw` only when neither this isolate nor the Cache API holds it yet. */
export async function cachedQr(kind: QrKind, text: string, draw: () => Promise<BodyInit> | BodyInit): Promise<Response> {
  const { body, etag } = await image(kind, text, draw);
  return new Response(body, { headers: browserHeaders(kind, etag) });
}

/** The SVG as text, for pages that inline it (the ticket page). */
export async function cachedQrSvg(text: string, draw: () => string): Promise<string> {
  return new TextDecoder().decode((await image("svg", text, draw)).body);
}
