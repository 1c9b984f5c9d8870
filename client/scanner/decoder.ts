/**
 * The camera's QR decoder: the browser's own BarcodeDetector where it reads QR
 * codes, else the `barcode-detector` ponyfill with its zxing WebAssembly (about a
 * megabyte, 460 KB on the wire). Fetched as soon as the page opens, while the
 * volunteer chooses the gate, and kept in Cache Storage, so the next start (and
 * one with no network) takes it from the phone. Ready only once it has decoded.
 */

interface DetectedBarcode {
  rawValue: string;
}
export interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement | ImageData): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}
/** the global that /vendor/barcode-detector.js (the `barcode-detector` ponyfill, iife build) defines */
interface BarcodeDetectionApi {
  BarcodeDetector: BarcodeDetectorClass;
  prepareZXingModule(options: { overrides: { wasmBinary: ArrayBuffer }; fireImmediately: true }): Promise<unknown>;
}
declare global {
  interface Window {
    BarcodeDetector?: BarcodeDetectorClass;
    BarcodeDetectionAPI?: BarcodeDetectionApi;
  }
}

/** Set by the build (scripts/build-assets.mjs): named after the zxing-wasm version, so a new decoder gets a new cache. */
declare const __DECODER_CACHE__: string;
export const DECODER_CACHE = __DECODER_CACHE__;
export const DECODER_SCRIPT = "/vendor/barcode-detector.js";
export const DECODER_WASM = "/vendor/zxing_reader.wasm";

/** The file from Cache Storage, or from the network into it. */
async function cachedBytes(url: string): Promise<ArrayBuffer> {
  try {
    const cache = await caches.open(DECODER_CACHE);
    const hit = await cache.match(url);
    if (hit) return await hit.arrayBuffer();
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    await cache.put(url, res.clone());
    return await res.arrayBuffer();
  } catch {
    // no Cache Storage here (or it is full): the network alone
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return res.arrayBuffer();
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((ok, fail) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => ok();
    s.onerror = () => fail(new Error(`${src} did not load`));
    document.head.append(s);
  });
}

async function makeDetector(): Promise<BarcodeDetectorLike> {
  if (window.BarcodeDetector) {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    if (formats.includes("qr_code")) return new window.BarcodeDetector({ formats: ["qr_code"] });
  }
  // the script (small; the service worker keeps it) and the WebAssembly, at once
  const [, wasmBinary] = await Promise.all([loadScript(DECODER_SCRIPT), cachedBytes(DECODER_WASM)]);
  const lib = window.BarcodeDetectionAPI!;
  await lib.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  return new lib.BarcodeDetector({ formats: ["qr_code"] });
}

/** The decoder, once it has really decoded something (a blank image: no code, no error). */
export async function prepareDecoder(): Promise<BarcodeDetectorLike> {
  const detector = await makeDetector();
  await detector.detect(new ImageData(16, 16));
  return detector;
}
