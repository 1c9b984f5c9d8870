/**
 * The one message catalogue: Bahasa Indonesia first, English second. The core
 * messages live in id.ts/en.ts; each feature may add its own file under
 * features/ (made with `defineMessages`) and list it here.
 *
 * Keys and placeholders are typed: `t(lang, "checkin.already_checked_in", { time, gate })`
 * does not compile with a key that does not exist or without the `{time}` and
 * `{gate}` its Indonesian text names. Code that decides (services, schemas) names
 * messages with `msg(...)` / `key(...)`; only the edge (handlers, views) calls `t`.
 */
import { en } from "./en";
import { id } from "./id";
import { checkin } from "./features/checkin";
import { door } from "./features/door";
import { rights } from "./features/rights";
import { organiserConsole } from "./features/console";
import { leads } from "./features/leads";
import { contributions } from "./features/contributions";
import { enrollment } from "./features/enrollment";
import { identity } from "./features/identity";
import { stumbles } from "./features/stumbles";
import { kiosk } from "./features/kiosk";

export const LANGS = ["id", "en"] as const;
export type Lang = (typeof LANGS)[number];

// one line per feature file, in both languages
const catalogue = {
  id: {
    ...id,
    ...checkin.id,
    ...door.id,
    ...rights.id,
    ...organiserConsole.id,
    ...leads.id,
    ...contributions.id,
    ...enrollment.id,
    ...identity.id,
    ...stumbles.id,
    ...kiosk.id,
  },
  en: {
    ...en,
    ...checkin.en,
    ...door.en,
    ...rights.en,
    ...organiserConsole.en,
    ...leads.en,
    ...contributions.en,
    ...enrollment.en,
    ...identity.en,
    ...stumbles.en,
    ...kiosk.en,
  },
};

type Catalogue = typeof catalogue.id;
export type MessageKey = keyof Catalogue;

/** The `{name}` placeholders of a message text, as a union of names. */
type PlaceholdersIn<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | PlaceholdersIn<Rest> : never;
export type Placeholders<K extends MessageKey> = PlaceholdersIn<Catalogue[K]>;
export type Vars<K extends MessageKey> = Record<Placeholders<K>, string | number>;
/** The values a message needs: nothing for a text without placeholders. */
export type VarsArg<K extends MessageKey> = [Placeholders<K>] extends [never] ? [vars?: undefined] : [vars: Vars<K>];

/** The keys whose texts need no values (labels, headings). */
export type PlainKey = { [K in MessageKey]: [Placeholders<K>] extends [never] ? K : never }[MessageKey];

/** A message named by code that decides, translated at the edge in the reader's language. */
export type Msg = { [K in MessageKey]: { key: K; vars?: Vars<K> } }[MessageKey];

/** A message and its values, type-checked against the catalogue. */
export function msg<K extends MessageKey>(key: K, ...vars: VarsArg<K>): Msg {
  return { key, vars: vars[0] } as Msg;
}

/**
 * A catalogue key as a plain string, type-checked: zod schemas carry it as their
 * message (`{ error: key("validation.phone") }`) and `fieldErrors` translates it.
 */
export const key = <K extends MessageKey>(k: K): K => k;

export function isMessageKey(k: string): k is MessageKey {
  return Object.hasOwn(catalogue.id, k);
}

function fill(text: string, vars: Record<string, string | number> | undefined): string {
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : m)) : text;
}

/** The message `key` in `lang`, with its `{name}` placeholders filled in. */
export function t<K extends MessageKey>(lang: Lang, key: K, ...vars: VarsArg<K>): string {
  return fill(catalogue[lang][key], vars[0] as Record<string, string | number> | undefined);
}

/** The message `key` in `lang` with its `{name}` placeholders left in, for a browser script that fills them. */
export const template = (lang: Lang, key: MessageKey): string => catalogue[lang][key];

/** A `Msg` in `lang`. */
export const translate = (lang: Lang, m: Msg): string => fill(catalogue[lang][m.key], m.vars as Record<string, string | number> | undefined);

/** Every key with its text in both languages (for the catalogue's own tests). */
export const catalogueEntries = (): [MessageKey, string, string][] =>
  (Object.keys(catalogue.id) as MessageKey[]).map((k) => [k, catalogue.id[k], catalogue.en[k]]);

export function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value);
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
