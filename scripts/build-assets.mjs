#!/usr/bin/env node
// Builds the static assets that are not kept in git, into public/:
// - the browser scripts, TypeScript in client/, bundled by esbuild into one
//   minified file each (type-checked by `tsc -p client` in `npm test`, not here);
// - the door scanner's service worker, web app manifest and icons (public/staff/),
//   and the ticket's service worker (public/t/): static files are served before
//   the Worker, at the paths whose scope they need;
// - the QR decoder the scanner page falls back on (where the browser has no
//   native BarcodeDetector): the barcode-detector ponyfill and its zxing
//   WebAssembly, copied into public/vendor, so no CDN is needed.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { encode } from "fast-png";

const root = resolve(import.meta.dirname, "..");
const publicDir = resolve(root, "public");
const zxing = JSON.parse(readFileSync(resolve(root, "node_modules/zxing-wasm/package.json"), "utf8")).version;
const decoderCache = `kf-door-decoder-${zxing}`;

const common = {
  absWorkingDir: root,
  outdir: publicDir,
  bundle: true,
  format: "iife",
  minify: true,
  // the scanner's phones: Chrome for Android 100+ and its kind; the syntax the hand-written scripts used
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
};

/** Builds everything into public/ (wrangler dev and deploy run this file; the Workers tests import it to read the files the Worker's pages load). */
export async function buildAssets() {
  await build({
    ...common,
    entryPoints: [
      { in: "client/scanner/main.ts", out: "checkin/scanner" },
      { in: "client/console.ts", out: "console/console" },
      { in: "client/ticket/ticket.ts", out: "t/ticket" },
      { in: "client/ticket/sw.ts", out: "t/sw" },
    ],
    define: { __DECODER_CACHE__: JSON.stringify(decoderCache) },
  });

  // the scanner's worker names its cache after the scanner it keeps: a new scanner, a new worker
  const scanner = readFileSync(resolve(publicDir, "checkin/scanner.js"));
  const buildId = createHash("sha256").update(scanner).update(decoderCache).digest("hex").slice(0, 12);
  await build({
    ...common,
    entryPoints: [{ in: "client/scanner/sw.ts", out: "staff/checkin-sw" }],
    define: { __DECODER_CACHE__: JSON.stringify(decoderCache), __BUILD__: JSON.stringify(buildId) },
  });

  const staffDir = resolve(publicDir, "staff");
  mkdirSync(staffDir, { recursive: true });
  writeFileSync(
    resolve(staffDir, "checkin.webmanifest"),
    JSON.stringify({
      name: "Check-in di pintu · Kupang Fair",
      short_name: "Pintu",
      description: "Pindai tiket di pintu masuk, juga tanpa jaringan.",
      lang: "id",
      start_url: "/staff/checkin",
      scope: "/staff/checkin",
      display: "standalone",
      orientation: "portrait",
      background_color: "#ffffff",
      theme_color: "#0b3d2e",
      icons: [192, 512].map((n) => ({ src: `/staff/checkin-${n}.png`, sizes: `${n}x${n}`, type: "image/png" })),
    }),
  );

  /** The scanner's icon: a white ticket with a QR finder mark on the console's green. */
  function icon(n) {
    const data = new Uint8Array(n * n * 3);
    const green = [0x0b, 0x3d, 0x2e];
    const white = [0xff, 0xff, 0xff];
    const u = n / 16;
    const inBox = (x, y, x0, y0, w, h) => x >= x0 * u && x < (x0 + w) * u && y >= y0 * u && y < (y0 + h) * u;
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        let c = green;
        if (inBox(x, y, 3, 3, 10, 10)) c = white;
        // one QR finder pattern and a few modules
        if (inBox(x, y, 4, 4, 5, 5) && !inBox(x, y, 5, 5, 3, 3)) c = green;
        if (inBox(x, y, 6, 6, 1, 1) || inBox(x, y, 10, 4, 2, 1) || inBox(x, y, 10, 7, 1, 2) || inBox(x, y, 4, 10, 2, 2) || inBox(x, y, 9, 10, 3, 2)) c = green;
        data.set(c, (y * n + x) * 3);
      }
    return encode({ width: n, height: n, data, channels: 3, depth: 8 });
  }
  for (const n of [192, 512]) writeFileSync(resolve(staffDir, `checkin-${n}.png`), icon(n));

  const vendor = resolve(publicDir, "vendor");
  mkdirSync(vendor, { recursive: true });
  copyFileSync(resolve(root, "node_modules/barcode-detector/dist/iife/ponyfill.js"), resolve(vendor, "barcode-detector.js"));
  copyFileSync(resolve(root, "node_modules/zxing-wasm/dist/reader/zxing_reader.wasm"), resolve(vendor, "zxing_reader.wasm"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildAssets();
