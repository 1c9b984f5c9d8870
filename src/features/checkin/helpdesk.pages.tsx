/**
 * `/staff/checkin/helpdesk`: an organiser finds a person (name or phone, as at
 * the door), checks their KTP, then sends the ticket to their own WhatsApp or
 * shows its QR once. Plain forms; the QR page answers a POST only, never kept
 * (no-store), so it cannot be bookmarked or reopened from history.
 */
import { Hono, type Context } from "hono";
import { staffPage } from "../../base/auth/guards";
import type { AppEnv } from "../../base/context/env";
import { chooseEvent } from "../../base/events/events.service";
import { one, originOf, readForm } from "../../base/http/read-form";
import { formErrors } from "../../base/http/validation";
import { ticketUrl } from "../../base/registration/tickets.service";
import { errorPage } from "../../base/views/error-page";
import { StaffLayout } from "../../base/views/staff-layout";
import type { Event } from "../../db/schema";
import { t } from "../../i18n";
import { qrSvg } from "../../lib/qr";
import { HelpdeskChoiceSchema, SearchQuery } from "./checkin.schema";
import { searchAttendees } from "./checkin.service";
import { helpdeskResend, helpdeskShowOnce } from "./helpdesk.service";
import { HelpdeskPage, ShowOncePage } from "./helpdesk.views";

export const helpdeskPages = new Hono<AppEnv>();

const guard = staffPage("tickets.recover");

type Done = "sent" | "unknown" | "invalid";

async function render(c: Context<AppEnv>, event: Event, q: string | undefined, done?: Done) {
  const { lang, staff } = c.var;
  const search = q && q.length >= 2 ? SearchQuery.safeParse({ q }) : undefined;
  const hits = search?.success ? await searchAttendees(c.var.db, staff, event, search.data.q) : undefined;
  const searchError = search && !search.success ? formErrors(search.error.issues, lang, true).q : undefined;
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "helpdesk.title")} staff={staff}>
      <HelpdeskPage lang={lang} event={event} q={q} hits={hits} searchError={searchError} done={done} />
    </StaffLayout>,
    // a choice that is not a person's id (a hand-made post) is the caller's mistake
    done === "invalid" ? 422 : 200,
  );
}

helpdeskPages.get("/helpdesk", guard, async (c) => {
  const { event } = await chooseEvent(c.var.db, c.var.staff, c.req.query("event"), { drafts: false });
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  return render(c, event, c.req.query("q")?.trim());
});

/** The event and the person chosen (`id` null when the post names no person's id), and the search to show again. */
async function chosen(c: Context<AppEnv>) {
  const body = await readForm(c);
  const { event } = await chooseEvent(c.var.db, c.var.staff, one(body.event) || undefined, { drafts: false });
  const choice = HelpdeskChoiceSchema.safeParse({ registration_id: one(body.registration_id) });
  return { event, id: choice.success ? choice.data.registration_id : null, q: one(body.q) || undefined };
}

helpdeskPages.post("/helpdesk/resend", guard, async (c) => {
  const { event, id, q } = await chosen(c);
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  if (id === null) return render(c, event, q, "invalid");
  const sent = await helpdeskResend(c.var.db, c.env.MESSAGES, c.var.staff, event, id, originOf(c));
  return render(c, event, q, sent ? "sent" : "unknown");
});

helpdeskPages.post("/helpdesk/show", guard, async (c) => {
  const { event, id, q } = await chosen(c);
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  if (id === null) return render(c, event, q, "invalid");
  const shown = await helpdeskShowOnce(c.var.db, c.var.staff, event, id);
  if (!shown) return render(c, event, undefined, "unknown");
  const { lang, staff } = c.var;
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "helpdesk.title")} staff={staff}>
      <ShowOncePage lang={lang} event={event} name={shown.name} qr={qrSvg(ticketUrl(originOf(c), shown.code), t(lang, "helpdesk.qrTitle"))} />
    </StaffLayout>,
  );
});
