/**
 * `/e/{event}` and `/e/{event}/{booth}`: the signup form (GET) and its
 * submission (POST, urlencoded; field names are a public contract).
 */
import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import { setCookie } from "hono/cookie";
import { dataKey, type AppEnv } from "../../base/context/env";
import { cachedEventAndBooth, findEventBySlug } from "../../base/events/events.service";
import { publicFormLimit } from "../../base/http/limits";
import { fieldMessages } from "../../base/http/problem";
import { readForm } from "../../base/http/read-form";
import { fieldIssues } from "../../base/http/validation";
import { heldTicket, holdTicket } from "../../base/registration/holder";
import { recordVisit, register } from "../../base/registration/register.service";
import { signupSchema, toSignupInput } from "../../base/registration/registration.schema";
import { errorPage } from "../../base/views/error-page";
import type { Booth, Event } from "../../db/schema";
import { isLang, t, type Lang } from "../../i18n";
import { dayInZone } from "../../lib/time";
import { PrivacyPage } from "./privacy.views";
import { ReturningPrompt, SignupForm } from "./signup.views";

export const signupPages = new Hono<AppEnv>();

type Place = { event: Event; booth: Booth | null; action: string };

/** The event (and booth) named in the path, or the page to show instead; `fresh` reads past this isolate's copy. */
async function findPlace(c: Context<AppEnv>, fresh = false): Promise<Place | Response> {
  const lang = c.var.lang;
  const boothCode = c.req.param("booth");
  const { event, booth: found } = await cachedEventAndBooth(c.var.db, c.req.param("event") ?? "", boothCode, fresh);
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

/** `attempt` > 0: the event changed while this form was judged, so it is judged again against the event as it is now. */
async function submit(c: Context<AppEnv>, attempt = 0): Promise<Response> {
  const place = await findPlace(c, attempt > 0);
  if (place instanceof Response) return place;
  const { event, booth, action } = place;
  const values = await readForm(c);
  const lang: Lang = isLang(values.lang) ? values.lang : c.var.lang;
  const form = (status: 409 | 422 | 429, errors: Record<string, string>, banner: string) =>
    c.html(<SignupForm event={event} booth={booth} lang={lang} action={action} values={values} errors={errors} banner={banner} />, status);

  const limiter = c.env.SIGNUP_LIMITER;
  if (limiter && attempt === 0) {
    const ip = c.req.header("cf-connecting-ip") ?? "local";
    const { success } = await limiter.limit({ key: `signup:${event.id}:${ip}` });
    if (!success) return form(429, {}, t(lang, "error.tooMany"));
  }

  const parsed = signupSchema(event.questions, dayInZone(new Date(), event.timezone)).safeParse(values);
  if (!parsed.success) return form(422, fieldMessages(fieldIssues(parsed.error.issues, true), lang), t(lang, "error.formHasErrors"));

  const input = toSignupInput(parsed.data, event.questions);
  const registered = await register(c.var.db, { dataKey: dataKey(c.env) }, event, booth, { ...input, lang });
  if (!registered) return attempt < 2 ? submit(c, attempt + 1) : form(409, {}, t(lang, "error.eventChanged"));
  holdTicket(c, registered.code);
  return c.redirect(`/t/${registered.code}`, 303);
}

/** One tap at a second booth: "tell this booth I am interested". */
async function interest(c: Context<AppEnv>, attempt = 0): Promise<Response> {
  const place = await findPlace(c, attempt > 0);
  if (place instanceof Response) return place;
  const held = await heldTicket(c, place.event);
  if (!held || !place.booth) return c.redirect(`${place.action}?new=1`, 303);
  // the event changed since it was read: look again (it may be closed now)
  if (!(await recordVisit(c.var.db, place.event, held.registration.id, place.booth))) return attempt < 2 ? interest(c, attempt + 1) : c.redirect(place.action, 303);
  // the ticket page says the booth was told
  return c.redirect(`/t/${held.ticket.code}?done=interest&booth=${encodeURIComponent(place.booth.code)}`, 303);
}

signupPages.get("/e/:event/privacy", async (c) => {
  const event = await findEventBySlug(c.var.db, c.req.param("event"));
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  rememberLang(c);
  // "back to the form" returns to the booth the person came from (a booth code, never a path)
  const booth = c.req.query("booth");
  return c.html(<PrivacyPage event={event} lang={c.var.lang} booth={booth && /^[a-z0-9-]{1,60}$/.test(booth) ? booth : undefined} />);
});
signupPages.get("/e/:event", showForm);
signupPages.get("/e/:event/:booth", showForm);
signupPages.post("/e/:event", publicFormLimit, (c) => submit(c));
signupPages.post("/e/:event/:booth", publicFormLimit, (c) => submit(c));
signupPages.post("/e/:event/:booth/interest", csrf(), (c) => interest(c));
