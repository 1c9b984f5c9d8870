/**
 * Getting a ticket back by proving the phone: `GET/POST /e/{event}/resend`
 * sends each person registered with that number at the event a WhatsApp link
 * (one answer page, registered or not; limited per address and per phone), and
 * `GET /r/{secret}` opens a link: once, within 24 hours, making this browser the
 * holder of that ticket.
 */
import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../../base/context/env";
import { cachedEventAndBooth } from "../../base/events/events.service";
import { publicFormLimit } from "../../base/http/limits";
import { allowed } from "../../base/http/rate-limit";
import { fieldMessages } from "../../base/http/problem";
import { readForm } from "../../base/http/read-form";
import { fieldIssues } from "../../base/http/validation";
import { holdTicket } from "../../base/registration/holder";
import { bindLink, linkMessagesKey, peekLink, sendTicketLinks } from "../../base/registration/links.service";
import { errorPage } from "../../base/views/error-page";
import type { Event } from "../../db/schema";
import { isLang, t, type Lang } from "../../i18n";
import { resendSchema } from "./recovery.schema";
import { LinkConfirm, LinkUnusable, ResendPage, ResendSent } from "./recovery.views";

export const recoveryPages = new Hono<AppEnv>();

/** Seconds to wait after a refusal: the windows of RESEND_LIMITER and RESEND_PHONE_LIMITER (wrangler.toml). */
const RETRY_AFTER = 60;

async function openEvent(c: Context<AppEnv>): Promise<Event | Response> {
  const { event } = await cachedEventAndBooth(c.var.db, c.req.param("event") ?? "", undefined, false);
  if (!event || event.status === "draft") return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  return event;
}

const privately = (c: Context<AppEnv>) => c.header("cache-control", "private, no-store");

recoveryPages.get("/e/:event/resend", async (c) => {
  const event = await openEvent(c);
  if (event instanceof Response) return event;
  privately(c);
  return c.html(<ResendPage event={event} lang={c.var.lang} values={{}} errors={{}} />);
});

recoveryPages.post("/e/:event/resend", csrf(), publicFormLimit, async (c) => {
  const event = await openEvent(c);
  if (event instanceof Response) return event;
  const values = await readForm(c);
  const lang: Lang = isLang(values.lang) ? values.lang : c.var.lang;
  privately(c);
  const again = (status: 422 | 429, errors: Record<string, string>, banner: string) => {
    if (status === 429) c.header("retry-after", String(RETRY_AFTER));
    return c.html(<ResendPage event={event} lang={lang} values={values} errors={errors} banner={banner} />, status);
  };
  const ip = c.req.header("cf-connecting-ip") ?? "local";
  if (!(await allowed(c.env.RESEND_LIMITER, `resend:${event.id}:${ip}`))) return again(429, {}, t(lang, "error.tooMany"));
  const parsed = resendSchema.safeParse(values);
  if (!parsed.success) return again(422, fieldMessages(fieldIssues(parsed.error.issues, true), lang), t(lang, "error.formHasErrors"));
  const phone = parsed.data.phone;
  if (!(await allowed(c.env.RESEND_PHONE_LIMITER, linkMessagesKey(event.id, phone)))) return again(429, {}, t(lang, "error.tooMany"));
  await sendTicketLinks(c.var.db, c.env.MESSAGES, event, phone, new URL(c.req.url).origin);
  // the same page whether the number is registered or not
  return c.html(<ResendSent event={event} lang={lang} />);
});

/** Opening a link only looks: a previewer, a URL scanner or a prefetch burns nothing; the person's tap binds. */
recoveryPages.get("/r/:secret", async (c) => {
  privately(c);
  c.header("x-robots-tag", "noindex");
  const lang = c.var.lang;
  const link = await peekLink(c.var.db, c.req.param("secret"));
  if (!link) return c.html(<LinkUnusable lang={lang} message={t(lang, "identity.linkUsed")} />, 410);
  return c.html(<LinkConfirm lang={lang} purpose={link.purpose} eventName={link.eventName} />);
});

recoveryPages.post("/r/:secret", csrf(), publicFormLimit, async (c) => {
  privately(c);
  c.header("x-robots-tag", "noindex");
  const values = await readForm(c);
  const lang: Lang = isLang(values.lang) ? values.lang : c.var.lang;
  const bound = await bindLink(c.var.db, c.req.param("secret"));
  if (bound.kind === "unusable") return c.html(<LinkUnusable lang={lang} message={t(lang, "identity.linkUsed")} />, 410);
  // a phone change moves the registration to the number that opened the link; it makes no one a holder
  if (bound.kind === "phone_taken") return c.html(<LinkUnusable lang={lang} message={t(lang, "identity.phoneChangeFailed")} />, 409);
  if (bound.kind === "phone_changed") return c.html(<LinkUnusable lang={lang} message={t(lang, "identity.phoneChanged")} />);
  holdTicket(c, bound.code);
  return c.redirect(`/t/${bound.code}`, 303);
});
