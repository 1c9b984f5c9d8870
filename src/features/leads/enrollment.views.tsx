/**
 * The enrollment desk's part of the way from lead to insured worker: the
 * sponsored-cover programmes with their places (and their files), what cover
 * costs, a lead's place in a programme, and the form that records the
 * enrollment (KPJ, cover, income band, day). Plain forms, no JavaScript.
 */
import type { LeftPlace } from "../../base/enrollment/allocation.service";
import type { EnrollmentView } from "../../base/enrollment/enrollment.service";
import type { ProgrammeWithCounts } from "../../base/enrollment/programmes.service";
import { bandLabel, BandPicker, ContributionTable } from "../../base/views/contribution";
import { PostButton } from "../../base/views/post-button";
import { funderLabel, ProgrammeFiles, ProgrammesTable } from "../../base/views/programmes";
import { ErrorText, errorAttrs, Options, type FormErrors, type FormValues, one } from "../../base/views/form";
import type { Event } from "../../db/schema";
import type { Programme } from "../../db/schema/enrollment";
import { t, type Lang } from "../../i18n";
import { rupiah, type BandRow, type Breakdown } from "../../lib/contributions";
import { formatDay } from "../../lib/time";

export const ENROLLMENT_CSS = `.programmes{border:2px solid #7a4b00;border-radius:8px;padding:.6rem .8rem;margin:1rem 0}
.programmes table{margin:.4rem 0}.programmes .n,.contrib td{text-align:right}
.section{border-top:2px solid #ccc;margin-top:1rem;padding-top:.4rem}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.row>div{flex:1 1 12rem}
.band{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.band label{flex-basis:100%;margin-bottom:0}.band select{flex:1 1 12rem;width:auto;min-width:0;max-width:100%}
.contrib caption{text-align:left;font-weight:600}`;


/** The programmes open to the event's leads: places taken, enrolled and left, the files, and a form to give places to every lead matching the filter. */
export function ProgrammesPanel(p: { lang: Lang; event: Event; programmes: ProgrammeWithCounts[]; filter: FormValues; outcome: string | null; left?: LeftPlace[]; released?: boolean }) {
  const { lang } = p;
  if (!p.programmes.length) return null;
  const [allocated, ineligible, placed, full, enrolled] = (p.outcome ?? "").split(".").map(Number);
  return (
    <section class="programmes" id="programmes">
      <h2>{t(lang, "funnel.programmes")}</h2>
      {p.outcome && Number.isFinite(allocated) ? (
        <p class="flash" role="status">
          {t(lang, "desk.bulkDone", { allocated: allocated!, ineligible: ineligible ?? 0, placed: placed ?? 0, enrolled: enrolled ?? 0 })}
          {full ? ` ${t(lang, "enrol.full")}` : ""}
        </p>
      ) : null}
      <ProgrammesTable
        lang={lang}
        programmes={p.programmes}
        name={(x) => (
          <>
            {x.name}
            <span class="muted"> · {x.sponsor} · {funderLabel(lang, x.funder)} · {t(lang, "desk.months", { n: x.months })}</span>
            <ProgrammeFiles lang={lang} id={x.id} />
          </>
        )}
      />
      <p class="hint">{t(lang, "desk.fileHint")}</p>
      {p.released ? (
        <p class="flash" role="status">
          {t(lang, "desk.leftReleased")}
        </p>
      ) : null}
      {p.left?.length ? <LeftPlaces lang={lang} left={p.left} /> : null}
      <form method="post" action="/staff/leads/allocations" class="row">
        <input type="hidden" name="event" value={p.event.slug} />
        {Object.entries(p.filter).map(([k, v]) => (
          <input type="hidden" name={k} value={one(v)} />
        ))}
        <div>
          <label for="bulk-programme">{t(lang, "desk.bulk")}</label>
          <select id="bulk-programme" name="programme_id">
            <Options options={p.programmes.map((x) => [String(x.id), t(lang, "desk.option", { name: x.name, n: x.remaining })])} current={undefined} />
          </select>
        </div>
        <button type="submit">{t(lang, "desk.bulkSubmit")}</button>
      </form>
    </section>
  );
}

/** Places still held by people who withdrew the opt-in or were erased: each can be given back (no personal data shown). */
function LeftPlaces(p: { lang: Lang; left: LeftPlace[] }) {
  const { lang } = p;
  return (
    <details>
      <summary>{t(lang, "desk.leftTitle", { n: p.left.length })}</summary>
      <p class="hint">{t(lang, "desk.leftHint")}</p>
      <ul>
        {p.left.map((x) => (
          <li>
            {t(lang, x.erased ? "desk.leftErased" : "desk.leftWithdrawn", { id: x.registrationId, name: x.programmeName })}
            <PostButton action={`/staff/leads/${x.registrationId}/allocation/release`} label={t(lang, "desk.leftRelease")} />
          </li>
        ))}
      </ul>
    </details>
  );
}

export type LeadEnrollment = {
  programmes: ProgrammeWithCounts[];
  allocation: Programme | null;
  enrollment: EnrollmentView | null;
  /** the figures for the band chosen (`?band=`): the worker paying, and the sponsor when there is one */
  self: Breakdown | null;
  sponsor: { breakdown: Breakdown; total: number } | null;
  bands: BandRow[];
  today: string;
  values: FormValues;
  errors: FormErrors;
};

/** What cover costs (the band chosen in a GET form), the lead's place in a programme, and the enrollment record and form. */
export function EnrollmentSections({ lang, leadId, e }: { lang: Lang; leadId: number; e: LeadEnrollment }) {
  const action = `/staff/leads/${leadId}`;
  const rec = e.enrollment;
  return (
    <>
      <section class="section" id="iuran">
        <h2>{t(lang, "contrib.deskTitle")}</h2>
        {e.self ? (
          <>
            <BandPicker lang={lang} bands={e.bands} current={e.self.base} action={`${action}#iuran`} id="desk-band" />
            <ContributionTable lang={lang} b={e.self} caption={t(lang, "contrib.selfPaid")} />
            {e.sponsor && e.allocation ? (
              <>
                <ContributionTable lang={lang} b={e.sponsor.breakdown} caption={t(lang, "contrib.sponsorPays", { sponsor: e.allocation.sponsor })} />
                <p>{t(lang, "contrib.sponsorCost", { sponsor: e.allocation.sponsor, months: e.allocation.months, total: rupiah(e.sponsor.total, lang) })}</p>
              </>
            ) : null}
          </>
        ) : (
          <p>{t(lang, "contrib.unavailable")}</p>
        )}
      </section>

      <section class="section" id="programme">
        <h2>{t(lang, "desk.programme")}</h2>
        {e.allocation ? (
          <form method="post" action={`${action}/allocation/release`} class="row">
            <p>
              {t(lang, "desk.holds", { name: e.allocation.name, sponsor: e.allocation.sponsor, months: e.allocation.months })}
            </p>
            <button type="submit" class="btn alt">
              {t(lang, "desk.release")}
            </button>
            <ErrorText id="release" msg={e.errors.release} />
          </form>
        ) : e.programmes.length ? (
          <form method="post" action={`${action}/allocation`} class="row">
            <div>
              <label for="programme_id">{t(lang, "desk.allocate")}</label>
              <select id="programme_id" name="programme_id" {...errorAttrs("programme_id", e.errors.programme_id)}>
                <Options options={e.programmes.map((x) => [String(x.id), t(lang, "desk.option", { name: x.name, n: x.remaining })])} current={one(e.values.programme_id)} />
              </select>
              <ErrorText id="programme_id" msg={e.errors.programme_id} />
            </div>
            <button type="submit">{t(lang, "desk.allocateSubmit")}</button>
          </form>
        ) : (
          <p>{t(lang, "desk.noProgrammes")}</p>
        )}
      </section>

      <section class="section" id="enrollment">
        <h2>{t(lang, "desk.enrollment")}</h2>
        {rec ? (
          <dl class="facts">
            <dt>KPJ</dt>
            <dd>{rec.kpjMasked ?? "—"}</dd>
            <dt>{t(lang, "desk.coverage")}</dt>
            <dd>{t(lang, `desk.coverage.${rec.coverage}`)}</dd>
            <dt>{t(lang, "contrib.income")}</dt>
            <dd>{rupiah(rec.incomeBase, lang)}</dd>
            <dt>{t(lang, "desk.enrolledOn")}</dt>
            <dd>{formatDay(rec.enrolledOn, lang)}</dd>
            <dt>{t(lang, "desk.sponsor")}</dt>
            <dd>{rec.programme ? `${rec.programme.name} (${rec.programme.sponsor})` : t(lang, "desk.selfPaid")}</dd>
          </dl>
        ) : (
          <p class="hint">{t(lang, "desk.enrollHint")}</p>
        )}
        <EnrollmentForm lang={lang} action={`${action}/enrollment`} e={e} />
      </section>
    </>
  );
}

function EnrollmentForm({ lang, action, e }: { lang: Lang; action: string; e: LeadEnrollment }) {
  const v = e.values;
  const err = e.errors;
  const rec = e.enrollment;
  const coverage = one(v.coverage) || rec?.coverage || "jkk_jkm";
  const band = one(v.income_base) || String(rec?.incomeBase ?? e.bands[0]?.base ?? "");
  return (
    <form method="post" action={action}>
      <div class="row">
        <div>
          {/* like the NIK, the KPJ is never sent back to the browser */}
          <label for="kpj">{t(lang, "desk.kpj")}</label>
          <p class="hint">{t(lang, "desk.kpjHint")}</p>
          <input id="kpj" name="kpj" inputmode="numeric" autocomplete="off" maxlength={20} required {...errorAttrs("kpj", err.kpj)} />
          <ErrorText id="kpj" msg={err.kpj} />
        </div>
        <div>
          <label for="income_base">{t(lang, "contrib.income")}</label>
          <select id="income_base" name="income_base" {...errorAttrs("income_base", err.income_base)}>
            <Options options={e.bands.map((b) => [String(b.base), bandLabel(b, lang)])} current={band} />
          </select>
          <ErrorText id="income_base" msg={err.income_base} />
        </div>
        <div>
          <label for="enrolled_on">{t(lang, "desk.enrolledOn")}</label>
          <input id="enrolled_on" name="enrolled_on" type="date" max={e.today} value={one(v.enrolled_on) || rec?.enrolledOn || e.today} required {...errorAttrs("enrolled_on", err.enrolled_on)} />
          <ErrorText id="enrolled_on" msg={err.enrolled_on} />
        </div>
      </div>
      <fieldset {...errorAttrs("coverage", err.coverage)}>
        <legend>{t(lang, "desk.coverage")}</legend>
        {(["jkk_jkm", "jkk_jkm_jht"] as const).map((c) => (
          <label class="check">
            <input type="radio" name="coverage" value={c} checked={coverage === c} />
            {t(lang, `desk.coverage.${c}`)}
          </label>
        ))}
        <ErrorText id="coverage" msg={err.coverage} />
      </fieldset>
      <button type="submit">{t(lang, rec ? "desk.enrollCorrect" : "desk.enrollSubmit")}</button>
    </form>
  );
}
