/** The door scanner's markup. Plain forms work without JavaScript. */
import type { ScanAnswer } from "./checkin.schema";
import type { Event } from "../../db/schema";
import { t, template, type Lang, type MessageKey } from "../../i18n";
import { Style } from "../../base/views/style";
import { ErrorText, errorAttrs } from "../../base/views/form";

const SCANNER_CSS = `.result{position:fixed;inset:0;display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;padding:1rem;z-index:9;font-size:2rem;color:#fff}
.result strong{font-size:2.2rem}.result.ok{background:#0a7d32}.result.bad{background:#b00020}.result.warn{background:#8a5200}
.result .ask{display:flex;flex-wrap:wrap;gap:1rem;justify-content:center;margin-top:1.5rem;font-size:1.2rem}.result .ask button{min-height:3.5rem;background:#fff;color:#111;border:3px solid #fff}.result .ask #turn-away{background:transparent;color:#fff}
#log li.ok{color:#0a7d32}#log li.bad{color:#b00020}#log li.warn{color:#8a5200}
video{width:100%;max-height:45vh;background:#000;border-radius:8px}.dir{display:flex;flex-wrap:wrap;gap:0 1.5rem}
.banner{padding:1rem;border-radius:8px;color:#fff;font-size:1.3rem}.banner.ok{background:#0a7d32}.banner.bad{background:#b00020}.banner.warn{background:#8a5200}
.conflicts li{margin:.6rem 0}.conflicts form{margin:.3rem 0}`;

/** The scanner's <head>: its styles, and what makes it an installable web app that starts offline (`public/staff/`). */
export function ScannerHead() {
  return (
    <>
      <Style css={SCANNER_CSS} />
      <link rel="manifest" href="/staff/checkin.webmanifest" />
      <meta name="theme-color" content="#0b3d2e" />
      <link rel="icon" href="/staff/checkin-192.png" />
    </>
  );
}

export const KIND: Record<string, string> = { checked_in: "ok", checked_out: "ok", not_inside: "warn", wrong_event: "warn" };

/** The messages the scanner script shows, in the page's language. */
export const SCRIPT_MESSAGES = [
  "checkin.offline",
  "checkin.offlineOk",
  "checkin.offlineDuplicate",
  "checkin.offlineUnknown",
  "checkin.offlineNoList",
  "checkin.provisionalOk",
  "checkin.listSize",
  "checkin.preparing",
  "checkin.signedOut",
  "checkin.deviceRevoked",
  "checkin.deviceSignedOut",
  "checkin.unsentLost",
  "checkin.unsent",
  "checkin.signOutOffline",
  "checkin.offlineDuplicateAt",
  "checkin.provisionalDuplicate",
  "checkin.conflict",
  "checkin.pending",
  "checkin.ready",
  "checkin.cameraUnavailable",
  "checkin.noResults",
  "checkin.inside",
  "checkin.checkinButton",
] as const satisfies readonly MessageKey[];

export type AttendeeHit = { registration_id: number; name: string; phone: string; inside: boolean; revoked: boolean };

export function ScannerPage(p: { lang: Lang; event: Event; gate: string | null; fixed: boolean; answer?: ScanAnswer; hits?: AttendeeHit[]; q?: string; searchError?: string }) {
  const { lang, event } = p;
  const msgs = Object.fromEntries(SCRIPT_MESSAGES.map((k) => [k.slice("checkin.".length), template(lang, k)]));
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
      <p id="session" class="alert" role="alert" hidden>
        <span></span> <a href={`/staff/login?next=${encodeURIComponent(`/staff/checkin?event=${event.slug}`)}`}>{t(lang, "checkin.signIn")}</a>
      </p>
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
          <span id="camera-status" class="muted" role="status"></span>
        </p>
        <p id="pending" class="muted" aria-live="polite"></p>
        <p id="list-size" class="muted"></p>
        <h2>{t(lang, "checkin.last")}</h2>
        <ol id="log"></ol>
        <form id="search" method="get" action="/staff/checkin">
          <input type="hidden" name="event" value={event.slug} />
          <input type="hidden" name="gate" value={p.gate ?? ""} />
          <label for="q">{t(lang, "checkin.search")}</label>
          <input id="q" name="q" value={p.q ?? ""} minlength={2} maxlength={48} {...errorAttrs("q", p.searchError)} />
          <ErrorText id="q" msg={p.searchError} />
          <button type="submit" class="btn alt">
            {t(lang, "checkin.searchSubmit")}
          </button>
        </form>
        <div id="hits">
          {p.hits?.length === 0 ? <p>{t(lang, "checkin.noResults")}</p> : null}
          {p.hits?.map((h) => (
            <form method="post" action="/staff/checkin/scan">
              <Hidden />
              <input type="hidden" name="registration_id" value={h.registration_id} />
              {h.name} · {h.phone}
              {h.inside ? ` · ${t(lang, "checkin.inside")}` : ""}{" "}
              <button type="submit">{t(lang, "checkin.checkinButton")}</button>
            </form>
          ))}
        </div>
        <p>
          <a href={`/staff/checkin/walkin?event=${event.slug}${p.gate ? `&gate=${encodeURIComponent(p.gate)}` : ""}`}>{t(lang, "walkin.title")}</a>
        </p>
      </section>
      <div id="result" class="result" hidden role="alert" aria-live="assertive">
        <strong></strong>
        <span></span>
        <p class="ask" hidden>
          <button type="button" id="admit">
            {t(lang, "checkin.admitProvisional")}
          </button>
          <button type="button" id="turn-away">
            {t(lang, "checkin.turnAway")}
          </button>
        </p>
      </div>
    </div>
  );
}
