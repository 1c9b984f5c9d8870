/**
 * The dashboard's enrollment section: the funnel from signup to sponsored
 * cover as an SVG chart with its numbers in text, the same stages per booth,
 * home regency and field of work, and each sponsored-cover programme's places
 * and progress to its target.
 */
import type { ProgrammeWithCounts } from "../../base/enrollment/programmes.service";
import type { EventFunnel, FunnelCounts, FunnelRates } from "../../base/stats/funnel";
import { t, type Lang } from "../../i18n";
import { regencyName } from "../../lib/regions";
import { subsectorName } from "../../lib/subsectors";
import { ProgrammesTable } from "../../base/views/programmes";
import { ScrollRegion } from "../../base/views/scroll-region";
import { BarChart } from "./charts.views";

const pct = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)}%`);

type Row = FunnelCounts & { rates: FunnelRates };

function FunnelTable({ lang, id, label, rows }: { lang: Lang; id: string; label: string; rows: { key: string; name: string; row: Row }[] }) {
  return (
    <ScrollRegion label={label}>
      <table id={id}>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col" class="n">{t(lang, "console.dash.registered")}</th>
            <th scope="col" class="n">{t(lang, "console.dash.optIns")}</th>
            <th scope="col" class="n">{t(lang, "console.dash.contacted")}</th>
            <th scope="col" class="n">{t(lang, "console.dash.enrolled")}</th>
            <th scope="col" class="n">{t(lang, "funnel.sponsored")}</th>
            <th scope="col" class="n">{t(lang, "funnel.overall")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, row }) => (
            <tr data-funnel={key}>
              <td>{name}</td>
              <td class="n">{row.registered}</td>
              <td class="n">{row.agreedToContact}</td>
              <td class="n">{row.contacted}</td>
              <td class="n">{row.enrolled}</td>
              <td class="n">{row.sponsored}</td>
              <td class="n">{pct(row.rates.overall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function EnrollmentFunnel({ lang, funnel, programmes }: { lang: Lang; funnel: EventFunnel; programmes: ProgrammeWithCounts[] }) {
  const f = funnel.total;
  const stage = (label: string, value: number, rate: number | null) => ({ label, value, note: rate === null ? String(value) : t(lang, "funnel.note", { n: value, rate: pct(rate) }) });
  const bars = [
    { label: t(lang, "console.dash.registered"), value: f.registered, note: String(f.registered) },
    stage(t(lang, "console.dash.optIns"), f.agreedToContact, f.rates.agreedToContact),
    stage(t(lang, "console.dash.contacted"), f.contacted, f.rates.contacted),
    stage(t(lang, "console.dash.enrolled"), f.enrolled, f.rates.enrolled),
    stage(t(lang, "funnel.sponsored"), f.sponsored, f.rates.sponsored),
  ];
  return (
    <section id="enrollment">
      <h2>{t(lang, "funnel.title")}</h2>
      <BarChart id="enrol" title={t(lang, "funnel.title")} desc={bars.map((b) => `${b.label}: ${b.note}`).join("; ")} bars={bars} color="#7a4b00" />
      <p class="hint">{t(lang, "funnel.hint", { overall: pct(f.rates.overall) })}</p>
      {programmes.length ? (
        <>
          <h3>{t(lang, "funnel.programmes")}</h3>
          <ProgrammesTable
            lang={lang}
            id="programmes"
            programmes={programmes}
            target
            name={(p) => (
              <>
                {p.name}
                <span class="muted"> · {p.sponsor}</span>
              </>
            )}
          />
        </>
      ) : null}
      <h3>{t(lang, "funnel.byBooth")}</h3>
      <FunnelTable lang={lang} id="funnel-booth" label={t(lang, "console.booth.name")} rows={funnel.byBooth.map((b) => ({ key: `booth:${b.code ?? ""}`, name: b.name ?? t(lang, "console.dash.noBooth"), row: b }))} />
      <h3>{t(lang, "funnel.byRegency")}</h3>
      <FunnelTable lang={lang} id="funnel-regency" label={t(lang, "console.dash.regency")} rows={funnel.byRegency.map((r) => ({ key: `regency:${r.regency}`, name: regencyName(r.regency, lang), row: r }))} />
      <h3>{t(lang, "funnel.byOccupation")}</h3>
      <FunnelTable lang={lang} id="funnel-occupation" label={t(lang, "funnel.occupation")} rows={funnel.byOccupation.map((o) => ({ key: `occupation:${o.occupation}`, name: subsectorName(o.occupation, lang), row: o }))} />
    </section>
  );
}
