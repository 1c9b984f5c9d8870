/**
 * QR codes for tickets and posters. `qrcode` resolves to its browser build in
 * Workers: `create()` gives the module matrix, from which we draw a compact
 * SVG (one path) and a PNG.
 */
import QRCode from "qrcode";
import { Lru } from "./lru";
import { encodeGreyPng } from "./png";

export const QUIET_ZONE = 4; // modules of white border, as the standard asks

/** The QR's modules: its size and whether the module at (x, y) is dark (the quiet zone not included). */
export function qrMatrix(text: string) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: qr.modules.size, dark: (x: number, y: number) => Boolean(qr.modules.get(y, x)) };
}

/** An SVG whose dark modules are one path of horizontal runs; scales to any width. */
export function qrSvg(text: string, title?: string): string {
  const { size, dark } = qrMatrix(text);
  const full = size + QUIET_ZONE * 2;
  let d = "";
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!dark(x, y)) continue;
      let run = 1;
      while (x + run < size && dark(x + run, y)) run++;
      d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  const label = title ? `<title>${title.replace(/[<>&"]/g, "")}</title>` : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges" role="img">${label}<rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}

/** A PNG with `scale` pixels per module (the default makes a ~400 px image). */
export async function qrPng(text: string, scale = 10): Promise<Uint8Array> {
  const { size, dark } = qrMatrix(text);
  const px = (size + QUIET_ZONE * 2) * scale;
  const pixels = new Uint8Array(px * px).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!dark(x, y)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = ((y + QUIET_ZONE) * scale + dy) * px + (x + QUIET_ZONE) * scale;
        pixels.fill(0, row, row + scale);
      }
    }
  }
  return encodeGreyPng(px, px, pixels);
}

/**
 * The SVG named for people who cannot see it (its text alternative, `aria-label` on its
 * `role="img"`): what the code is and what to do with it.
 * @example labelledSvg(qrSvg(url), "Kode QR tiket untuk Maria Bili")
 */
export function labelledSvg(svg: string, label: string): string {
  const safe = label.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return svg.replace(/^<svg /, `<svg aria-label="${safe}" `);
}

// drawings this isolate made already: about 1 ms of CPU each (more on a busy machine), a few KB each
const drawn = new Lru<string>(1_000_000, (svg) => svg.length);

/** `qrSvg`, drawn once per isolate for each text and title (a poster page draws one per booth, every time it is opened). */
export function qrSvgOnce(text: string, title?: string): string {
  const key = `${title ?? ""}\n${text}`;
  let svg = drawn.get(key);
  if (svg === undefined) drawn.set(key, (svg = qrSvg(text, title)));
  return svg;
}
