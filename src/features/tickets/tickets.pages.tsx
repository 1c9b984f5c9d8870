/** `/t/{code}`: the ticket page and its QR images. */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../base/context/env";
import { t } from "../../i18n";
import { qrPng, qrSvg } from "../../lib/qr";
import { cardFileName, ticketCardPng } from "../../lib/ticket-card";
import { formatDateTime, zoneName } from "../../lib/time";
import { errorPage } from "../../base/views/error-page";
import { findTicketPage, ticketIsValid, ticketUrl } from "../../base/registration/tickets.service";
import { calculationDay } from "../../base/contributions/day";
import { contributionFor, rateTables } from "../../base/contributions/rates.service";
import { TicketPage, type Calculator } from "./tickets.views";
import { cachedQr, cachedQrSvg, qrEtag, type QrKind } from "./qr-cache.service";

export const ticketPages = new Hono<AppEnv>();

const notFoundPage = (c: Context<AppEnv>) => errorPage(c, 404, t(c.var.lang, "error.ticketNotFound"));

// reads that may be a moment old (a replica), but never older than this browser's own last write (its bookmark)
ticketPages.get("/t/:code", async (c) => {
  const found = await findTicketPage(c.var.readDb, c.req.param("code"));
  if (!found) return notFoundPage(c);
  // the ticket's own language unless the visitor picked one
  const lang = c.req.query("lang") ? c.var.lang : found.lang === "en" ? "en" : "id";
  const url = ticketUrl(new URL(c.req.url).origin, found.code);
  const [svg, calculator] = await Promise.all([
    cachedQrSvg(url, () => qrSvg(url)),
    found.event.contributionCalculator ? calculatorFor(c, found.event.timezone) : null,
  ]);
  c.header("cache-control", "private, no-cache");
  c.header("referrer-policy", "no-referrer");
  return c.html(
    <TicketPage
      lang={lang}
      event={found.event}
      name={found.name ?? ""}
      code={found.code}
      url={url}
      svg={svg}
      revoked={found.revokedAt !== null}
      visited={found.visited}
      interest={c.req.query("done") === "interest" ? c.req.query("booth") : undefined}
      calculator={calculator}
    />,
  );
});

/** The contribution figures for the band the person picked (`?band=`), the lowest first; a missing rate shows a notice. */
async function calculatorFor(c: Context<AppEnv>, tz: string): Promise<Calculator> {
  const day = calculationDay(c.env, c.req.query("on"), tz);
  const found = contributionFor(await rateTables(c.var.readDb), day, "self", Number(c.req.query("band")) || undefined);
  // the band form keeps the page's language and chosen day
  const hidden: Record<string, string> = {};
  for (const k of ["lang", "on"]) {
    const v = c.req.query(k);
    if (v && /^[a-z0-9-]{1,10}$/.test(v)) hidden[k] = v;
  }
  return found ? { ...found, hidden } : { breakdown: null, bands: [], hidden };
}

async function qrImage(c: Context<AppEnv>, kind: QrKind) {
  const code = c.req.param("code") ?? "";
  const url = ticketUrl(new URL(c.req.url).origin, code);
  if (!(await ticketIsValid(c.var.readDb, code))) return notFoundPage(c);
  if (c.req.header("if-none-match") === (await qrEtag(kind, url))) return c.body(null, 304);
  return cachedQr(kind, url, kind === "svg" ? () => qrSvg(url) : () => qrPng(url));
}

ticketPages.get("/t/:code/qr.svg", (c) => qrImage(c, "svg"));
ticketPages.get("/t/:code/qr.png", (c) => qrImage(c, "png"));

/** "Simpan tiket": the card to keep, a PNG named after the event and the person (a separate request: the page stays small). */
ticketPages.get("/t/:code/card.png", async (c) => {
  const found = await findTicketPage(c.var.readDb, c.req.param("code"));
  if (!found || found.revokedAt) return notFoundPage(c);
  const lang = found.lang === "en" ? "en" : "id";
  const { event } = found;
  const png = await ticketCardPng({
    event: event.name,
    name: found.name ?? "",
    when: `${formatDateTime(event.startsAt, event.timezone, lang)} ${zoneName(event.startsAt, event.timezone)}`,
    venue: [event.venue, event.city].filter(Boolean).join(", "),
    url: ticketUrl(new URL(c.req.url).origin, found.code),
  });
  return c.body(png as Uint8Array<ArrayBuffer>, 200, {
    "content-type": "image/png",
    "content-disposition": `attachment; filename="${cardFileName(event.slug, found.name ?? "")}"`,
    "cache-control": "private, no-cache",
    "referrer-policy": "no-referrer",
  });
});
