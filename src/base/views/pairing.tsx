/**
 * Pairing a device by a one-time link (a gate phone, a booth kiosk): the box
 * the organiser shows (the QR, the link, until when it works) and the page the
 * device opens (confirm, then it is signed in).
 */
import { raw } from "hono/html";
import type { Lang } from "../../i18n";
import { labelledSvg, qrSvg } from "../../lib/qr";
import { Layout } from "./layout";

/** The one-time link as a QR with its text alternative, the link itself, and its expiry. */
export function OneTimeQr(p: { id: string; url: string; alt: string; expires: string }) {
  return (
    <div class="box" id={p.id}>
      <figure class="qr">{raw(labelledSvg(qrSvg(p.url), p.alt))}</figure>
      <p>
        <code>{p.url}</code>
      </p>
      <p class="muted">{p.expires}</p>
    </div>
  );
}

/** What the device shows when it opens the link: what it will become, and one button to accept. */
export function PairConfirmPage(p: { lang: Lang; title: string; text: string; accept: string }) {
  return (
    <Layout lang={p.lang} title={p.title} noindex>
      <h1>{p.title}</h1>
      <p>{p.text}</p>
      <form method="post">
        <button type="submit" class="block">
          {p.accept}
        </button>
      </form>
    </Layout>
  );
}
