/**
 * The enrollment desk: a filterable list of leads, each with one form to
 * record the outcome (status, note, who handles it), a WhatsApp button with a
 * greeting, and the downloads. Plain HTML forms, no JavaScript; cards that
 * stack on a phone and line up on a laptop.
 */
import type { LeftPlace } from "../../base/enrollment/allocation.service";
import type { Booth, Event } from "../../db/schema";
import { FOLLOWUP_STATUSES } from "../../db/schema";
import { t, type Lang, type PlainKey } from "../../i18n";
import { NTT_REGENCIES, regencyName } from "../../lib/regions";
import { SUBSECTOR_CODES, subsectorName } from "../../lib/subsectors";
import { shortDateTimes } from "../../lib/time";
import type { Principal } from "../../base/context/principal";
import { INTERESTS } from "../../base/registration/fields";
import { Options, SelectField, TextField, type FormErrors, type Option } from "../../base/views/form";
import { StaffLayout } from "../../base/views/staff-layout";
import type { LeadRow } from "./leads.query";
import type { ProgrammeWithCounts } from "../../base/enrollment/programmes.service";
import { ENROLLMENT_CSS, ProgrammesPanel } from "./enrollment.views";
import { Contact, LEADS_CSS, LeadHeading, localPhone, statusLabel, UpdateForm, type Assignable } from "./lead-parts.views";
import { Style } from "../../base/views/style";

export type FilterValues = Record<string, string>;

type ListProps = {
  lang: Lang;
  staff: Principal;
  events: Event[];
  event: Event | null;
  booths: Booth[];
  assignable: Assignable[];
  values: FilterValues;
  errors: FormErrors;
  /** the filter as the API takes it, for the download links */
  apiFilter: Record<string, string>;
  leads: LeadRow[];
  counts: Record<string, number> | null;
  nextUrl: string | null;
  firstUrl: string | null;
  selfUrl: string;
  urlWith: (changes: Record<string, string | undefined>) => string;
  saved: number | null;
  savedLead?: LeadRow | null;
  mayNik: boolean;
  programmes?: ProgrammeWithCounts[];
  /** what a bulk allocation did (`allocated.ineligible.placed.full.enrolled`) */
  bulk?: string | null;
  /** places held by people who are no longer leads, to give back */
  left?: LeftPlace[];
  released?: boolean;
};

function EventPicker(p: { lang: Lang; events: Event[]; current: Event | null }) {
  if (!p.events.length) return <p class="alert">{t(p.lang, "leads.noEvents")}</p>;
  return (
    <form method="get" action="/staff/leads" class="filters">
      <div>
        <label for="event">{t(p.lang, "leads.event")}</label>
        <select id="event" name="event">
          {p.current ? null : <option value="">{t(p.lang, "leads.chooseEvent")}</option>}
          <Options options={p.events.map((e) => [e.slug, e.name])} current={p.current?.slug} />
        </select>
      </div>
      <div class="go">
        <button type="submit">{t(p.lang, "leads.apply")}</button>
      </div>
    </form>
  );
}

function FilterForm(p: ListProps & { event: Event }) {
  const { lang, values: v, errors } = p;
  const any = t(lang, "leads.any");
  const select = (name: string, label: PlainKey, options: readonly Option[]) => (
    <SelectField name={name} label={t(lang, label)} options={options} blank={any} values={v} errors={errors} />
  );
  const more = ["booth", "from", "to", "regency", "occupation", "interest", "assignee"] as const;
  const active = more.filter((k) => v[k] || errors[k]).length;
  return (
    <form method="get" action="/staff/leads" aria-label={t(lang, "leads.filters")}>
      <input type="hidden" name="event" value={p.event.slug} />
      <div class="filters">
        <TextField name="q" type="search" label={t(lang, "leads.filter.q")} values={v} errors={errors} attrs={{ maxlength: 100 }} />
        {select("status", "leads.filter.status", FOLLOWUP_STATUSES.map((s): Option => [s, statusLabel(lang, s)]))}
        <div class="go">
          <button type="submit">{t(lang, "leads.apply")}</button>
          <a href={`/staff/leads?event=${encodeURIComponent(p.event.slug)}`}>{t(lang, "leads.reset")}</a>
        </div>
      </div>
      {/* the rarer filters fold away on a phone; open when one is in use */}
      <details class="more" open={active > 0}>
        <summary>{active ? t(lang, "leads.moreFiltersActive", { n: active }) : t(lang, "leads.moreFilters")}</summary>
        <div class="filters">
          {select("booth", "leads.filter.booth", p.booths.map((b): Option => [b.code, b.name]))}
          <TextField name="from" type="date" label={t(lang, "leads.filter.from")} values={v} errors={errors} />
          <TextField name="to" type="date" label={t(lang, "leads.filter.to")} values={v} errors={errors} />
          {select("regency", "leads.filter.regency", [...Object.keys(NTT_REGENCIES), "other"].map((c): Option => [c, regencyName(c, lang)]))}
          {select("occupation", "leads.filter.occupation", SUBSECTOR_CODES.map((c): Option => [c, subsectorName(c, lang)]))}
          {select("interest", "leads.filter.interest", INTERESTS.map((i): Option => [i, i.toUpperCase()]))}
          {select("assignee", "leads.filter.assignee", [
            ["me", t(lang, "leads.assignee.me")],
            ["none", t(lang, "leads.assignee.none")],
            ...p.assignable.map((s): Option => [String(s.id), s.name]),
          ])}
        </div>
      </details>
    </form>
  );
}

function StatusChips(p: { lang: Lang; counts: Record<string, number>; current: string | undefined; urlWith: ListProps["urlWith"] }) {
  const total = Object.values(p.counts).reduce((a, b) => a + b, 0);
  const chip = (status: string | undefined, label: string, n: number) => (
    <li>
      <a href={p.urlWith({ status, cursor: undefined, saved: undefined })} aria-current={p.current === status ? "true" : undefined}>
        {label} ({n})
      </a>
    </li>
  );
  return (
    <ul class="chips">
      {chip(undefined, t(p.lang, "leads.any"), total)}
      {FOLLOWUP_STATUSES.map((s) => chip(s, statusLabel(p.lang, s), p.counts[s] ?? 0))}
    </ul>
  );
}

function LeadCard(p: { lang: Lang; lead: LeadRow; event: Event; assignable: Assignable[]; back: string; saved: boolean; when: (d: Date) => string }) {
  const { lang, lead } = p;
  const r = lead.registration;
  const interests = r.interests.map((i) => i.toUpperCase()).join(", ");
  const booths = lead.visited.length ? lead.visited.map((b) => b.name).join(", ") : (lead.firstBooth?.name ?? "");
  return (
    <article class={p.saved ? "lead saved" : "lead"} id={`lead-${r.id}`}>
      <LeadHeading lang={lang} lead={lead} saved={p.saved} />
      <p>
        <a href={`tel:${r.phone}`}>{localPhone(r.phone ?? "")}</a>
        {" · "}
        {regencyName(r.regency, lang)}
        {" · "}
        {subsectorName(r.occupation, lang)}
        {r.occupationOther ? `: ${r.occupationOther}` : ""}
        {interests ? ` · ${interests}` : ""}
      </p>
      <p class="muted">
        {t(lang, "leads.registeredAt", { time: p.when(r.createdAt) })}
        {booths ? ` · ${t(lang, "leads.booths")}: ${booths}` : ""}
        {lead.checkedIn ? ` · ${t(lang, "leads.checkedIn")}` : ""}
        {lead.assigneeName ? ` · ${t(lang, "leads.assignee")}: ${lead.assigneeName}` : ""}
      </p>
      {lead.programme || r.kpjMasked ? (
        <p>
          {lead.programme ? <span class="badge">{t(lang, "desk.badgeProgramme", { name: lead.programme.name })}</span> : null}{" "}
          {r.kpjMasked ? <span class="badge st-enrolled">KPJ {r.kpjMasked}</span> : null}
        </p>
      ) : null}
      {r.lastNote ? (
        <p>
          <strong>{t(lang, "leads.lastNote")}:</strong> {r.lastNote}
        </p>
      ) : null}
      <Contact lang={lang} lead={lead} event={p.event}>
        <a class="btn alt" href={`/staff/leads/${r.id}`}>
          {t(lang, "leads.open")}
        </a>
      </Contact>
      <UpdateForm lang={lang} lead={lead} assignable={p.assignable} back={p.back} />
    </article>
  );
}

function ExportForm(p: { lang: Lang; event: Event; apiFilter: Record<string, string>; mayNik: boolean }) {
  const base = `/api/v1/events/${encodeURIComponent(p.event.slug)}/leads`;
  return (
    <form method="get" action={`${base}.csv`} class="export">
      <strong>{t(p.lang, "leads.export")}</strong>
      <p class="hint">{t(p.lang, "leads.exportHint")}</p>
      {Object.entries(p.apiFilter).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      {p.mayNik ? (
        <label class="check">
          <input type="checkbox" name="include" value="nik" />
          <span>{t(p.lang, "leads.exportNik")}</span>
        </label>
      ) : null}
      <button type="submit" formaction={`${base}.xlsx`}>
        {t(p.lang, "leads.exportXlsx")}
      </button>
      <button type="submit" class="btn alt" formaction={`${base}.csv`}>
        {t(p.lang, "leads.exportCsv")}
      </button>
    </form>
  );
}

export function LeadsPage(p: ListProps) {
  const { lang } = p;
  const when = p.event ? shortDateTimes(p.event.timezone, lang) : () => "";
  return (
    <StaffLayout lang={lang} title={t(lang, "leads.title")} staff={p.staff} head={<Style css={LEADS_CSS + ENROLLMENT_CSS} />}>
      <h1>{t(lang, "leads.title")}</h1>
      {p.events.length > 1 || !p.event ? <EventPicker lang={lang} events={p.events} current={p.event} /> : null}
      {p.event ? (
        <>
          {p.events.length <= 1 ? <p class="muted">{p.event.name}</p> : null}
          <FilterForm {...p} event={p.event} />
          {p.savedLead ? (
            <p class="flash" role="status">
              {t(lang, "leads.savedFor", { name: p.savedLead.registration.name ?? "", status: statusLabel(lang, p.savedLead.registration.followupStatus) })}
            </p>
          ) : null}
          {p.counts ? <StatusChips lang={lang} counts={p.counts} current={p.values.status} urlWith={p.urlWith} /> : null}
          {p.counts ? <ExportForm lang={lang} event={p.event} apiFilter={p.apiFilter} mayNik={p.mayNik} /> : null}
          {p.counts && p.programmes ? <ProgrammesPanel lang={lang} event={p.event} programmes={p.programmes} filter={p.values} outcome={p.bulk ?? null} left={p.left} released={p.released} /> : null}
          {p.counts && !p.leads.length ? <p>{t(lang, "leads.empty")}</p> : null}
          {p.leads.map((lead) => (
            <LeadCard lang={lang} lead={lead} event={p.event!} assignable={p.assignable} back={p.selfUrl} saved={p.saved === lead.registration.id} when={when} />
          ))}
          {p.nextUrl || p.firstUrl ? (
            <nav class="pager">
              {p.firstUrl ? <a href={p.firstUrl}>{t(lang, "leads.first")}</a> : <span />}
              {p.nextUrl ? <a href={p.nextUrl}>{t(lang, "leads.next")}</a> : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </StaffLayout>
  );
}

