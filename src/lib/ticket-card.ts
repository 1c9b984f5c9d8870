/**
 * The ticket card a person keeps ("Simpan tiket"): a greyscale PNG with the
 * event's name, the person's name, the date and time, the venue and the QR
 * large (about 8 px a module, enough for a scanner through a cracked screen).
 * Drawn in the Worker with a bitmap font (card-font.ts): no font engine. Text
 * outside ASCII is folded (accents dropped: "Agustínus" → "Agustinus").
 */
import { CARD_FONT, CARD_FONT_HEIGHT } from "./card-font";
import { encodeGreyPng } from "./png";
import { qrMatrix, QUIET_ZONE } from "./qr";

const WIDTH = 720;
const MARGIN = 36;

/** Text the font can draw: accents dropped, anything else outside printable ASCII as "?". */
export function cardText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "?");
}

const glyph = (ch: string) => CARD_FONT[ch.charCodeAt(0) - 32] ?? CARD_FONT[31]!;
const widthOf = (text: string, scale: number) => [...text].reduce((w, ch) => w + glyph(ch)[0] * scale, 0);

/** Lines of at most `max` pixels, broken between words (a word too long is cut). */
function wrap(text: string, scale: number, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of cardText(text).split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (widthOf(next, scale) <= max) line = next;
    else {
      if (line) lines.push(line);
      line = word;
      while (widthOf(line, scale) > max) {
        let cut = line.length - 1;
        while (cut > 1 && widthOf(line.slice(0, cut), scale) > max) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

type Line = { text: string; scale: number; gap: number };

/** The card as PNG bytes. */
export async function ticketCardPng(card: { event: string; name: string; when: string; venue: string; url: string }): Promise<Uint8Array> {
  const inner = WIDTH - 2 * MARGIN;
  const lines: Line[] = [
    ...wrap(card.event, 2, inner).slice(0, 3).map((text) => ({ text, scale: 2, gap: 4 })),
    ...wrap(card.name, 2, inner).slice(0, 2).map((text, i) => ({ text, scale: 2, gap: i === 0 ? 24 : 4 })),
    ...wrap(card.when, 1, inner).slice(0, 2).map((text, i) => ({ text, scale: 1, gap: i === 0 ? 16 : 2 })),
    ...wrap(card.venue, 1, inner).slice(0, 3).map((text) => ({ text, scale: 1, gap: 2 })),
  ];
  const { size, dark } = qrMatrix(card.url);
  const module = Math.floor(inner / (size + 2 * QUIET_ZONE));
  const qrPx = module * (size + 2 * QUIET_ZONE);
  const textHeight = lines.reduce((h, l) => h + l.gap + CARD_FONT_HEIGHT * l.scale, 0);
  const height = MARGIN + textHeight + 24 + qrPx + MARGIN;
  const px = new Uint8Array(WIDTH * height).fill(255);

  let y = MARGIN;
  for (const l of lines) {
    y += l.gap;
    let x = MARGIN;
    for (const ch of l.text) {
      const [w, hex] = glyph(ch);
      for (let gy = 0; gy < CARD_FONT_HEIGHT; gy++) {
        for (let gx = 0; gx < w; gx++) {
          const bit = gy * w + gx;
          if (!((parseInt(hex[bit >> 2]!, 16) >> (3 - (bit & 3))) & 1)) continue;
          for (let sy = 0; sy < l.scale; sy++) {
            const row = (y + gy * l.scale + sy) * WIDTH + x + gx * l.scale;
            px.fill(0, row, row + l.scale);
          }
        }
      }
      x += w * l.scale;
    }
    y += CARD_FONT_HEIGHT * l.scale;
  }

  // the QR, centred, with its quiet zone (the card is white already)
  const top = y + 24 + QUIET_ZONE * module;
  const left = Math.floor((WIDTH - qrPx) / 2) + QUIET_ZONE * module;
  for (let my = 0; my < size; my++) {
    for (let mx = 0; mx < size; mx++) {
      if (!dark(mx, my)) continue;
      for (let dy = 0; dy < module; dy++) {
        const row = (top + my * module + dy) * WIDTH + left + mx * module;
        px.fill(0, row, row + module);
      }
    }
  }
  return encodeGreyPng(WIDTH, height, px);
}

/** A file name after the event and the person: `tiket-festival-ekraf-kupang-maria-bili.png`. */
export function cardFileName(eventSlug: string, name: string): string {
  const person = cardText(name).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "tamu";
  return `tiket-${eventSlug}-${person}.png`;
}
