/** Test-side QR reading: decode PNG (fast-png) or rasterise our SVG, then read with jsQR. */
import { decode } from "fast-png";
import jsQR from "jsqr";

function readGrey(width: number, height: number, grey: (x: number, y: number) => number): string | null {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = grey(x, y);
      rgba.set([v, v, v, 255], (y * width + x) * 4);
    }
  return jsQR(rgba, width, height)?.data ?? null;
}

export function decodeQrPng(bytes: Uint8Array): string | null {
  const img = decode(bytes);
  const ch = img.channels;
  return readGrey(img.width, img.height, (x, y) => Number(img.data[(y * img.width + x) * ch]));
}

/** Rasterises the single-path SVG our QR module draws (M x y h n v1 h-n z runs). */
export function decodeQrSvg(svg: string, scale = 6): string | null {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path[^>]* d="([^"]+)"/.exec(svg)?.[1] ?? "";
  const dark = new Set<string>();
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    for (let i = 0; i < Number(m[3]); i++) dark.add(`${Number(m[1]) + i},${m[2]}`);
  }
  return readGrey(size * scale, size * scale, (x, y) => (dark.has(`${Math.floor(x / scale)},${Math.floor(y / scale)}`) ? 0 : 255));
}
