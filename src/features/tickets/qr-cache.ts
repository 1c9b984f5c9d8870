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

/** The cached image for `text`, drawn with `draw` on the first request. */
export async function cachedQr(kind: QrKind, text: string, draw: () => Promise<BodyInit> | BodyInit): Promise<Response> {
  const cache = caches.default;
  const key = cacheKey(kind, text);
  const hit = await cache.match(key);
  if (hit) return hit;
  const res = new Response(await draw(), {
    headers: {
      "content-type": kind === "svg" ? "image/svg+xml" : "image/png",
      "cache-control": "private, max-age=31536000, immutable",
      etag: await qrEtag(kind, text),
    },
  });
  await cache.put(key, res.clone());
  return res;
}
