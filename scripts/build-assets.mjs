#!/usr/bin/env node
// Builds the static assets that are not kept in git, into public/:
// - the browser scripts, TypeScript in client/, bundled by esbuild into one
//   minified file each (type-checked by `tsc -p client` in `npm test`, not here);
// - the QR decoder the scanner page falls back on (where the browser has no
//   native BarcodeDetector): the barcode-detector ponyfill and its zxing
//   WebAssembly, copied into public/vendor, so no CDN is needed.
import { copyFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const publicDir = resolve(root, "public");

await build({
  absWorkingDir: root,
  entryPoints: [
    { in: "client/scanner/main.ts", out: "checkin/scanner" },
    { in: "client/console.ts", out: "console/console" },
  ],
  outdir: publicDir,
  bundle: true,
  format: "iife",
  minify: true,
  // the scanner's phones: Chrome for Android 100+ and its kind; the syntax the hand-written scripts used
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
});

const vendor = resolve(publicDir, "vendor");
mkdirSync(vendor, { recursive: true });
copyFileSync(resolve(root, "node_modules/barcode-detector/dist/iife/ponyfill.js"), resolve(vendor, "barcode-detector.js"));
copyFileSync(resolve(root, "node_modules/zxing-wasm/dist/reader/zxing_reader.wasm"), resolve(vendor, "zxing_reader.wasm"));
