/**
 * `/t/{code}/me…`: the attendee's own data. The ticket code (128 random bits)
 * is the key, as for the ticket itself; every post is also CSRF-checked, so
 * another site cannot make a visitor's browser withdraw or erase.
 */
import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../../base/context/env";
import { dataKey } from "../../base/config/secrets";
import { publicFormLimit } from "../../base/http/limits";
import { allowed } from "../../base/http/rate-limit";
import { fieldMessages } from "../../base/http/problem";
import { readForm, type FormValues } from "../../base/http/read-form";
import { fieldIssues } from "../../base/http/validation";
import { releaseTicket } from "../../base/registration/holder";
import { linkMessagesKey, phoneChangeKey, sendPhoneChangeLink } from "../../base/registration/links.service";
import { findTicket, type TicketView } from "../../base/registration/tickets.service";
import { errorPage } from "../../base/views/error-page";
import type { Registration } from "../../db/schema";
import { isLang, t, type Lang } from "../../i18n";
import { localPhone } from "../../lib/phone";
import { dayInZone } from "../../lib/time";
import { personalDataDocument } from "./rights.mapping";
import { correctionSchema, toCorrection } from "./rights.schema";
import {
  askedPhoneChange,
  auditAttendee,
  correctRegistration,
  eraseRegistration,
  findErasedTicket,
  giveContact,
  personalData,
  withdrawContact,
} from "./rights.service";
import { CorrectForm, EraseConfirm, ErasedPage, MyDataPage } from "./rights.views";

export const rightsPages = new Hono<AppEnv>();

const notFound = (c: Context<AppEnv>) => errorPage(c, 404, t(c.var.lang, "error.ticketNotFound"));

/** The ticket in the path with its registration, or the 404 page (unknown code or erased data). */
async function held(c: Context<AppEnv>): Promise<TicketView | Response> {
  const found = await findTicket(c.var.db, c.req.param("code") ?? "");
  return found ?? notFound(c);
}

/** The visitor's choice of language, else the one they signed up in. */
const pageLang = (c: Context<AppEnv>, reg: Registration, chosen?: unknown): Lang =>
  isLang(chosen) ? chosen : c.req.query("lang") ? c.var.lang : reg.lang === "en" ? "en" : "id";

/** Personal data: never cached, never indexed (no referrer is sent from any page: app.ts). */
function privately(c: Context<AppEnv>) {
  c.header("cache-control", "private, no-store");
  c.header("x-robots-tag", "noindex");
}

const back = (code: string, lang: Lang, done?: string) => `/t/${code}/me?lang=${lang}${done ? `&done=${done}` : ""}`;

const posts = [csrf(), publicFormLimit] as const;

rightsPages.get("/t/:code/me", async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const [data] = await Promise.all([personalData(c.var.db, found), auditAttendee(c.var.db, "personal_data.view", found.registration)]);
  const done = c.req.query("done");
  privately(c);
  return c.html(<MyDataPage lang={pageLang(c, found.registration)} data={data} done={done === "contact" || done === "corrected" || done === "contactGiven" || done === "phone" ? done : undefined} />);
});

rightsPages.get("/t/:code/me.json", async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const [data] = await Promise.all([personalData(c.var.db, found), auditAttendee(c.var.db, "personal_data.download", found.registration)]);
  privately(c);
  c.header("content-disposition", `attachment; filename="data-saya-${found.event.slug}.json"`);
  return c.body(JSON.stringify(personalDataDocument(data, pageLang(c, found.registration)), null, 2), 200, {
    "content-type": "application/json; charset=utf-8",
  });
});

function currentValues(r: Registration): FormValues {
  return {
    name: r.name ?? "",
    // as people write it; stored as E.164 again when saved
    phone: r.phone ? localPhone(r.phone) : "",
    email: r.email ?? "",
    regency: r.regency,
    occupation: r.occupation,
    occupation_other: r.occupationOther ?? "",
    birth_date: r.birthDate ?? "",
    bpjs_status: r.bpjsStatus,
    interests: r.interests,
    ...r.answers,
  };
}

rightsPages.get("/t/:code/me/edit", async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const r = found.registration;
  privately(c);
  return c.html(<CorrectForm lang={pageLang(c, r)} event={found.event} code={found.ticket.code} nikMasked={r.nikMasked} values={currentValues(r)} errors={{}} />);
});

/** Seconds to wait after a refused phone change: the window of RESEND_LIMITER and RESEND_PHONE_LIMITER (wrangler.toml). */
const PHONE_CHANGE_RETRY_AFTER = 60;

rightsPages.post("/t/:code/me/edit", ...posts, async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const { event, registration: r, ticket } = found;
  const body = await readForm(c);
  const lang = pageLang(c, r, body.lang);
  privately(c);
  const again = (errors: Record<string, string>, status: 422 | 429 = 422, banner = t(lang, "error.formHasErrors")) => {
    if (status === 429) c.header("retry-after", String(PHONE_CHANGE_RETRY_AFTER));
    return c.html(<CorrectForm lang={lang} event={event} code={ticket.code} nikMasked={r.nikMasked} values={body} errors={errors} banner={banner} />, status);
  };

  const parsed = correctionSchema(event.questions).safeParse(body);
  if (!parsed.success) return again(fieldMessages(fieldIssues(parsed.error.issues, true), lang));
  const input = toCorrection(parsed.data, event.questions);
  // a new number gets a WhatsApp message: limited per ticket, and per number with the lost-ticket resend
  // (one budget for every link sent to a number); refused, nothing is saved and the form keeps the answers
  const newPhone = askedPhoneChange(r, input);
  if (newPhone && !((await allowed(c.env.RESEND_LIMITER, phoneChangeKey(event, r.id))) && (await allowed(c.env.RESEND_PHONE_LIMITER, linkMessagesKey(event.id, newPhone))))) {
    return again({}, 429, t(lang, "identity.phoneChangeTooMany"));
  }
  const result = await correctRegistration(c.var.db, { dataKey: dataKey(c.env) }, r, input, new Date(), dayInZone(new Date(), event.timezone));
  if (!result.ok) return again(fieldMessages(result.errors, lang));
  if (!result.phoneChange) return c.redirect(back(ticket.code, lang, "corrected"), 303);
  // the same answer for any new number: the link sent there moves the registration when opened
  await sendPhoneChangeLink(c.var.db, c.env.MESSAGES, event, r, result.phoneChange, new URL(c.req.url).origin);
  return c.redirect(back(ticket.code, lang, "phone"), 303);
});

rightsPages.post("/t/:code/me/contact", ...posts, async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const body = await readForm(c);
  await withdrawContact(c.var.db, found.registration);
  return c.redirect(back(found.ticket.code, pageLang(c, found.registration, body.lang), "contact"), 303);
});

/** The contact opt-in given again, after the notice shown on "Data saya"; only with the box ticked. */
rightsPages.post("/t/:code/me/contact/give", ...posts, async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const body = await readForm(c);
  const lang = pageLang(c, found.registration, body.lang);
  if (body.contact_ok !== "yes") return c.redirect(`${back(found.ticket.code, lang)}#contact`, 303);
  await giveContact(c.var.db, found.registration, found.event.noticeVersion);
  return c.redirect(back(found.ticket.code, lang, "contactGiven"), 303);
});

rightsPages.get("/t/:code/me/erase", async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  privately(c);
  return c.html(<EraseConfirm lang={pageLang(c, found.registration)} event={found.event} code={found.ticket.code} />);
});

rightsPages.post("/t/:code/me/erase", ...posts, async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const { registration: r, ticket } = found;
  const body = await readForm(c);
  const lang = pageLang(c, r, body.lang);
  // only the confirmation page sends this: one tap elsewhere never erases
  if (body.confirm !== "yes") return c.redirect(`/t/${ticket.code}/me/erase?lang=${lang}`, 303);
  await eraseRegistration(c.var.db, "attendee", r);
  releaseTicket(c, ticket.code);
  return c.redirect(`/t/${ticket.code}/me/erased?lang=${lang}`, 303);
});

rightsPages.get("/t/:code/me/erased", async (c) => {
  const event = await findErasedTicket(c.var.db, c.req.param("code"));
  if (!event) return notFound(c);
  privately(c);
  return c.html(<ErasedPage lang={c.var.lang} event={event} code={c.req.param("code")} />);
});
