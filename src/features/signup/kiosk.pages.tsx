/**
 * `/staff/kiosk/{event}/{booth}`: a booth kiosk. A volunteer signs up workers
 * who have no data or no smartphone on a tablet an organiser paired with this
 * one booth (`/staff/kiosks`, kiosk-setup.pages.tsx). Only that kiosk's session
 * opens these pages (any staff account, another booth's or event's kiosk: 403),
 * and that session opens nothing else (roles.ts).
 *
 * The kiosk remembers no one: it never sets or reads a ticket cookie, shows no
 * "Data saya" and no "registered as…", and its form neither autocompletes nor
 * lets the browser restore what was typed (`autocomplete="off"`; every staff
 * page is `no-store`). A signup posts, then redirects to a done page (the QR
 * large, the first name, whether WhatsApp is queued) that works only until the
 * next person's form opens: Back or the history bring nobody back. Someone
 * already registered is told only that.
 */
import { Hono, type Context } from "hono";
import { staffPage } from "../../base/auth/guards";
import { kioskBooth } from "../../base/auth/roles";
import { dataKey } from "../../base/config/secrets";
import type { AppEnv } from "../../base/context/env";
import { cachedEventAndBooth } from "../../base/events/events.service";
import { fieldMessages, ProblemError } from "../../base/http/problem";
import { originOf, readForm, refusedFields } from "../../base/http/read-form";
import { submissionOf, submissionToken } from "../../base/http/submission-token";
import { fieldIssues } from "../../base/http/validation";
import { sealNik, type Registered } from "../../base/registration/register.service";
import { newSubmission, writeSubmission } from "../../base/registration/submission.service";
import { signupSchema, toSignupInput } from "../../base/registration/registration.schema";
import { ticketUrl } from "../../base/registration/tickets.service";
import { errorPage } from "../../base/views/error-page";
import { isLang, t, type Lang } from "../../i18n";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { firstName } from "../../lib/first-name";
import { qrSvg } from "../../lib/qr";
import { dayInZone } from "../../lib/time";
import { clearKioskResult, kioskResult, kioskSignupWrites, kioskTakesSubmission } from "./kiosk.service";
import { KioskDone, KioskNotice } from "./kiosk.views";
import { SignupForm } from "./signup.views";

export const kioskPages = new Hono<AppEnv>();

const guard = staffPage("kiosk.signup");

/** The event and booth in the address, when they are this kiosk's own; an error page otherwise. */
async function place(c: Context<AppEnv>, fresh = false) {
  const mine = kioskBooth(c.var.staff);
  const { event, booth } = await cachedEventAndBooth(c.var.db, c.req.param("event") ?? "", c.req.param("booth"), fresh);
  // another booth or event than the one this kiosk was paired with: refused, whatever exists there
  if (!mine || !event || !booth || mine.eventId !== event.id || mine.boothId !== booth.id) return errorPage(c, 403, t(c.var.lang, "error.forbidden"));
  if (event.status !== "open") return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  const by = { ...c.var.staff, kiosk: { id: mine.kioskId, boothId: mine.boothId } };
  return { event, booth, by, action: `/staff/kiosk/${event.slug}/${booth.code}` };
}

kioskPages.get("/:event/:booth", guard, async (c) => {
  const p = await place(c);
  if (p instanceof Response) return p;
  // the next person's form: the last one's done page closes now
  await clearKioskResult(c.var.db, p.by.kiosk.id);
  return c.html(<SignupForm event={p.event} booth={p.booth} lang={c.var.lang} action={p.action} values={{}} errors={{}} kiosk />);
});

kioskPages.post("/:event/:booth", guard, async (c) => {
  const p = await place(c, true);
  if (p instanceof Response) return p;
  const { event, booth, action, by } = p;
  const values = await readForm(c);
  const lang: Lang = isLang(values.lang) ? values.lang : c.var.lang;
  // one typed form, one submission: "Coba lagi" after a database fault sends the same one again
  const seed = await submissionOf(c, "kiosk", event.id, values, (opened) => kioskTakesSubmission(c.var.db, by.kiosk.id, opened));
  // (the form never shows a NIK again: its field says to type it again)
  const again = async (status: 409 | 422 | 429, errors: Record<string, string>, banner: string) =>
    c.html(<SignupForm event={event} booth={booth} lang={lang} action={action} values={values} errors={errors} banner={banner} kiosk submission={await submissionToken(c)} />, status);
  const parsed = signupSchema(event.questions, dayInZone(new Date(), event.timezone)).safeParse(values);
  if (!parsed.success) return again(422, fieldMessages(fieldIssues(parsed.error.issues, true), lang), t(lang, "error.formHasErrors"));
  const input = toSignupInput(parsed.data, event.questions);
  const nonce = randomToken(16);
  let done: Registered | null;
  try {
    // no holder: a kiosk never updates anyone, whoever signed up on it before. One batch writes the person,
    // their ticket and message, the audit entry and the done page's result; a passing fault is tried again
    // without doubling anything, and a database fault ends in "Coba lagi" with the same submission (app.ts)
    const nik = await sealNik({ dataKey: input.nik ? dataKey(c.env) : null }, input.nik);
    const result = { nonceHash: await sha256Hex(nonce), whatsapp: Boolean(input.send_whatsapp), at: seed.at, now: new Date() };
    const s = { event, booth, input: { ...input, lang }, nik, origin: originOf(c), held: [], signupsPerMinute: event.signupsPerMinute, also: kioskSignupWrites(c.var.db, by, event, booth, result) };
    done = await writeSubmission(c.var.db, c.env.MESSAGES, newSubmission(s, seed), "kiosk");
  } catch (err) {
    if (err instanceof ProblemError && err.status === 429) return again(429, {}, t(lang, "signup.busy"));
    const refused = refusedFields(err, lang);
    if (!refused) throw err;
    return again(422, refused.errors, t(lang, "error.formHasErrors"));
  }
  if (!done) return again(409, {}, t(lang, "error.eventChanged"));
  if (done.kind === "known") return c.redirect(`${action}/known?lang=${lang}`, 303);
  return c.redirect(`${action}/done?n=${nonce}&lang=${lang}`, 303);
});

kioskPages.get("/:event/:booth/done", guard, async (c) => {
  const p = await place(c);
  if (p instanceof Response) return p;
  const lang = c.var.lang;
  const formUrl = `${p.action}?lang=${lang}`;
  const result = await kioskResult(c.var.db, p.by.kiosk.id, c.req.query("n") ?? "");
  // opened again after the next form (Back, the history), or too late: nothing of anyone
  if (!result) return c.html(<KioskNotice event={p.event} lang={lang} title={t(lang, "kiosk.goneTitle")} text={t(lang, "kiosk.gone")} formUrl={formUrl} />, 410);
  const qr = qrSvg(ticketUrl(new URL(c.req.url).origin, result.code), t(lang, "helpdesk.qrTitle"));
  return c.html(<KioskDone event={p.event} lang={lang} name={firstName(result.name)} qr={qr} whatsapp={Boolean(result.whatsapp)} formUrl={formUrl} />);
});

kioskPages.get("/:event/:booth/known", guard, async (c) => {
  const p = await place(c);
  if (p instanceof Response) return p;
  const lang = c.var.lang;
  return c.html(<KioskNotice event={p.event} lang={lang} title={t(lang, "identity.knownTitle")} text={t(lang, "kiosk.known")} formUrl={`${p.action}?lang=${lang}`} />);
});
