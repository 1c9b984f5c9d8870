/**
 * A booth kiosk's pages after a signup: the QR large (to photograph), whether
 * the ticket is queued for WhatsApp, and a large "Next person" button that has
 * the focus. No timed refresh: the volunteer decides when the next person starts
 * (WCAG 2.2.1), and the page is closed on the server as soon as they do.
 */
import { raw } from "hono/html";
import type { Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { Layout } from "../../base/views/layout";

/** The big button back to an empty form, focused when the page opens. */
function NextPerson({ lang, formUrl }: { lang: Lang; formUrl: string }) {
  return (
    <p>
      <a class="btn block" href={formUrl} autofocus style="font-size:1.3rem;padding:1.2rem">
        {t(lang, "kiosk.next")}
      </a>
    </p>
  );
}

/** `name`: the first word of the person's name only (or nothing). */
export function KioskDone(p: { event: Event; lang: Lang; name: string; qr: string; whatsapp: boolean; formUrl: string }) {
  const { lang } = p;
  return (
    <Layout lang={lang} title={p.event.name} noindex>
      <h1>{p.name ? t(lang, "kiosk.done", { name: p.name }) : t(lang, "kiosk.doneNoName")}</h1>
      <p>{t(lang, "kiosk.photograph")}</p>
      <div class="qr" style="max-width:24rem;margin:auto">{raw(p.qr)}</div>
      <p role="status">{t(lang, p.whatsapp ? "kiosk.queuedWhatsapp" : "kiosk.notSentWhatsapp")}</p>
      <NextPerson lang={lang} formUrl={p.formUrl} />
      <p class="hint">{t(lang, "kiosk.nextHint")}</p>
    </Layout>
  );
}

/** A page after a signup that shows nothing of anyone: "already registered", or a done page opened again after the next form. */
export function KioskNotice(p: { event: Event; lang: Lang; title: string; text: string; formUrl: string }) {
  return (
    <Layout lang={p.lang} title={p.event.name} noindex>
      <h1>{p.title}</h1>
      <p>{p.text}</p>
      <NextPerson lang={p.lang} formUrl={p.formUrl} />
    </Layout>
  );
}
