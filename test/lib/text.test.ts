import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText, isClean } from "../../src/lib/text";

// every character that may not be stored: C0 (but LF in multi-line text), DEL, C1, and the bidirectional controls
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// and what shows nothing, which cleanText drops too (zero-width, word joiner, BOM, CGJ, MVS, Hangul fillers, tags)
const INVISIBLE = /[\u200b-\u200d\u2060-\u2064\ufeff\u034f\u180e\u115f\u1160\u3164\uffa0]|[\u{e0000}-\u{e007f}]/u;
const hostile = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: fc.constantFrom("a", "B", " ", "\n", "\r", "\t", "\u0000", "\u001b", "[", "3", "1", "m", "]", "\u0007", "\u009b", "\u202e", "\u2066", "\u200f", "é", "😀"), maxLength: 60 }),
);

describe("cleanText", () => {
  it("removes control characters and bidirectional overrides, keeping the letters", () => {
    expect(cleanText("Maria\u0000 Bi\u202eli\u202c")).toBe("Maria Bili");
    expect(cleanText("\u2067Yohana\u2069 \u200fLodo")).toBe("Yohana Lodo");
    expect(cleanText("Ná Lélo · 😀 ᬅ")).toBe("Ná Lélo · 😀 ᬅ");
  });

  it("removes characters that show nothing, so a name of them alone is empty", () => {
    for (const invisible of ["\u200b", "\u2060", "\u3164", "\u{e0041}", "\ufeff", "\u200d\u200c", "\u115f\u1160\uffa0"]) expect(cleanText(invisible), JSON.stringify(invisible)).toBe("");
    expect(cleanText("Ma\u200bria\u2060 Bili")).toBe("Maria Bili");
  });

  it("removes terminal escape sequences whole, so an escape alone leaves nothing", () => {
    expect(cleanText("\u001b[31m")).toBe("");
    expect(cleanText("\u001b[1;31mRed\u001b[0m")).toBe("Red");
    expect(cleanText("\u001b]0;title\u0007Name")).toBe("Name");
    expect(cleanText("\u009b2J")).toBe("");
  });

  it("turns line breaks into spaces in one-line text, and into LF in multi-line text", () => {
    expect(cleanText("Maria\r\nBili\tLodo")).toBe("Maria Bili Lodo");
    expect(cleanText("a\r\nb\rc\u2028d", { multiline: true })).toBe("a\nb\nc\nd");
  });

  it("never leaves a forbidden character, and cleaning twice changes nothing (generated text)", () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (text, multiline) => {
        const once = cleanText(text, { multiline });
        expect(once).not.toMatch(FORBIDDEN);
        if (!multiline) expect(once).not.toContain("\n");
        expect(cleanText(once, { multiline })).toBe(once);
        expect(isClean(once, { multiline })).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("leaves ordinary text alone", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !FORBIDDEN.test(s) && !INVISIBLE.test(s) && !/[\n\r\u2028\u2029\u0085\u001b]/.test(s)), (text) => {
        expect(cleanText(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
