/**
 * `/t/{code}/me…`: the attendee's own data. The ticket code (128 random bits)
 * is the key, as for the ticket itself; every post is also CSRF-checked, so
 * another site cannot make a visitor's browser withdraw or erase.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../../env";
import type { Registration } from "../../db/schema";
import { isLang, t, type Lang } from "../../i18n";
import { fieldErrors } from "../../lib/validation";
import { errorPage } from "../../views/error-page";
import { keptValues, TICKET_COOKIE } from "../signup/routes";
import type { FormValues } from "../signup/views";
import { findTicket, type TicketView } from "../tickets/service";
import { personalDataDocument } from "./document";
import { correctionSchema, toCorrection } from "./schema";
import {
  auditAttendee,
  correctRegistration,
  eraseRegistration,
  findErasedTicket,
  personalData,
  withdrawContact,
} from "./service";
import { CorrectForm, EraseConfirm, ErasedPage, MyDataPage } from "./views";

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

const form = async (c: Context<AppEnv>) => (await c.req.parseBody({ all: true }).catch(() => ({}))) as Record<string, unknown>;

const posts = [csrf(), bodyLimit({ maxSize: 32 * 1024 })] as const;

rightsPages.get("/t/:code/me", async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const [data] = await Promise.all([personalData(c.var.db, found), auditAttendee(c.var.db, "personal_data.view", found.registration)]);
  const done = c.req.query("done");
  privately(c);
  return c.html(<MyDataPage lang={pageLang(c, found.registration)} data={data} done={done === "contact" || done === "corrected" ? done : undefined} />);
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
    phone: r.phone ?? "",
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

rightsPages.post("/t/:code/me/edit", ...posts, async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const { event, registration: r, ticket } = found;
  const body = await form(c);
  const lang = pageLang(c, r, body.lang);
  privately(c);
  const again = (errors: Record<string, string>) =>
    c.html(
      <CorrectForm lang={lang} event={event} code={ticket.code} nikMasked={r.nikMasked} values={keptValues(body)} errors={errors} banner={t(lang, "error.formHasErrors")} />,
      422,
    );

  const parsed = correctionSchema(event.questions).safeParse(body);
  if (!parsed.success) return again(fieldErrors(parsed.error.issues, lang, true));
  const input = toCorrection(parsed.data, event.questions);
  const result = await correctRegistration(c.var.db, { dataKey: c.env.DATA_KEY || c.env.ADMIN_TOKEN }, r, input);
  if (!result.ok) return again(Object.fromEntries(Object.entries(result.errors).map(([k, key]) => [k, t(lang, key)])));
  return c.redirect(back(ticket.code, lang, "corrected"), 303);
});

rightsPages.post("/t/:code/me/contact", ...posts, async (c) => {
  const found = await held(c);
  if (found instanceof Response) return found;
  const body = await form(c);
  await withdrawContact(c.var.db, found.registration);
  return c.redirect(back(found.ticket.code, pageLang(c, found.registration, body.lang), "contact"), 303);
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
  const body = await form(c);
  const lang = pageLang(c, r, body.lang);
  // only the confirmation page sends this: one tap elsewhere never erases
  if (body.confirm !== "yes") return c.redirect(`/t/${ticket.code}/me/erase?lang=${lang}`, 303);
  await eraseRegistration(c.var.db, "attendee", r);
  if (getCookie(c, TICKET_COOKIE) === ticket.code) {
    deleteCookie(c, TICKET_COOKIE, { path: "/", secure: new URL(c.req.url).protocol === "https:" });
  }
  return c.redirect(`/t/${ticket.code}/me/erased?lang=${lang}`, 303);
});

rightsPages.get("/t/:code/me/erased", async (c) => {
  const event = await findErasedTicket(c.var.db, c.req.param("code"));
  if (!event) return notFound(c);
  privately(c);
  return c.html(<ErasedPage lang={c.var.lang} event={event} code={c.req.param("code")} />);
});
