/**
 * `/staff/kiosk/{event}/{booth}`: a booth kiosk. A volunteer signs up workers
 * who have no data or no smartphone on a shared tablet, signed in as staff (a
 * paired device will do: revoked at once from the pairing page). The kiosk
 * remembers no one: it never sets or reads a ticket cookie, shows no "Data
 * saya" and no "registered as…". After each signup it shows the QR large (to
 * photograph), says whether the ticket went to WhatsApp, and goes back to an
 * empty form on a tap or after a minute. Someone already registered is told
 * only that (the ticket comes back by WhatsApp or at the help desk).
 */
import { Hono, type Context } from "hono";
import { staffPage } from "../../base/auth/guards";
import { dataKey } from "../../base/config/secrets";
import type { AppEnv } from "../../base/context/env";
import { cachedEventAndBooth } from "../../base/events/events.service";
import { fieldMessages, ProblemError } from "../../base/http/problem";
import { one, originOf, readForm, refusedFields } from "../../base/http/read-form";
import { fieldIssues } from "../../base/http/validation";
import { sealNik, type Registered } from "../../base/registration/register.service";
import { newSubmission, writeSubmission } from "../../base/registration/submission.service";
import { signupSchema, toSignupInput } from "../../base/registration/registration.schema";
import { ticketUrl } from "../../base/registration/tickets.service";
import { errorPage } from "../../base/views/error-page";
import { isLang, t, type Lang } from "../../i18n";
import { qrSvg } from "../../lib/qr";
import { dayInZone } from "../../lib/time";
import { KioskDone, KioskKnown } from "./kiosk.views";
import { SignupForm } from "./signup.views";

export const kioskPages = new Hono<AppEnv>();

const guard = staffPage("kiosk.signup");

async function place(c: Context<AppEnv>, fresh = false) {
  const { event, booth } = await cachedEventAndBooth(c.var.db, c.req.param("event") ?? "", c.req.param("booth"), fresh);
  if (!event || !booth || event.status !== "open") return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  const { staff } = c.var;
  if (!staff.allEvents && !staff.eventIds.includes(event.id)) return errorPage(c, 403, t(c.var.lang, "error.forbidden"));
  return { event, booth, action: `/staff/kiosk/${event.slug}/${booth.code}` };
}

kioskPages.get("/:event/:booth", guard, async (c) => {
  const p = await place(c);
  if (p instanceof Response) return p;
  return c.html(<SignupForm event={p.event} booth={p.booth} lang={c.var.lang} action={p.action} values={{}} errors={{}} kiosk />);
});

kioskPages.post("/:event/:booth", guard, async (c) => {
  const p = await place(c, true);
  if (p instanceof Response) return p;
  const { event, booth, action } = p;
  const values = await readForm(c);
  const lang: Lang = isLang(values.lang) ? values.lang : c.var.lang;
  const formUrl = `${action}?lang=${lang}`;
  const again = (status: 409 | 422 | 429, errors: Record<string, string>, banner: string) =>
    c.html(<SignupForm event={event} booth={booth} lang={lang} action={action} values={{ ...values, nik: undefined }} errors={errors} banner={banner} kiosk />, status);
  const parsed = signupSchema(event.questions, dayInZone(new Date(), event.timezone)).safeParse(values);
  if (!parsed.success) return again(422, fieldMessages(fieldIssues(parsed.error.issues, true), lang), t(lang, "error.formHasErrors"));
  const input = toSignupInput(parsed.data, event.questions);
  let done: Registered | null;
  try {
    const nik = await sealNik({ dataKey: input.nik ? dataKey(c.env) : null }, input.nik);
    // no holder: a kiosk never updates anyone, whoever signed up on it before
    const submission = newSubmission({ event, booth, input: { ...input, lang }, nik, origin: originOf(c), held: [], signupsPerMinute: event.signupsPerMinute });
    done = await writeSubmission(c.var.db, c.env.MESSAGES, submission, "kiosk");
  } catch (err) {
    if (err instanceof ProblemError && err.status === 429) return again(429, {}, t(lang, "signup.busy"));
    const refused = refusedFields(err, lang);
    if (!refused) throw err;
    return again(422, refused.errors, t(lang, "error.formHasErrors"));
  }
  if (!done) return again(409, {}, t(lang, "error.eventChanged"));
  if (done.kind === "known") return c.html(<KioskKnown event={event} lang={lang} formUrl={formUrl} />);
  const url = ticketUrl(new URL(c.req.url).origin, done.code);
  return c.html(<KioskDone event={event} booth={booth} lang={lang} name={one(values.name)} qr={qrSvg(url, t(lang, "helpdesk.qrTitle"))} whatsapp={Boolean(input.send_whatsapp)} formUrl={formUrl} />);
});
