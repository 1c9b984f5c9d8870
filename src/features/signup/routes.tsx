/**
 * `/e/{event}` and `/e/{event}/{booth}`: the signup form (GET) and its
 * submission (POST, urlencoded; field names are a public contract).
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../../env";
import type { Booth, Event } from "../../db/schema";
import { isLang, t, type Lang } from "../../i18n";
import { fieldErrors } from "../../lib/validation";
import { errorPage } from "../../views/error-page";
import { findEventAndBooth, findEventBySlug } from "../events/service";
import { findTicket } from "../tickets/service";
import { PrivacyPage } from "./privacy";
import { signupSchema, toSignupInput } from "./schema";
import { recordVisit, register } from "./service";
import { ReturningPrompt, SignupForm, type FormValues } from "./views";

export const TICKET_COOKIE = "kf_ticket";
const TICKET_COOKIE_DAYS = 180;

export const signupPages = new Hono<AppEnv>();

type Place = { event: Event; booth: Booth | null; action: string };

/** The event (and booth) named in the path, or the page to show instead. */
async function findPlace(c: Context<AppEnv>): Promise<Place | Response> {
  const lang = c.var.lang;
  const boothCode = c.req.param("booth");
  const { event, booth: found } = await findEventAndBooth(c.var.db, c.req.param("event") ?? "", boothCode);
  if (!event) return errorPage(c, 404, t(lang, "error.eventNotFound"));
  const booth: Booth | null = found ?? null;
  if (boothCode && !booth) return errorPage(c, 404, t(lang, "error.boothNotFound"));
  if (event.status === "closed") return errorPage(c, 410, t(lang, "error.eventClosed"));
  if (event.status === "draft") return errorPage(c, 403, t(lang, "error.eventDraft"));
  return { event, booth, action: `/e/${event.slug}${booth ? `/${booth.code}` : ""}` };
}

function rememberLang(c: Context<AppEnv>) {
  const q = c.req.query("lang");
  if (isLang(q)) setCookie(c, "lang", q, { path: "/", maxAge: 365 * 86400, sameSite: "Lax" });
}

const secure = (c: Context<AppEnv>) => new URL(c.req.url).protocol === "https:";

/** The ticket this phone holds for this event, from its cookie. */
async function heldTicket(c: Context<AppEnv>, event: Event) {
  const code = getCookie(c, TICKET_COOKIE);
  if (!code) return undefined;
  const found = await findTicket(c.var.db, code);
  return found && found.event.id === event.id && !found.ticket.revokedAt ? found : undefined;
}

async function showForm(c: Context<AppEnv>) {
  const place = await findPlace(c);
  if (place instanceof Response) return place;
  rememberLang(c);
  c.header("cache-control", "private, no-cache");
  if (place.booth && c.req.query("new") === undefined) {
    const held = await heldTicket(c, place.event);
    if (held) {
      return c.html(
        <ReturningPrompt event={place.event} booth={place.booth} lang={c.var.lang} name={held.registration.name ?? ""} code={held.ticket.code} action={place.action} />,
      );
    }
  }
  return c.html(<SignupForm event={place.event} booth={place.booth} lang={c.var.lang} action={place.action} values={{}} errors={{}} />);
}

/** Form values to show again: strings only, and never the NIK. */
export function keptValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "nik") continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

async function submit(c: Context<AppEnv>) {
  const place = await findPlace(c);
  if (place instanceof Response) return place;
  const { event, booth, action } = place;
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const lang: Lang = isLang(body.lang) ? body.lang : c.var.lang;
  const values = keptValues(body);
  const form = (status: 422 | 429, errors: Record<string, string>, banner: string) =>
    c.html(<SignupForm event={event} booth={booth} lang={lang} action={action} values={values} errors={errors} banner={banner} />, status);

  const limiter = c.env.SIGNUP_LIMITER;
  if (limiter) {
    const ip = c.req.header("cf-connecting-ip") ?? "local";
    const { success } = await limiter.limit({ key: `signup:${event.id}:${ip}` });
    if (!success) return form(429, {}, t(lang, "error.tooMany"));
  }

  const parsed = signupSchema(event.questions).safeParse(body);
  if (!parsed.success) return form(422, fieldErrors(parsed.error.issues, lang, true), t(lang, "error.formHasErrors"));

  const input = toSignupInput(parsed.data, event.questions);
  const dataKey = c.env.DATA_KEY || c.env.ADMIN_TOKEN;
  const { code } = await register(c.var.db, { dataKey }, event, booth, { ...input, lang });
  setCookie(c, TICKET_COOKIE, code, { path: "/", httpOnly: true, sameSite: "Lax", secure: secure(c), maxAge: TICKET_COOKIE_DAYS * 86400 });
  return c.redirect(`/t/${code}`, 303);
}

/** One tap at a second booth: "tell this booth I am interested". */
async function interest(c: Context<AppEnv>) {
  const place = await findPlace(c);
  if (place instanceof Response) return place;
  const held = await heldTicket(c, place.event);
  if (!held || !place.booth) return c.redirect(`${place.action}?new=1`, 303);
  await recordVisit(c.var.db, held.registration.id, place.booth);
  return c.redirect(`/t/${held.ticket.code}`, 303);
}

const limitBody = bodyLimit({ maxSize: 32 * 1024 });

signupPages.get("/e/:event/privacy", async (c) => {
  const event = await findEventBySlug(c.var.db, c.req.param("event"));
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  rememberLang(c);
  return c.html(<PrivacyPage event={event} lang={c.var.lang} />);
});
signupPages.get("/e/:event", showForm);
signupPages.get("/e/:event/:booth", showForm);
signupPages.post("/e/:event", limitBody, submit);
signupPages.post("/e/:event/:booth", limitBody, submit);
signupPages.post("/e/:event/:booth/interest", csrf(), interest);
