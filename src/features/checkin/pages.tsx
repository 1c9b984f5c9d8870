/**
 * `/staff/checkin`: the door scanner, and `/staff/checkin/pair`: gate devices.
 * The scanner works as plain forms without JavaScript (handheld scanners type
 * into it); /checkin/scanner.js adds the camera, sounds and the offline queue.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../env";
import type { Event } from "../../db/schema";
import { t, type Lang, type MessageKey } from "../../i18n";
import { qrSvg } from "../../lib/qr";
import { formatTime } from "../../lib/time";
import { raw } from "hono/html";
import { Layout } from "../../views/layout";
import { PostButton } from "../../views/post-button";
import { StaffLayout } from "../../views/staff-layout";
import { errorPage } from "../../views/error-page";
import { listEvents } from "../events/service";
import { startSession, staffPage } from "../staff/auth";
import { canAccessEvent } from "../staff/principal";
import { consumePairing, createPairing, findOpenPairing, listDevices, revokeDevice } from "./pairing";
import { pairingUrl } from "./pairing.routes";
import { ScanSchema, type ScanAnswer } from "./schema";
import { scan, searchAttendees } from "./service";

export const checkinPages = new Hono<AppEnv>();
const DOOR = ["admin", "organiser", "checkin"] as const;
const MANAGERS = ["admin", "organiser"] as const;

const SCANNER_CSS = `.result{position:fixed;inset:0;display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;padding:1rem;z-index:9;font-size:2rem;color:#fff}
.result strong{font-size:2.2rem}.result.ok{background:#0a7d32}.result.bad{background:#b00020}.result.warn{background:#b86e00}
#log li.ok{color:#0a7d32}#log li.bad{color:#b00020}#log li.warn{color:#8a5200}
video{width:100%;max-height:45vh;background:#000;border-radius:8px}.dir label{display:inline-flex;margin-right:1rem}
.banner{padding:1rem;border-radius:8px;color:#fff;font-size:1.3rem}.banner.ok{background:#0a7d32}.banner.bad{background:#b00020}.banner.warn{background:#b86e00}`;

const KIND: Record<string, string> = { checked_in: "ok", checked_out: "ok", not_inside: "warn", wrong_event: "warn" };

/** The events this person may scan for; the one chosen by `?event=` or the only one. */
async function chooseEvent(c: Context<AppEnv>, slug: string | undefined) {
  const mine = (await listEvents(c.var.db, c.var.staff)).filter((e) => e.status !== "draft");
  const event = slug ? mine.find((e) => e.slug === slug) : mine.length === 1 ? mine[0] : undefined;
  return { mine, event };
}

function ScannerPage(p: { lang: Lang; event: Event; gate: string | null; fixed: boolean; answer?: ScanAnswer; hits?: Awaited<ReturnType<typeof searchAttendees>>; q?: string }) {
  const { lang, event } = p;
  const keys: MessageKey[] = ["checkin.offline", "checkin.offlineOk", "checkin.offlineDuplicate", "checkin.offlineUnknown", "checkin.conflict", "checkin.pending", "checkin.ready", "checkin.cameraUnavailable", "checkin.noResults", "checkin.inside", "checkin.checkinButton"];
  const msgs = Object.fromEntries(keys.map((k) => [k.slice("checkin.".length), t(lang, k)]));
  const Hidden = () => (
    <>
      <input type="hidden" name="event" value={event.slug} />
      <input type="hidden" name="gate" value={p.gate ?? ""} />
    </>
  );
  return (
    <div id="scanner" data-event={event.slug} data-tz={event.timezone} data-gate={p.gate ?? ""} data-fixed-gate={p.fixed ? (p.gate ?? "") : ""} data-msgs={JSON.stringify(msgs)}>
      <h1>
        {t(lang, "checkin.title")} · {event.name}
      </h1>
      <noscript>
        <p class="muted">{t(lang, "checkin.noscript")}</p>
      </noscript>
      {p.answer ? (
        <p class={`banner ${KIND[p.answer.status] ?? "bad"}`} role="status" data-status={p.answer.status}>
          {p.answer.message}
        </p>
      ) : null}
      <form id="gate-form" method="get" action="/staff/checkin" hidden={Boolean(p.gate)}>
        <input type="hidden" name="event" value={event.slug} />
        <label for="gate-input">{t(lang, "checkin.gate")}</label>
        <input id="gate-input" name="gate" placeholder={t(lang, "checkin.gatePlaceholder")} required maxlength={60} />
        <button type="submit" class="block">
          {t(lang, "checkin.start")}
        </button>
      </form>
      <section id="scan-area" hidden={!p.gate}>
        <p>
          {t(lang, "checkin.gate")}: <strong id="gate-name">{p.gate}</strong>{" "}
          <button type="button" id="change-gate" class="btn alt">
            {t(lang, "checkin.changeGate")}
          </button>
        </p>
        <form id="manual" method="post" action="/staff/checkin/scan">
          <Hidden />
          <p class="dir">
            <label class="check">
              <input type="radio" name="direction" value="in" checked />
              {t(lang, "checkin.direction.in")}
            </label>
            <label class="check">
              <input type="radio" name="direction" value="out" />
              {t(lang, "checkin.direction.out")}
            </label>
          </p>
          <label for="ticket">{t(lang, "checkin.manual")}</label>
          <input id="ticket" name="ticket" autocomplete="off" autocapitalize="off" spellcheck={false} autofocus required />
          <button type="submit" class="block">
            {t(lang, "checkin.submit")}
          </button>
        </form>
        <h2>{t(lang, "checkin.camera")}</h2>
        <video id="camera" playsinline muted></video>
        <p>
          <button type="button" id="camera-start" class="btn alt">
            {t(lang, "checkin.cameraStart")}
          </button>{" "}
          <span id="camera-status" class="muted"></span>
        </p>
        <p id="pending" class="muted"></p>
        <h2>{t(lang, "checkin.last")}</h2>
        <ol id="log"></ol>
        <form id="search" method="get" action="/staff/checkin">
          <input type="hidden" name="event" value={event.slug} />
          <input type="hidden" name="gate" value={p.gate ?? ""} />
          <label for="q">{t(lang, "checkin.search")}</label>
          <input id="q" name="q" value={p.q ?? ""} minlength={2} />
          <button type="submit" class="btn alt">
            {t(lang, "checkin.searchSubmit")}
          </button>
        </form>
        <div id="hits">
          {p.hits?.length === 0 ? <p>{t(lang, "checkin.noResults")}</p> : null}
          {p.hits?.map((h) => (
            <form method="post" action="/staff/checkin/scan">
              <Hidden />
              <input type="hidden" name="ticket" value={h.ticket} />
              {h.name} · {h.phone}
              {h.inside ? ` · ${t(lang, "checkin.inside")}` : ""}{" "}
              <button type="submit">{t(lang, "checkin.checkinButton")}</button>
            </form>
          ))}
        </div>
      </section>
      <div id="result" class="result" hidden role="alert" aria-live="assertive">
        <strong></strong>
        <span></span>
      </div>
    </div>
  );
}

async function renderScanner(c: Context<AppEnv>, event: Event, gate: string | null, extra: { answer?: ScanAnswer; q?: string } = {}) {
  const { lang, staff } = c.var;
  const hits = extra.q && extra.q.length >= 2 ? await searchAttendees(c.var.db, event, extra.q) : undefined;
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "checkin.title")} staff={staff} wide={false} head={<style>{SCANNER_CSS}</style>}>
      <ScannerPage lang={lang} event={event} gate={staff.gate ?? gate} fixed={Boolean(staff.gate)} answer={extra.answer} hits={hits} q={extra.q} />
      <script src="/checkin/scanner.js" defer></script>
    </StaffLayout>,
    extra.answer && extra.answer.status !== "checked_in" && extra.answer.status !== "checked_out" ? 409 : 200,
  );
}

function EventChooser(p: { lang: Lang; events: Event[]; base: string }) {
  return (
    <ul>
      {p.events.map((e) => (
        <li>
          <a href={`${p.base}?event=${e.slug}`}>{e.name}</a>
        </li>
      ))}
    </ul>
  );
}

checkinPages.get("/staff/checkin", staffPage(DOOR), async (c) => {
  const { mine, event } = await chooseEvent(c, c.req.query("event"));
  if (!event) {
    return c.html(
      <StaffLayout lang={c.var.lang} title={t(c.var.lang, "checkin.title")} staff={c.var.staff}>
        <h1>{t(c.var.lang, "checkin.title")}</h1>
        <h2>{t(c.var.lang, "checkin.event")}</h2>
        <EventChooser lang={c.var.lang} events={mine} base="/staff/checkin" />
      </StaffLayout>,
    );
  }
  return renderScanner(c, event, c.req.query("gate")?.trim().slice(0, 60) || null, { q: c.req.query("q")?.trim() });
});

/** The no-JavaScript scan: a form post, answered with the scanner page and a coloured banner. */
checkinPages.post("/staff/checkin/scan", staffPage(DOOR), async (c) => {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const { event } = await chooseEvent(c, typeof body.event === "string" ? body.event : undefined);
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  const parsed = ScanSchema.safeParse({ ticket: body.ticket, gate: c.var.staff.gate ?? body.gate, direction: body.direction || "in" });
  const gate = c.var.staff.gate ?? (typeof body.gate === "string" ? body.gate : null);
  if (!parsed.success) return renderScanner(c, event, gate);
  const answer = await scan(c.var.db, c.var.staff, event, parsed.data, c.var.lang);
  return renderScanner(c, event, gate, { answer });
});

// ---- pairing gate devices

checkinPages.get("/staff/checkin/pair", staffPage(MANAGERS), async (c) => {
  const { mine, event } = await chooseEvent(c, c.req.query("event"));
  const { lang, staff } = c.var;
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "checkin.pairTitle")} staff={staff}>
      <h1>{t(lang, "checkin.pairTitle")}</h1>
      {event ? <PairingPanel lang={lang} event={event} devices={await listDevices(c.var.db, event)} /> : <EventChooser lang={lang} events={mine} base="/staff/checkin/pair" />}
    </StaffLayout>,
  );
});

function PairingPanel(p: { lang: Lang; event: Event; devices: Awaited<ReturnType<typeof listDevices>>; link?: { url: string; expires: string } }) {
  const { lang, event } = p;
  return (
    <>
      <p>
        {event.name}. {t(lang, "checkin.pairIntro")}
      </p>
      {p.link ? (
        <div class="box" id="pairing">
          <figure class="qr">{raw(qrSvg(p.link.url))}</figure>
          <p>
            <code>{p.link.url}</code>
          </p>
          <p class="muted">{t(lang, "checkin.pairExpires", { time: p.link.expires })}</p>
        </div>
      ) : null}
      <form method="post" action={`/staff/checkin/pair?event=${event.slug}`}>
        <label for="gate">{t(lang, "checkin.gate")}</label>
        <input id="gate" name="gate" required maxlength={60} placeholder={t(lang, "checkin.gatePlaceholder")} />
        <button type="submit">{t(lang, "checkin.pairCreate")}</button>
      </form>
      <h2>{t(lang, "checkin.devices")}</h2>
      <table>
        <tbody>
          {p.devices.map((d) => (
            <tr>
              <td>{d.name}</td>
              <td>{d.gate}</td>
              <td>{d.revokedAt ? "✕" : d.lastUsedAt ? formatTime(d.lastUsedAt, event.timezone) : "–"}</td>
              <td>
                {d.revokedAt ? null : <PostButton action={`/staff/checkin/devices/${d.id}/revoke?event=${event.slug}`} label={t(lang, "checkin.revokeDevice")} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

checkinPages.post("/staff/checkin/pair", staffPage(MANAGERS), async (c) => {
  const { event } = await chooseEvent(c, c.req.query("event"));
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const gate = typeof body.gate === "string" ? body.gate.trim().slice(0, 60) : "";
  const { lang, staff, db } = c.var;
  let link: { url: string; expires: string } | undefined;
  if (gate) {
    const { secret, expiresAt } = await createPairing(db, staff, event, gate);
    link = { url: pairingUrl(new URL(c.req.url).origin, secret), expires: formatTime(expiresAt, event.timezone) };
  }
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "checkin.pairTitle")} staff={staff}>
      <h1>{t(lang, "checkin.pairTitle")}</h1>
      <PairingPanel lang={lang} event={event} devices={await listDevices(db, event)} link={link} />
    </StaffLayout>,
    gate ? 201 : 422,
  );
});

checkinPages.post("/staff/checkin/devices/:id/revoke", staffPage(MANAGERS), async (c) => {
  const { event } = await chooseEvent(c, c.req.query("event"));
  if (!event || !canAccessEvent(c.var.staff, event.id)) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  await revokeDevice(c.var.db, c.var.staff, event, Number(c.req.param("id")));
  return c.redirect(`/staff/checkin/pair?event=${event.slug}`, 303);
});

/** The page a volunteer's phone opens from the pairing QR: confirm, then it is signed in. */
checkinPages.get("/staff/pair/:secret", async (c) => {
  const lang = c.var.lang;
  const open = await findOpenPairing(c.var.db, c.req.param("secret"));
  if (!open) return errorPage(c, 410, t(lang, "checkin.pairInvalid"));
  return c.html(
    <Layout lang={lang} title={t(lang, "checkin.pairTitle")} noindex>
      <h1>{t(lang, "checkin.pairTitle")}</h1>
      <p>{t(lang, "checkin.pairConfirm", { gate: open.pairing.gate, event: open.event.name })}</p>
      <form method="post">
        <button type="submit" class="block">
          {t(lang, "checkin.pairAccept")}
        </button>
      </form>
    </Layout>,
  );
});

checkinPages.post("/staff/pair/:secret", async (c) => {
  const lang = c.var.lang;
  const open = await findOpenPairing(c.var.db, c.req.param("secret"));
  const device = open ? await consumePairing(c.var.db, open.pairing, t(lang, "checkin.device", { gate: open.pairing.gate })) : null;
  if (!open || !device) return errorPage(c, 410, t(lang, "checkin.pairInvalid"));
  await startSession(c, device);
  return c.redirect(`/staff/checkin?event=${open.event.slug}`, 303);
});
