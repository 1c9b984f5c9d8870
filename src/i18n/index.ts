/**
 * The one message catalogue: Bahasa Indonesia first, English second. The core
 * messages live in id.ts/en.ts; each feature may add its own file under
 * features/ (made with `defineMessages`) and list it here.
 */
import { en } from "./en";
import { id } from "./id";
import { checkin } from "./features/checkin";
import { rights } from "./features/rights";
import { organiserConsole } from "./features/console";
import { leads } from "./features/leads";

export const LANGS = ["id", "en"] as const;
export type Lang = (typeof LANGS)[number];

// one line per feature file, in both languages
const merged = {
  id: {
    ...id,
    ...checkin.id,
    ...rights.id,
    ...organiserConsole.id,
    ...leads.id,
  },
  en: {
    ...en,
    ...checkin.en,
    ...rights.en,
    ...organiserConsole.en,
    ...leads.en,
  },
};

export type MessageKey = keyof typeof merged.id;

export function isMessageKey(key: string): key is MessageKey {
  return key in merged.id;
}

/** The message `key` in `lang`, with `{name}` placeholders filled in. */
export function t(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = merged[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

export function isLang(value: unknown): value is Lang {
  return value === "id" || value === "en";
}

/**
 * The visitor's language: an explicit `lang` (query or form) wins, then the
 * `lang` cookie, then Accept-Language; Indonesian by default.
 */
export function pickLang(explicit: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(explicit)) return explicit;
  if (isLang(cookie)) return cookie;
  const first = acceptLanguage?.split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return first === "en" ? "en" : "id";
}
