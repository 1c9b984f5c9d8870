/** Chromium's fake camera showing a ticket's QR, or nothing: a one-frame Y4M video (640×480, grey), for the scanner tests and the start-up bench. */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode } from "fast-png";

const W = 640;
const H = 480;

/** Writes a one-frame video of the picture `y` (W × H luma, no colour) as `name`.y4m and returns its path. */
function writeVideo(name: string, y: Uint8Array): string {
  const chroma = new Uint8Array((W / 2) * (H / 2)).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  const file = join(tmpdir(), `${name}.y4m`);
  writeFileSync(file, Buffer.concat([header, y, chroma, chroma]));
  return file;
}

/** Writes the video for the ticket `code` (its QR from `baseUrl`) and returns its path. */
export async function qrVideo(baseUrl: string, code: string): Promise<string> {
  const png = decode(new Uint8Array(await (await fetch(`${baseUrl}/t/${code}/qr.png`)).arrayBuffer()));
  const y = new Uint8Array(W * H).fill(255);
  const size = Math.min(png.width, 440);
  const step = png.width / size;
  const ox = (W - size) >> 1;
  const oy = (H - size) >> 1;
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) y[(oy + r) * W + ox + c] = Number(png.data[(Math.floor(r * step) * png.width + Math.floor(c * step)) * png.channels]);
  return writeVideo(`ticket-${code}`, y);
}

/** A camera that sees no ticket (a white frame): the scanner's camera runs, and never answers by itself. */
export const blankVideo = (): string => writeVideo(`no-ticket-${process.pid}`, new Uint8Array(W * H).fill(255));

/** The Chromium flags that feed it to getUserMedia without asking. */
export const fakeCamera = (video: string) => ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`];
