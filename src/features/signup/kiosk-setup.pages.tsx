/**
 * Booth kiosks. `kioskSetupPages` (mounted at `/staff/kiosks`): an organiser
 * picks a booth and shows the one-time QR, lists the event's kiosks and revokes
 * them. `/staff/kiosks/pair/{secret}`: the page the tablet opens from the QR;
 * confirmed, the browser's staff session (if any) ends and it becomes that
 * booth's kiosk (kiosk.pages.tsx), able to do nothing else.
 */
import { Hono, type Context } from "hono";
import { staffPage } from "../../base/auth/guards";
import { findOpenKiosk, kioskPairingUrl, listKiosks, revokeKiosk } from "../../base/auth/kiosks.service";
import { startKioskSession } from "../../base/auth/session";
import type { AppEnv } from "../../base/context/env";
import { chooseEvent, listBooths } from "../../base/events/events.service";
import { one, originOf, readForm, refusedFields } from "../../base/http/read-form";
import { formErrors } from "../../base/http/validation";
import { errorPage } from "../../base/views/error-page";
import { EventChooser } from "../../base/views/event-chooser";
import type { FormErrors, FormValues } from "../../base/views/form";
import { PairConfirmPage } from "../../base/views/pairing";
import { StaffLayout } from "../../base/views/staff-layout";
import type { Event } from "../../db/schema";
import { t } from "../../i18n";
import { formatTime } from "../../lib/time";
import { KioskCreateSchema } from "./kiosk.schema";
import { createBoothKiosk } from "./kiosk.service";
import { KioskPanel } from "./kiosk-setup.views";

export const kioskSetupPages = new Hono<AppEnv>();

const guard = staffPage("kiosk.manage");

async function panel(c: Context<AppEnv>, event: Event, extra: { link?: { url: string; expires: string; booth: string }; values?: FormValues; errors?: FormErrors } = {}, status: 200 | 201 | 422 = 200) {
  const { lang, staff, db } = c.var;
  const values = extra.values ?? { booth: c.req.query("booth") ?? "" };
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "kiosk.setupTitle")} staff={staff}>
      <h1>{t(lang, "kiosk.setupTitle")}</h1>
      <KioskPanel lang={lang} event={event} booths={await listBooths(db, event.id)} kiosks={await listKiosks(db, event)} link={extra.link} values={values} errors={extra.errors ?? {}} />
    </StaffLayout>,
    status,
  );
}

kioskSetupPages.get("/", guard, async (c) => {
  const { mine, event } = await chooseEvent(c.var.db, c.var.staff, c.req.query("event"), { drafts: false });
  if (event) return panel(c, event);
  const { lang, staff } = c.var;
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "kiosk.setupTitle")} staff={staff}>
      <h1>{t(lang, "kiosk.setupTitle")}</h1>
      <EventChooser lang={lang} events={mine} base="/staff/kiosks" />
    </StaffLayout>,
  );
});

kioskSetupPages.post("/", guard, async (c) => {
  const { event } = await chooseEvent(c.var.db, c.var.staff, c.req.query("event"), { drafts: false });
  const lang = c.var.lang;
  if (!event) return errorPage(c, 404, t(lang, "error.eventNotFound"));
  const values = await readForm(c);
  const parsed = KioskCreateSchema.safeParse({ booth: one(values.booth) });
  if (!parsed.success) return panel(c, event, { values, errors: formErrors(parsed.error.issues, lang, true) }, 422);
  try {
    const made = await createBoothKiosk(c.var.db, c.var.staff, event, parsed.data.booth);
    const link = { url: kioskPairingUrl(originOf(c), made.secret), expires: formatTime(made.expiresAt, event.timezone), booth: made.booth.name };
    return panel(c, event, { link, values }, 201);
  } catch (err) {
    const refused = refusedFields(err, lang);
    if (!refused) throw err;
    return panel(c, event, { values, errors: refused.errors }, 422);
  }
});

kioskSetupPages.post("/:id/revoke", guard, async (c) => {
  // only events in the caller's scope are offered
  const { event } = await chooseEvent(c.var.db, c.var.staff, c.req.query("event"), { drafts: false });
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  await revokeKiosk(c.var.db, c.var.staff, event, Number(c.req.param("id")) || 0);
  return c.redirect(`/staff/kiosks?event=${event.slug}`, 303);
});

/** The page the tablet opens from the kiosk's QR: confirm, then it is the booth's kiosk. */
kioskSetupPages.get("/pair/:secret", async (c) => {
  const open = await findOpenKiosk(c.var.db, c.req.param("secret"));
  if (!open) return errorPage(c, 410, t(c.var.lang, "kiosk.pairInvalid"));
  const lang = c.var.lang;
  const text = t(lang, "kiosk.pairConfirm", { booth: open.booth.name, event: open.event.name });
  return c.html(<PairConfirmPage lang={lang} title={t(lang, "kiosk.setupTitle")} text={text} accept={t(lang, "kiosk.pairAccept")} />);
});

kioskSetupPages.post("/pair/:secret", async (c) => {
  const open = await findOpenKiosk(c.var.db, c.req.param("secret"));
  const paired = open ? await startKioskSession(c, open.kiosk) : null;
  if (!open || !paired) return errorPage(c, 410, t(c.var.lang, "kiosk.pairInvalid"));
  return c.redirect(`/staff/kiosk/${open.event.slug}/${open.booth.code}`, 303);
});
