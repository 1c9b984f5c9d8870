/**
 * A booth poster: booth name, a large QR to the booth's signup link, a call to
 * action in Bahasa Indonesia (attendees read Indonesian whatever the
 * organiser's language), and the link written out for people who type.
 */
import { raw } from "hono/html";
import type { Booth, Event } from "../../db/schema";
import { t } from "../../i18n";
import { qrSvgOnce } from "../../lib/qr";
import { boothLink, shortLink } from "./booths.views";

export function Poster(p: { event: Event; booth: Booth; origin: string }) {
  const url = boothLink(p.origin, p.event, p.booth);
  return (
    <section class="sheet" data-url={url}>
      <div class="in">
        <p class="ev">{p.event.name}</p>
        <h2 class="booth">{p.booth.name}</h2>
        {p.booth.exhibitor ? <p class="exh">{p.booth.exhibitor}</p> : null}
        <p class="cta" lang="id">
          {t("id", "console.poster.cta")}
        </p>
        <figure class="pqr">{raw(qrSvgOnce(url, `${t("id", "console.poster.cta")}: ${p.booth.name}`))}</figure>
        <p class="steps" lang="id">
          {t("id", "console.poster.steps")}
        </p>
        <p class="link" lang="id">
          {t("id", "console.poster.typeLink")}{" "}
          <strong>
            {shortLink(url)
              .split("/")
              .map((part, i) => (i ? [<wbr />, `/${part}`] : part))}
          </strong>
        </p>
        <p class="en" lang="en">
          {t("en", "console.poster.cta")}
        </p>
      </div>
    </section>
  );
}
