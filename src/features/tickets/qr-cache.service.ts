/**
 * QR images are drawn once per ticket and host, then served from the Workers
 * Cache API; browsers get immutable caching and an ETag, so a repeat view
 * costs nothing.
 */
import { sha256Hex } from "../../lib/crypto";

export type QrKind = "svg" | "png";

const cacheKey = (kind: QrKind, text: string) => `https://qr.cache.internal/${kind}?t=${encodeURIComponent(text)}`;

export async function qrEtag(kind: QrKind, text: string): Promise<string> {
  return `"qr-${kind}-${(await sha256Hex(`${kind}:${text}`)).slice(0, 24)}"`;
}

const browserHeaders = async (kind: QrKind, text: string) => ({
  "content-type": kind === "svg" ? "image/svg+xml" : "image/png",
  // the image names a ticket URL: browsers may keep it, shared caches may not
  "cache-control": "private, max-age=31536000, immutable",
  etag: await qrEtag(kind, text),
});

/** The image for `text`, drawn with `draw` only when the Cache API does not hold it yet. */
export async function cachedQr(kind: QrKind, text: string, draw: () => Promise<BodyInit> | BodyInit): Promise<Response> {
  const cache = caches.default;
  const key = cacheKey(kind, text);
  const hit = await cache.match(key);
  const body = hit ? await hit.arrayBuffer() : await new Response(await draw()).arrayBuffer();
  // the Cache API refuses `private` responses, so the stored copy says `public`
  if (!hit) await cache.put(key, new Response(body, { headers: { "cache-control": "public, max-age=31536000, immutable" } }));
  return new Response(body, { headers: await browserHeaders(kind, text) });
}
