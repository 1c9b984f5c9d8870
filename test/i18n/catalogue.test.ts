/**
 * The message catalogue: every key used in the code exists in both languages,
 * with the same placeholders. The type checker holds the same rules for
 * `t`/`msg`/`key` calls; this test also reads the source, so a key written as a
 * bare string (a zod message without `key()`) cannot slip past it.
 */
import { describe, expect, it } from "vitest";
import { catalogueEntries, isMessageKey } from "../../src/i18n";

const sources = import.meta.glob("../../src/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const entries = catalogueEntries();
const keys = entries.map(([k]) => k as string);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The message keys a source text names: in `t(…)`, `msg(…)`, `key(…)`, `template(…)` and the problem helpers. */
export function keysUsedIn(text: string): string[] {
  const call = /\b(?:t|msg|key|template|notFound|forbidden|unauthorized|badRequest|fieldError)\(\s*(?:[\w.[\]"'`]+,\s*)?(["'`])([a-zA-Z_]+\.[\w.${}]+?)\1/g;
  return [...text.matchAll(call)].map((m) => m[2]!);
}

/** Does `used` name a key: exactly, or as a template (`leads.status.${s}`) that some key fills? */
function exists(used: string): boolean {
  if (!used.includes("${")) return isMessageKey(used);
  const pattern = new RegExp(`^${used.split(/\$\{[^}]*\}/).map((p) => p.replace(/\./g, "\\.")).join("[\\w.]+")}$`);
  return keys.some((k) => pattern.test(k));
}

describe("the message catalogue", () => {
  it("reads the source files (the scan below is not empty)", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(80);
    expect(Object.values(sources).flatMap(keysUsedIn).length).toBeGreaterThan(300);
  });

  it("has every key used in the code, in both languages", () => {
    const missing: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      for (const used of keysUsedIn(text)) if (!exists(used)) missing.push(`${file}: ${used}`);
    }
    expect(missing).toEqual([]);
  });

  it("names zod messages only through key(), so the type checker sees them", () => {
    const bare: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\b(?:error|message):\s*["'`]([a-z]\w*\.[\w.]+)["'`]/g)) bare.push(`${file}: ${m[1]}`);
    }
    expect(bare).toEqual([]);
  });

  it("gives every key a text in Bahasa Indonesia and in English, with the same placeholders", () => {
    const wrong = entries.filter(([, id, en]) => !id.trim() || !en.trim() || placeholders(id).join() !== placeholders(en).join()).map(([k]) => k);
    expect(wrong).toEqual([]);
  });

  it("finds a key that does not exist (the check can fail)", () => {
    expect(keysUsedIn(`throw notFound("error.noSuchMessage");`)).toEqual(["error.noSuchMessage"]);
    expect(exists("error.noSuchMessage")).toBe(false);
    expect(exists("leads.status.${s}")).toBe(true);
    expect(exists("leads.nosuch.${s}")).toBe(false);
  });
});
