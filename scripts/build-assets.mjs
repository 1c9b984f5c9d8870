#!/usr/bin/env node
// Copies the QR decoder the scanner page falls back on (where the browser has no
// native BarcodeDetector) into public/vendor, served as static assets: the
// barcode-detector ponyfill and its zxing WebAssembly, so no CDN is needed.
import { copyFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const out = resolve(root, "public/vendor");
mkdirSync(out, { recursive: true });
copyFileSync(resolve(root, "node_modules/barcode-detector/dist/iife/ponyfill.js"), resolve(out, "barcode-detector.js"));
copyFileSync(resolve(root, "node_modules/zxing-wasm/dist/reader/zxing_reader.wasm"), resolve(out, "zxing_reader.wasm"));
