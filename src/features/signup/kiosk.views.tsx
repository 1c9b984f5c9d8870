/** A booth kiosk's pages: after each signup the QR large, whether it went to WhatsApp, and back to an empty form. */
import { raw } from "hono/html";
import type { Booth, Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { Layout } from "../../base/views/layout";

/** Seconds before the kiosk returns to an empty form by itself (no JavaScript: a meta refresh). */
export const KIOSK_RESET_SECONDS = 60;

export function KioskDone(p: { event: Event; booth: Booth; lang: Lang; name: string; qr: string; whatsapp: boolean; formUrl: string }) {
  const { lang } = p;
  return (
    <Layout lang={lang} title={p.event.name} noindex head={<meta http-equiv="refresh" content={`${KIOSK_RESET_SECONDS};url=${p.formUrl}`} />}>
      <h1>{t(lang, "kiosk.done", { name: p.name })}</h1>
      <p>{t(lang, "kiosk.photograph")}</p>
      <div class="qr" style="max-width:24rem;margin:auto">{raw(p.qr)}</div>
      <p role="status">{t(lang, p.whatsapp ? "kiosk.sentWhatsapp" : "kiosk.notSentWhatsapp")}</p>
      <p>
        <a class="btn block" href={p.formUrl}>
          {t(lang, "kiosk.next")}
        </a>
      </p>
      <p class="hint">{t(lang, "kiosk.autoReset", { seconds: KIOSK_RESET_SECONDS })}</p>
    </Layout>
  );
}

export function KioskKnown(p: { event: Event; lang: Lang; formUrl: string }) {
  const { lang } = p;
  return (
    <Layout lang={lang} title={p.event.name} noindex head={<meta http-equiv="refresh" content={`${KIOSK_RESET_SECONDS};url=${p.formUrl}`} />}>
      <h1>{t(lang, "identity.knownTitle")}</h1>
      <p>{t(lang, "kiosk.known")}</p>
      <p>
        <a class="btn block" href={p.formUrl}>
          {t(lang, "kiosk.next")}
        </a>
      </p>
    </Layout>
  );
}
