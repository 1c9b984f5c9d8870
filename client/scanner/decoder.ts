/**
 * The camera's QR decoder: the browser's own BarcodeDetector where it reads QR
 * codes, else the `barcode-detector` ponyfill with its zxing WebAssembly (about a
 * megabyte, 460 KB on the wire). Fetched and compiled as soon as the page opens,
 * while the volunteer chooses the gate, and kept in Cache Storage, so the next
 * start (and one with no network) takes it from the phone. Ready only once it has decoded.
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
  prepareZXingModule(options: { overrides: { locateFile: (path: string, prefix: string) => string }; fireImmediately: true }): Promise<unknown>;
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

/**
 * Keeps the decoder's files in Cache Storage for the next start (the service worker
 * serves them from there, even with no network). Just downloaded, they come from the
 * browser's HTTP cache: a revalidation, not a second download.
 */
async function keep(urls: readonly string[]): Promise<void> {
  try {
    const cache = await caches.open(DECODER_CACHE);
    for (const url of urls) if (!(await cache.match(url))) await cache.add(url);
  } catch {
    // no Cache Storage here, or no network: the next start downloads them again
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
  await loadScript(DECODER_SCRIPT);
  const lib = window.BarcodeDetectionAPI!;
  // fetched and compiled as it streams in; from Cache Storage (through the service worker) the
  // browser also keeps the compiled code, so a later start does not compile it again
  await lib.prepareZXingModule({ overrides: { locateFile: (path, prefix) => (path.endsWith(".wasm") ? DECODER_WASM : prefix + path) }, fireImmediately: true });
  void keep([DECODER_SCRIPT, DECODER_WASM]);
  return new lib.BarcodeDetector({ formats: ["qr_code"] });
}

/** The decoder, once it has really decoded something (a blank image: no code, no error). */
export async function prepareDecoder(): Promise<BarcodeDetectorLike> {
  const detector = await makeDetector();
  await detector.detect(new ImageData(16, 16));
  return detector;
}
