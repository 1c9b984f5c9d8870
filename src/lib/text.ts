/**
 * Text as it may be stored: no control characters (C0, DEL, C1; a newline
 * stays where a field may hold several lines), no terminal escape sequences,
 * no bidirectional overrides, embeddings, isolates or marks, which can make
 * a name read differently on a screen, in a spreadsheet or in a log, and no
 * character that shows nothing at all.
 */

// terminal escapes first, whole, so that `ESC[31m` leaves nothing behind: CSI (ESC [ or U+009B)
// with its parameters and final byte, OSC (ESC ]) up to BEL or ESC \, and two-byte escapes
const ESCAPES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g;
// line breaks of every kind (CR LF, CR, LS, PS, NEL), made one LF
const BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
// tab, vertical tab and form feed read as a space
const SPACES = /[\t\v\f]/g;
// what is left of C0, DEL and C1, and the bidirectional controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI)
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// characters that show nothing: zero-width space, non-joiner and joiner, word joiner and the invisible
// operators, the byte order mark, the combining grapheme joiner, the Mongolian vowel separator, the
// Hangul fillers, and the tag characters (a name made of them alone would look empty yet be stored)
const INVISIBLE = /[\u200b-\u200d\u2060-\u2064\ufeff\u034f\u180e\u115f\u1160\u3164\uffa0]|[\u{e0000}-\u{e007f}]/gu;

/**
 * `text` without control characters and bidirectional formatting. In one-line
 * text a line break becomes a space; in multi-line text it stays (as LF).
 * @example cleanText("Maria\u202eiliB\u0000") // "MariailiB"
 */
export function cleanText(text: string, opts: { multiline?: boolean } = {}): string {
  const breaks = text.replace(ESCAPES, "").replace(BREAKS, "\n").replace(SPACES, " ");
  return (opts.multiline ? breaks : breaks.replace(/\n/g, " ")).replace(CONTROLS, "").replace(INVISIBLE, "");
}

/** One-line text (names, places, codes typed by people). */
export const cleanLine = (text: string): string => cleanText(text);

/** Text that may hold several lines (notes, literacy and privacy texts). */
export const cleanLines = (text: string): string => cleanText(text, { multiline: true });

/** True when `text` holds nothing `cleanText` would remove (tests and assertions). */
export const isClean = (text: string, opts: { multiline?: boolean } = {}): boolean => cleanText(text, opts) === text;
