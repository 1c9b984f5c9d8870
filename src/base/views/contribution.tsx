/**
 * What cover costs per month, as a small table the ticket page and the
 * enrollment desk both show, and the plain GET form that picks the declared
 * income band (no JavaScript).
 */
import type { BandRow, Breakdown } from "../../lib/contributions";
import { rupiah } from "../../lib/contributions";
import { formatDay } from "../../lib/time";
import { t, type Lang } from "../../i18n";

/** `Rp 1.100.000 – Rp 1.299.999` (or "up to", "from") for a band. */
export function bandLabel(b: Pick<BandRow, "incomeFrom" | "incomeTo" | "base">, lang: Lang): string {
  if (b.incomeTo === null) return t(lang, "contrib.bandFrom", { from: rupiah(b.incomeFrom, lang) });
  if (b.incomeFrom <= 0) return t(lang, "contrib.bandUpTo", { to: rupiah(b.incomeTo, lang) });
  return `${rupiah(b.incomeFrom, lang)} – ${rupiah(b.incomeTo, lang)}`;
}

function Amount({ full, due, lang }: { full: number; due: number; lang: Lang }) {
  return (
    <td data-due={due} data-full={full}>
      {due < full ? (
        <>
          <s>{rupiah(full, lang)}</s> <strong>{rupiah(due, lang)}</strong>
        </>
      ) : (
        <strong>{rupiah(due, lang)}</strong>
      )}
    </td>
  );
}

/** JKK + JKM, and with JHT, per month on the breakdown's day, the full figure struck through when a discount applies. */
export function ContributionTable({ lang, b, caption }: { lang: Lang; b: Breakdown; caption?: string }) {
  return (
    <>
      <table class="contrib">
        {caption ? <caption>{caption}</caption> : null}
        <tbody>
          <tr>
            <th scope="row">{t(lang, "contrib.basic")}</th>
            <Amount lang={lang} full={b.basic.full} due={b.basic.due} />
          </tr>
          <tr>
            <th scope="row">{t(lang, "contrib.withJht")}</th>
            <Amount lang={lang} full={b.withJht.full} due={b.withJht.due} />
          </tr>
        </tbody>
      </table>
      <p class="muted">
        {t(lang, "contrib.detail", { jkk: rupiah(b.jkk.due, lang), jkm: rupiah(b.jkm.due, lang), jht: rupiah(b.jht.due, lang), base: rupiah(b.base, lang) })}{" "}
        {b.discount
          ? t(lang, "contrib.discount", { until: formatDay(b.discount.validTo, lang), source: b.discount.source.split(" (")[0]! })
          : t(lang, "contrib.noDiscount", { day: formatDay(b.day, lang) })}
      </p>
    </>
  );
}

/** A GET form choosing the income band; `hidden` carries the page's other query values. */
export function BandPicker(p: { lang: Lang; bands: BandRow[]; current: number; action: string; hidden?: Record<string, string>; id?: string }) {
  const id = p.id ?? "band";
  return (
    <form method="get" action={p.action} class="band">
      {Object.entries(p.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <label for={id}>{t(p.lang, "contrib.income")}</label>
      <select id={id} name="band">
        {p.bands.map((b) => (
          <option value={String(b.base)} selected={b.base === p.current}>
            {bandLabel(b, p.lang)}
          </option>
        ))}
      </select>
      <button type="submit" class="btn alt">
        {t(p.lang, "contrib.show")}
      </button>
    </form>
  );
}
