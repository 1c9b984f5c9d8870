/** The live dashboard of one event: five figures, two charts, a booth table and a regency table. */
import type { Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { localToUtc } from "../../lib/datetime-local";
import { regencyName } from "../../lib/regions";
import { formatTime, hourInZone, zoneName } from "../../lib/time";
import { BarChart, Heatmap } from "./charts.views";
import { percent } from "./format";
import type { BoothStats, EventStats } from "../../base/stats/event-stats";
import { ScrollRegion } from "../../base/views/scroll-region";

/** Columns wider than this scroll off: the latest hours are the ones a glance needs. */
const MAX_HOURS = 48;
/** The heatmap shows the busiest booths; the table below lists them all. */
const MAX_HEAT_ROWS = 25;

/** Every local hour from the first signup's to the last's (gaps included), the last MAX_HOURS of them. */
export function hourRange(hours: string[], tz: string): string[] {
  if (!hours.length) return [];
  const sorted = [...hours].sort();
  const instant = (label: string) => localToUtc(label.replace(" ", "T"), tz)!.getTime();
  const last = sorted[sorted.length - 1]!;
  // no need to walk further back than the columns shown
  const start = Math.max(instant(sorted[0]!), instant(last) - (MAX_HOURS + 1) * 3600_000);
  const out: string[] = [];
  for (let at = start; out.length <= MAX_HOURS + 2; at += 3600_000) {
    const label = hourInZone(new Date(at), tz);
    if (out[out.length - 1] !== label) out.push(label);
    if (label >= last) break;
  }
  return out.slice(-MAX_HOURS);
}

const boothLabel = (b: BoothStats, lang: Lang) => b.name ?? t(lang, "console.dash.noBooth");

function Figure({ name, label, value, note }: { name: string; label: string; value: number; note?: string }) {
  return (
    <div class="stat" data-figure={name} data-value={value}>
      <span class="num">{value.toLocaleString("id-ID")}</span>
      {label}
      {note ? <span class="muted"> · {note}</span> : null}
    </div>
  );
}

export function Dashboard({ lang, event, stats, now }: { lang: Lang; event: Event; stats: EventStats; now: Date }) {
  const s = stats;
  const tz = event.timezone;
  const zone = zoneName(now, tz);
  const busy = s.booths.filter((b) => b.signups > 0);
  const quiet = s.booths.filter((b) => b.signups === 0 && b.id !== null);
  const hours = hourRange(s.signupsByHour.map((h) => h.hour), tz);
  const col = new Map(hours.map((h, j) => [h, j]));
  const row = new Map(busy.map((b, i) => [b.id, i]));
  const cells = busy.map(() => hours.map(() => 0));
  for (const h of s.signupsByHour) {
    const i = row.get(h.boothId);
    const j = col.get(h.hour);
    if (i !== undefined && j !== undefined) cells[i]![j] = h.count;
  }
  const lastHour = hours[hours.length - 1];
  const busiestNow = lastHour ? busy.map((b, i) => ({ b, n: cells[i]![hours.length - 1]! })).sort((a, b) => b.n - a.n)[0] : undefined;
  const funnel = [
    { label: t(lang, "console.dash.registered"), value: s.registrations },
    { label: t(lang, "console.dash.checkedIn"), value: s.checkedIn },
    { label: t(lang, "console.dash.contacted"), value: s.contacted },
    { label: t(lang, "console.dash.enrolled"), value: s.enrolled },
  ].map((b) => ({ ...b, note: s.registrations ? `${b.value} (${percent(b.value, s.registrations)})` : String(b.value) }));

  return (
    <>
      <div class="stats">
        <Figure name="registrations" label={t(lang, "console.dash.registrations")} value={s.registrations} />
        <Figure name="checkedIn" label={t(lang, "console.dash.checkedIn")} value={s.checkedIn} note={percent(s.checkedIn, s.registrations)} />
        <Figure name="insideNow" label={t(lang, "console.dash.insideNow")} value={s.insideNow} />
        <Figure name="contactOptIns" label={t(lang, "console.dash.optIns")} value={s.contactOptIns} note={percent(s.contactOptIns, s.registrations)} />
        <Figure name="enrolled" label={t(lang, "console.dash.enrolled")} value={s.enrolled} />
      </div>

      <h2 id="busy">{t(lang, "console.dash.byHour", { zone })}</h2>
      {busy.length === 0 ? (
        <p>{t(lang, "console.dash.noSignups")}</p>
      ) : (
        <>
          {busiestNow && busiestNow.n > 0 ? (
            <p>
              <strong>{t(lang, "console.dash.busiestNow", { booth: boothLabel(busiestNow.b, lang), n: busiestNow.n, hour: lastHour!.slice(11) })}</strong>
            </p>
          ) : null}
          <Heatmap
            id="heat"
            title={t(lang, "console.dash.byHour", { zone })}
            desc={t(lang, "console.dash.byHourDesc", { booth: boothLabel(busy[0]!, lang), n: busy[0]!.signups })}
            rows={busy.slice(0, MAX_HEAT_ROWS).map((b) => boothLabel(b, lang))}
            cols={hours.map((h) => ({ key: h, day: `${h.slice(8, 10)}/${h.slice(5, 7)}`, hour: h.slice(11, 13) }))}
            cells={cells.slice(0, MAX_HEAT_ROWS)}
            cellTitle={(r, c, n) => t(lang, "console.dash.cell", { booth: r, hour: `${c} ${zone}`, n })}
          />
          {busy.length > MAX_HEAT_ROWS ? <p class="hint">{t(lang, "console.dash.heatTop", { n: MAX_HEAT_ROWS })}</p> : null}
          <h2>{t(lang, "console.dash.byBooth")}</h2>
          <BarChart
            id="booths"
            title={t(lang, "console.dash.byBooth")}
            desc={busy.slice(0, 15).map((b) => `${boothLabel(b, lang)}: ${b.signups}`).join("; ")}
            bars={busy.slice(0, 15).map((b) => ({ label: boothLabel(b, lang), value: b.signups }))}
          />
        </>
      )}

      <h2>{t(lang, "console.dash.funnel")}</h2>
      <BarChart id="funnel" title={t(lang, "console.dash.funnel")} desc={funnel.map((b) => `${b.label}: ${b.note}`).join("; ")} bars={funnel} color="#1f5fa8" />
      <p class="hint">{t(lang, "console.dash.funnelHint")}</p>

      <h2>{t(lang, "console.dash.boothTable")}</h2>
      <ScrollRegion label={t(lang, "console.dash.boothTable")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, "console.booth.name")}</th>
              <th scope="col" class="n">
                {t(lang, "console.dash.signupsHere")}
              </th>
              <th scope="col" class="n">
                {t(lang, "console.dash.visits")}
              </th>
              <th scope="col" class="n">
                {t(lang, "console.dash.lastHour", { hour: lastHour?.slice(11) ?? "–" })}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...busy, ...quiet].map((b) => {
              const i = row.get(b.id);
              return (
                <tr data-booth={b.code ?? ""}>
                  <td>{boothLabel(b, lang)}</td>
                  <td class="n">{b.signups}</td>
                  <td class="n">{b.id === null ? "–" : b.visits}</td>
                  <td class="n">{i === undefined ? 0 : cells[i]![hours.length - 1]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <p class="hint">{t(lang, "console.dash.visitsHint")}</p>

      <h2>{t(lang, "console.dash.regencies")}</h2>
      {s.regencies.length === 0 ? (
        <p>{t(lang, "console.dash.noSignups")}</p>
      ) : (
        <ScrollRegion label={t(lang, "console.dash.regencies")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, "console.dash.regency")}</th>
                <th scope="col" class="n">
                  {t(lang, "console.dash.registrations")}
                </th>
                <th scope="col" class="n">
                  {t(lang, "console.dash.checkedIn")}
                </th>
                <th scope="col" class="n">
                  {t(lang, "console.dash.optIns")}
                </th>
                <th scope="col" class="n">
                  {t(lang, "console.dash.enrolled")}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.regencies.map((r) => (
                <tr data-regency={r.regency}>
                  <td>{regencyName(r.regency, lang)}</td>
                  <td class="n">{r.registrations}</td>
                  <td class="n">{r.checkedIn}</td>
                  <td class="n">{r.contactOptIns}</td>
                  <td class="n">{r.enrolled}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
