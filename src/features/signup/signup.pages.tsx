/**
 * `/e/{event}` and `/e/{event}/{booth}`: the signup form (GET) and its
 * submission (POST, urlencoded; field names are a public contract).
 */
import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "../../base/context/env";
import { dataKey } from "../../base/config/secrets";
import { cachedEventAndBooth, findEventBySlug } from "../../base/events/events.service";
import { publicFormLimit } from "../../base/http/limits";
import { allowed } from "../../base/http/rate-limit";
import { allowScriptsFrom } from "../../base/http/csp";
import { fieldMessages, ProblemError } from "../../base/http/problem";
import { one, originOf, readForm, refusedFields } from "../../base/http/read-form";
import { fieldIssues } from "../../base/http/validation";
import { HONEYPOT_FIELD } from "../../base/registration/fields";
import { submissionOf, submissionToken } from "../../base/http/submission-token";
import { heldCodes, heldOwn, heldTickets, holdTicket } from "../../base/registration/holder";
import { recordVisit, sealNik, type HeldPerson, type Registered, type SealedNik } from "../../base/registration/register.service";
import { newSubmission, writeSubmission, type Submission } from "../../base/registration/submission.service";
import { keepSubmission } from "../../base/registration/queued-signup";
import { signupSchema, toSignupInput } from "../../base/registration/registration.schema";
import { errorPage } from "../../base/views/error-page";
import type { Booth, Event } from "../../db/schema";
import { isLang, t, type Lang } from "../../i18n";
import { dayInZone } from "../../lib/time";
import { d1Fault, retryAfterSeconds, type D1Fault } from "../../lib/db-errors";
import { logError } from "../../lib/log";
import { maskPhone } from "../../lib/phone";
import { PrivacyPage } from "./privacy.views";
import { AlreadyRegistered, ReturningPrompt, SignupForm, SignupReceived, TOKEN_FIELD, TURNSTILE_ORIGIN } from "./signup.views";
import { siteKey, verifyTurnstile } from "./turnstile.service";

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

/**
 * The Turnstile site key when the event turns the check on; undefined when it is
 * off; null when it is on but the key is not set (then no form is offered at all).
 */
function turnstileKey(c: Context<AppEnv>, event: Event): string | null | undefined {
  if (!event.turnstile) return undefined;
  const key = siteKey(c.env);
  if (key) allowScriptsFrom(c, TURNSTILE_ORIGIN);
  return key;
}

async function showForm(c: Context<AppEnv>) {
  const place = await findPlace(c);
  if (place instanceof Response) return place;
  rememberLang(c);
  c.header("cache-control", "private, no-cache");
  const held = await heldTickets(c, place.event);
  if (place.booth && held.length > 0 && c.req.query("new") === undefined) {
    const people = held.map((h) => ({ name: h.name ?? "", code: h.code }));
    return c.html(<ReturningPrompt event={place.event} booth={place.booth} lang={c.var.lang} people={people} action={place.action} />);
  }
  const key = turnstileKey(c, place.event);
  if (key === null) return errorPage(c, 503, t(c.var.lang, "signup.unavailable"));
  const heldNames = held.map((h) => h.name ?? "");
  return c.html(<SignupForm event={place.event} booth={place.booth} lang={c.var.lang} action={place.action} values={{}} errors={{}} turnstileSiteKey={key} heldNames={heldNames} />);
}

/** The form again, with the answers kept: a status, field messages, the banner, a wait and the button's words. */
type FormAgain = (status: 409 | 422 | 429 | 503, errors: Record<string, string>, banner: string, retryAfter?: number, submitLabel?: string) => Response | Promise<Response>;

/** Seconds to wait after each refusal, the windows of the limits in wrangler.toml. */
const RETRY_AFTER = { address: 10, phone: 60, verification: 10 } as const;

/**
 * A signup, guarded in order: another site's post (csrf, on the route), one
 * address posting too fast, the honeypot, the form's own rules, one phone number
 * posted too often, Turnstile when the event uses it, and the event's ceiling of
 * signups a minute (inside the one D1 batch that registers). Every refusal shows
 * the form again with the answers kept, in the person's language; a 429 or 503
 * says in Retry-After when to try again. `attempt` > 0: the event changed while
 * this form was judged, so it is judged again against the event as it is now
 * (the limits and Turnstile were passed already and are not asked again).
 * A form sent again from a page that offered it ("Coba lagi") is the same
 * submission (its token: base/http/submission-token.ts), so a first try that was
 * written and whose answer was lost ends in this browser's ticket.
 */
async function submit(c: Context<AppEnv>, attempt = 0): Promise<Response> {
  // no answer to a post is kept by a browser or a proxy: the form comes back with the person's answers,
  // and "already registered" names a number's person as registered
  c.header("cache-control", "private, no-store");
  const place = await findPlace(c, attempt > 0);
  if (place instanceof Response) return place;
  const { event, booth, action } = place;
  const values = await readForm(c);
  const lang: Lang = isLang(values.lang) ? values.lang : c.var.lang;
  const key = turnstileKey(c, event);
  if (key === null) return errorPage(c, 503, t(lang, "signup.unavailable"));
  // one typed form, one submission: the one a form sent again carries, else a new one
  const seed = await submissionOf(c, "signup", event.id, values);
  // the honeypot and the widget's token are never shown again
  const answers = { ...values, [HONEYPOT_FIELD]: undefined, [TOKEN_FIELD]: undefined };
  const form: FormAgain = async (status, errors, banner, retryAfter, submitLabel) => {
    if (retryAfter) c.header("retry-after", String(retryAfter));
    return c.html(
      <SignupForm event={event} booth={booth} lang={lang} action={action} values={answers} errors={errors} banner={banner} turnstileSiteKey={key} submitLabel={submitLabel} submission={await submissionToken(c)} />,
      status,
    );
  };

  const ip = c.req.header("cf-connecting-ip");
  if (attempt === 0 && !(await allowed(c.env.SIGNUP_LIMITER, `signup:${event.id}:${ip ?? "local"}`))) return form(429, {}, t(lang, "error.tooMany"), RETRY_AFTER.address);
  // a person never sees this field; a 422 rather than a fake success, so that a real person
  // whose browser filled it (an odd extension) loses nothing and can send again
  if (one(values[HONEYPOT_FIELD]).trim() !== "") return form(422, {}, t(lang, "signup.honeypot"));

  const parsed = signupSchema(event.questions, dayInZone(new Date(), event.timezone)).safeParse(values);
  if (!parsed.success) return form(422, fieldMessages(fieldIssues(parsed.error.issues, true), lang), t(lang, "error.formHasErrors"));
  const input = toSignupInput(parsed.data, event.questions);

  if (attempt === 0 && !(await allowed(c.env.SIGNUP_PHONE_LIMITER, `phone:${event.slug}:${input.phone}`))) return form(429, {}, t(lang, "error.tooMany"), RETRY_AFTER.phone);
  if (key && attempt === 0) {
    const verdict = await verifyTurnstile(c.env, one(values[TOKEN_FIELD]), ip);
    if (verdict === "failed") return form(422, {}, t(lang, "signup.turnstileFailed"));
    if (verdict === "unavailable") return form(503, {}, t(lang, "signup.turnstileUnavailable"), RETRY_AFTER.verification);
  }

  let nik: SealedNik;
  try {
    nik = await sealNik({ dataKey: input.nik ? dataKey(c.env) : null }, input.nik);
  } catch (err) {
    // a field the service refused (a NIK that cannot be sealed now)
    const refused = refusedFields(err, lang);
    if (!refused) throw err;
    return form(422, refused.errors, t(lang, "error.formHasErrors"));
  }
  const made = { event, booth, input: { ...input, lang }, nik, origin: originOf(c), signupsPerMinute: event.signupsPerMinute };
  let held: HeldPerson[];
  try {
    held = heldOwn(await heldTickets(c, event), input);
  } catch (err) {
    // whose tickets this browser holds cannot be read now: the submission waits with the codes, read when it is written
    const fault = d1Fault(err);
    if (!fault) throw err;
    return kept(c, newSubmission({ ...made, held: [], heldCodes: heldCodes(c) }, seed), fault, form);
  }
  const submission = newSubmission({ ...made, held }, seed);
  let registered: Registered | null;
  try {
    registered = await writeSubmission(c.var.db, c.env.MESSAGES, submission);
  } catch (err) {
    // the event's ceiling: wait a minute
    if (err instanceof ProblemError && err.status === 429) return form(429, {}, t(lang, "signup.busy"), Number(err.headers["retry-after"]) || 60);
    const fault = d1Fault(err);
    if (fault) return kept(c, submission, fault, form);
    // a field the service refused (the holder's new name is another person's on this phone)
    const refused = refusedFields(err, lang);
    if (!refused) throw err;
    return form(422, refused.errors, t(lang, "error.formHasErrors"));
  }
  if (!registered) return attempt < 2 ? submit(c, attempt + 1) : form(409, {}, t(lang, "error.eventChanged"));
  // someone with this phone and name is registered, and this browser does not hold their ticket
  if (registered.kind === "known") return c.html(<AlreadyRegistered event={event} lang={lang} action={action} phone={one(values.phone)} />);
  holdTicket(c, registered.code);
  return c.redirect(`/t/${registered.code}`, 303);
}

/**
 * The database did not answer even after the retries. With "send my ticket to WhatsApp" ticked, the
 * submission waits in the SIGNUPS queue (it is written when the database answers, and the ticket goes to
 * the phone): the page says it is received (a browser that held no ticket holds the one to come). Without
 * it, or when the queue refuses too, the form comes back with every answer and a "try again" button.
 */
async function kept(c: Context<AppEnv>, s: Submission, fault: D1Fault, form: FormAgain): Promise<Response> {
  const { lang } = s.input;
  if (s.input.send_whatsapp && c.env.SIGNUPS) {
    try {
      await keepSubmission(c.env.SIGNUPS, s);
      // a browser holding no ticket holds the one to come; one that holds tickets may be updating one of them
      // (the consumer decides): it gets nothing new to hold here, and a new person's ticket comes by WhatsApp
      if (s.held.length === 0 && !s.heldCodes?.length) holdTicket(c, s.code);
      return c.html(<SignupReceived event={s.event} lang={lang} name={s.input.name} phone={maskPhone(s.input.phone)} />, 202);
    } catch (err) {
      logError("signup queue refused", err, "signup");
    }
  }
  // a NIK is never put back into a page: the banner does not say every answer is there, the field says to type it again
  return form(503, {}, t(lang, s.input.nik ? "signup.notSavedNik" : "signup.notSaved"), retryAfterSeconds(fault), t(lang, "error.tryAgain"));
}

/** One tap at a second booth: "tell this booth I am interested". */
async function interest(c: Context<AppEnv>, attempt = 0): Promise<Response> {
  const place = await findPlace(c, attempt > 0);
  if (place instanceof Response) return place;
  const body = await readForm(c);
  const people = await heldTickets(c, place.event);
  // the person chosen among those this browser holds (the first when the form names none)
  const held = people.find((h) => h.code === one(body.ticket)) ?? (one(body.ticket) ? undefined : people[0]);
  if (!held || !place.booth) return c.redirect(`${place.action}?new=1`, 303);
  // the event changed since it was read: look again (it may be closed now)
  if (!(await recordVisit(c.var.db, place.event, held.registrationId, place.booth))) return attempt < 2 ? interest(c, attempt + 1) : c.redirect(place.action, 303);
  // the ticket page says the booth was told
  return c.redirect(`/t/${held.code}?done=interest&booth=${encodeURIComponent(place.booth.code)}`, 303);
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
// another site must not post here: it could plant its own ticket cookie in a visitor's browser, or
// register a third party's number through it (Hono's csrf(): Origin / Sec-Fetch-Site)
signupPages.post("/e/:event", csrf(), publicFormLimit, (c) => submit(c));
signupPages.post("/e/:event/:booth", csrf(), publicFormLimit, (c) => submit(c));
signupPages.post("/e/:event/:booth/interest", csrf(), publicFormLimit, (c) => interest(c));
