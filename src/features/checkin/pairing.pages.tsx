/**
 * Gate devices. `pairingPages` (mounted at `/staff/checkin`): an organiser names a
 * gate and shows the one-time QR, lists and revokes devices. `devicePages`
 * (mounted at `/staff/pair`): the page the volunteer's phone opens from the QR.
 */
import { Hono } from "hono";
import { staffPage } from "../../base/auth/guards";
import { giveSessionCookie, newSession } from "../../base/auth/session";
import type { AppEnv } from "../../base/context/env";
import { chooseEvent } from "../../base/events/events.service";
import { one, originOf, readForm } from "../../base/http/read-form";
import { formErrors } from "../../base/http/validation";
import { errorPage } from "../../base/views/error-page";
import { PairConfirmPage } from "../../base/views/pairing";
import { StaffLayout } from "../../base/views/staff-layout";
import { t } from "../../i18n";
import { formatTime } from "../../lib/time";
import { consumePairing, createPairing, findOpenPairing, listDevices, pairingUrl, revokeDevice } from "./pairing.service";
import { PairingCreateSchema } from "./checkin.schema";
import { PairingPanel } from "./pairing.views";
import { EventChooser } from "../../base/views/event-chooser";

export const pairingPages = new Hono<AppEnv>();

pairingPages.get("/pair", staffPage("door.manage"), async (c) => {
  const { mine, event } = await chooseEvent(c.var.db, c.var.staff, c.req.query("event"), { drafts: false });
  const { lang, staff } = c.var;
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "checkin.pairTitle")} staff={staff}>
      <h1>{t(lang, "checkin.pairTitle")}</h1>
      {event ? <PairingPanel lang={lang} event={event} devices={await listDevices(c.var.db, event)} /> : <EventChooser lang={lang} events={mine} base="/staff/checkin/pair" />}
    </StaffLayout>,
  );
});

pairingPages.post("/pair", staffPage("door.manage"), async (c) => {
  const { event } = await chooseEvent(c.var.db, c.var.staff, c.req.query("event"), { drafts: false });
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  // the API's own rule for a gate name (cleaned of control characters, 1 to 60 characters)
  const values = await readForm(c);
  const parsed = PairingCreateSchema.safeParse({ gate: one(values.gate) });
  const { lang, staff, db } = c.var;
  let link: { url: string; expires: string; gate: string } | undefined;
  if (parsed.success) {
    const { secret, expiresAt } = await createPairing(db, staff, event, parsed.data.gate);
    link = { url: pairingUrl(originOf(c), secret), expires: formatTime(expiresAt, event.timezone), gate: parsed.data.gate };
  }
  const errors = parsed.success ? {} : formErrors(parsed.error.issues, lang, true);
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "checkin.pairTitle")} staff={staff}>
      <h1>{t(lang, "checkin.pairTitle")}</h1>
      <PairingPanel lang={lang} event={event} devices={await listDevices(db, event)} link={link} values={parsed.success ? {} : values} errors={errors} />
    </StaffLayout>,
    parsed.success ? 201 : 422,
  );
});

pairingPages.post("/devices/:id/revoke", staffPage("door.manage"), async (c) => {
  // only events in the caller's scope are offered
  const { event } = await chooseEvent(c.var.db, c.var.staff, c.req.query("event"), { drafts: false });
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  await revokeDevice(c.var.db, c.var.staff, event, Number(c.req.param("id")));
  return c.redirect(`/staff/checkin/pair?event=${event.slug}`, 303);
});

export const devicePages = new Hono<AppEnv>();

/** The page a volunteer's phone opens from the pairing QR: confirm, then it is signed in. */
devicePages.get("/:secret", async (c) => {
  const lang = c.var.lang;
  const open = await findOpenPairing(c.var.db, c.req.param("secret"));
  if (!open) return errorPage(c, 410, t(lang, "checkin.pairInvalid"));
  const text = t(lang, "checkin.pairConfirm", { gate: open.pairing.gate, event: open.event.name });
  return c.html(<PairConfirmPage lang={lang} title={t(lang, "checkin.pairTitle")} text={text} accept={t(lang, "checkin.pairAccept")} />);
});

devicePages.post("/:secret", async (c) => {
  const lang = c.var.lang;
  const open = await findOpenPairing(c.var.db, c.req.param("secret"));
  // the phone's session is written with the device, in the same batch: a used code always leaves a signed-in phone
  const session = await newSession();
  const device = open ? await consumePairing(c.var.db, open.pairing, t(lang, "checkin.device", { gate: open.pairing.gate }), session.idHash) : null;
  if (!open || !device) return errorPage(c, 410, t(lang, "checkin.pairInvalid"));
  await giveSessionCookie(c, session.id);
  return c.redirect(`/staff/checkin?event=${open.event.slug}`, 303);
});
