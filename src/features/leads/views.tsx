/**
 * The enrollment desk: a filterable list of leads, each with one form to
 * record the outcome (status, note, who handles it), a WhatsApp button with a
 * greeting, and the downloads. Plain HTML forms, no JavaScript; cards that
 * stack on a phone and line up on a laptop.
 */
import type { Child } from "hono/jsx";
import { BPJS_STATUSES, FOLLOWUP_STATUSES, type Booth, type Event } from "../../db/schema";
import { t, type Lang, type MessageKey } from "../../i18n";
import { whatsappLink } from "../../lib/phone";
import { NTT_REGENCIES, regencyName } from "../../lib/regions";
import { SUBSECTOR_CODES, subsectorName } from "../../lib/subsectors";
import { zoneName } from "../../lib/time";
import { StaffLayout } from "../../views/staff-layout";
import type { Principal } from "../staff/principal";
import { INTERESTS } from "../signup/schema";
import type { HistoryEntry, LeadRow } from "./service";
import { UNASSIGNED } from "./service";

export const LEADS_CSS = `.filters{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));align-items:end}
.filters label{margin:.5rem 0 .2rem}details.more{margin:.4rem 0}details.more summary{cursor:pointer;padding:.4rem 0;font-weight:600;color:#0645ad}.filters .go{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;padding-top:.5rem}
.chips{display:flex;flex-wrap:wrap;gap:.4rem;margin:.8rem 0;padding:0;list-style:none}
.chips a{display:inline-block;padding:.3rem .7rem;border:2px solid #0b3d2e;border-radius:1rem;text-decoration:none;color:#0b3d2e}
.chips a[aria-current]{background:#0b3d2e;color:#fff}
.lead{border:2px solid #bbb;border-radius:8px;padding:.6rem .8rem;margin:.8rem 0;overflow-wrap:anywhere}
.lead.saved{border-color:#0b6e4f}
.lead h2{margin:0;font-size:1.1rem;display:flex;flex-wrap:wrap;gap:.3rem .6rem;align-items:center}
.lead p{margin:.3rem 0}
.badge{font-size:.85rem;font-weight:600;padding:.1rem .6rem;border-radius:1rem;background:#e8e8e8;color:#111}
.st-new{background:#fff3c4}.st-contacted{background:#d8e9ff}.st-enrolled{background:#cdeccd}.st-declined{background:#f3d6d6}.st-unreachable{background:#e2e2e2}
.acts{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}.acts .btn{display:inline-flex;align-items:center;padding:.6rem 1rem;min-height:2.75rem}
.btn.wa{background:#0a7d3c}
.update{display:grid;gap:.3rem .8rem;grid-template-columns:1fr;align-items:end;border-top:1px solid #ccc;padding-top:.4rem}
.update label{margin:.3rem 0 .1rem;font-size:.9rem}.update button{padding:.6rem 1rem}
@media(min-width:56rem){.update{grid-template-columns:12rem 1fr 13rem auto}}
.export{border:2px solid #0b3d2e;border-radius:8px;padding:.6rem .8rem;margin:1rem 0}
.export .check{margin:.4rem 0}.export .btn,.export button{margin:.2rem .4rem .2rem 0}
.flash{border:2px solid #0b6e4f;background:#eef8f1;padding:.6rem .8rem;border-radius:6px}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:1rem 0}
dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.2rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
ol.history{padding-left:1.2rem}`;

export type FilterValues = Record<string, string>;
export type FormErrors = Record<string, string>;

const statusLabel = (lang: Lang, s: string) => t(lang, `leads.status.${s}` as MessageKey);

/** `+6281234567801` as Indonesians write it: `0812-3456-7801`. */
export function localPhone(e164: string): string {
  const n = e164.replace(/^\+62/, "");
  return `0${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
}

/** A wa.me link with a greeting in the lead's language naming them and the fair. */
export function greetingLink(lead: LeadRow, event: Event): string {
  const r = lead.registration;
  const lang: Lang = r.lang === "en" ? "en" : "id";
  return whatsappLink(r.phone ?? "", t(lang, "leads.greeting", { name: r.name ?? "", event: event.name }));
}

function shortTime(lang: Lang, tz: string) {
  const f = new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { timeZone: tz, dateStyle: "medium", timeStyle: "short" });
  return (d: Date) => `${f.format(d)} ${zoneName(d, tz)}`;
}

function Options(p: { options: [string, string][]; current: string | undefined; any?: string }) {
  return (
    <>
      {p.any !== undefined ? <option value="">{p.any}</option> : null}
      {p.options.map(([value, label]) => (
        <option value={value} selected={value === p.current}>
          {label}
        </option>
      ))}
    </>
  );
}

function Err({ msg }: { msg?: string }) {
  return msg ? <p class="err">{msg}</p> : null;
}

type Assignable = { id: number; name: string; role: string };

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
  const field = (id: string, label: MessageKey, control: unknown) => (
    <div>
      <label for={`f-${id}`}>{t(lang, label)}</label>
      {control}
      <Err msg={errors[id]} />
    </div>
  );
  const more = ["booth", "from", "to", "regency", "occupation", "interest", "assignee"] as const;
  const active = more.filter((k) => v[k] || errors[k]).length;
  return (
    <form method="get" action="/staff/leads" aria-label={t(lang, "leads.filters")}>
      <input type="hidden" name="event" value={p.event.slug} />
      <div class="filters">
        {field("q", "leads.filter.q", <input id="f-q" name="q" type="search" value={v.q ?? ""} maxlength={100} />)}
        {field(
          "status",
          "leads.filter.status",
          <select id="f-status" name="status">
            <Options options={FOLLOWUP_STATUSES.map((s) => [s, statusLabel(lang, s)])} current={v.status} any={t(lang, "leads.any")} />
          </select>,
        )}
        <div class="go">
          <button type="submit">{t(lang, "leads.apply")}</button>
          <a href={`/staff/leads?event=${encodeURIComponent(p.event.slug)}`}>{t(lang, "leads.reset")}</a>
        </div>
      </div>
      {/* the rarer filters fold away on a phone; open when one is in use */}
      <details class="more" open={active > 0}>
        <summary>{active ? t(lang, "leads.moreFiltersActive", { n: active }) : t(lang, "leads.moreFilters")}</summary>
        <div class="filters">
          {field(
            "booth",
            "leads.filter.booth",
            <select id="f-booth" name="booth">
              <Options options={p.booths.map((b) => [b.code, b.name])} current={v.booth} any={t(lang, "leads.any")} />
            </select>,
          )}
          {field("from", "leads.filter.from", <input id="f-from" name="from" type="date" value={v.from ?? ""} />)}
          {field("to", "leads.filter.to", <input id="f-to" name="to" type="date" value={v.to ?? ""} />)}
          {field(
            "regency",
            "leads.filter.regency",
            <select id="f-regency" name="regency">
              <Options options={[...Object.keys(NTT_REGENCIES), "other"].map((c) => [c, regencyName(c, lang)])} current={v.regency} any={t(lang, "leads.any")} />
            </select>,
          )}
          {field(
            "occupation",
            "leads.filter.occupation",
            <select id="f-occupation" name="occupation">
              <Options options={SUBSECTOR_CODES.map((c) => [c, subsectorName(c, lang)])} current={v.occupation} any={t(lang, "leads.any")} />
            </select>,
          )}
          {field(
            "interest",
            "leads.filter.interest",
            <select id="f-interest" name="interest">
              <Options options={INTERESTS.map((i) => [i, i.toUpperCase()])} current={v.interest} any={t(lang, "leads.any")} />
            </select>,
          )}
          {field(
            "assignee",
            "leads.filter.assignee",
            <select id="f-assignee" name="assignee">
              <Options
                options={[["me", t(lang, "leads.assignee.me")], ["none", t(lang, "leads.assignee.none")], ...p.assignable.map((s): [string, string] => [String(s.id), s.name])]}
                current={v.assignee}
                any={t(lang, "leads.any")}
              />
            </select>,
          )}
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

/** One form records the outcome: a status, a note, who handles the lead. */
export function UpdateForm(p: { lang: Lang; lead: LeadRow; assignable: Assignable[]; back: string; note?: string; errors?: FormErrors }) {
  const r = p.lead.registration;
  const errors = p.errors ?? {};
  return (
    <form method="post" action={`/staff/leads/${r.id}`} class="update">
      <input type="hidden" name="back" value={p.back} />
      <div>
        <label>
          {t(p.lang, "leads.filter.status")}
          <select name="status">
            <Options options={FOLLOWUP_STATUSES.map((s) => [s, statusLabel(p.lang, s)])} current={r.followupStatus} />
          </select>
        </label>
        <Err msg={errors.status} />
      </div>
      <div>
        <label>
          {t(p.lang, "leads.addNote")}
          <input name="note" maxlength={1000} value={p.note ?? ""} placeholder={t(p.lang, "leads.notePlaceholder")} />
        </label>
        <Err msg={errors.note} />
      </div>
      <div>
        <label>
          {t(p.lang, "leads.assignee")}
          <select name="assignee_id">
            <Options options={p.assignable.map((s) => [String(s.id), s.name])} current={r.assigneeId == null ? "" : String(r.assigneeId)} any={t(p.lang, "leads.nobody")} />
          </select>
        </label>
        <Err msg={errors.assignee_id ?? errors._} />
      </div>
      <button type="submit">{t(p.lang, "leads.save")}</button>
    </form>
  );
}

/** The lead's name, status, and "saved" after a change. */
function LeadHeading(p: { lang: Lang; lead: LeadRow; saved: boolean }) {
  const r = p.lead.registration;
  return (
    <h2>
      <span>{r.name}</span>
      <span class={`badge st-${r.followupStatus}`}>{statusLabel(p.lang, r.followupStatus)}</span>
      {p.saved ? (
        <span class="badge st-enrolled" role="status">
          {t(p.lang, "leads.saved")}
        </span>
      ) : null}
    </h2>
  );
}

/** WhatsApp with a greeting, and a call, in one tap each. */
function Contact(p: { lang: Lang; lead: LeadRow; event: Event; children?: Child }) {
  const phone = p.lead.registration.phone;
  return (
    <div class="acts">
      <a class="btn wa" href={greetingLink(p.lead, p.event)} target="_blank" rel="noopener noreferrer">
        {t(p.lang, "leads.whatsapp")}
      </a>
      <a class="btn alt" href={`tel:${phone}`}>
        {t(p.lang, "leads.call")}
      </a>
      {p.children}
    </div>
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
  const when = p.event ? shortTime(lang, p.event.timezone) : () => "";
  return (
    <StaffLayout lang={lang} title={t(lang, "leads.title")} staff={p.staff} head={<style>{LEADS_CSS}</style>}>
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

function historyLine(lang: Lang, h: HistoryEntry): string {
  const parts: string[] = [];
  if (h.status) parts.push(statusLabel(lang, h.status));
  if (h.assigneeId === UNASSIGNED) parts.push(t(lang, "leads.history.unassigned"));
  else if (h.assigneeId !== null) parts.push(t(lang, "leads.history.assigned", { name: h.assigneeName ?? `#${h.assigneeId}` }));
  if (h.note) parts.push(`“${h.note}”`);
  return parts.join(" · ");
}

export function LeadDetailPage(p: {
  lang: Lang;
  staff: Principal;
  event: Event;
  lead: LeadRow;
  history: HistoryEntry[];
  assignable: Assignable[];
  note?: string;
  errors?: FormErrors;
  saved: boolean;
}) {
  const { lang, lead, event } = p;
  const r = lead.registration;
  const when = shortTime(lang, event.timezone);
  const bpjs = (BPJS_STATUSES as readonly string[]).includes(r.bpjsStatus) ? t(lang, `signup.bpjs.${r.bpjsStatus}` as MessageKey) : r.bpjsStatus;
  const fact = (label: MessageKey, value: unknown) => (
    <>
      <dt>{t(lang, label)}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <StaffLayout lang={lang} title={`${r.name ?? ""} · ${t(lang, "leads.title")}`} staff={p.staff} head={<style>{LEADS_CSS}</style>}>
      <p>
        <a href={`/staff/leads?event=${encodeURIComponent(event.slug)}`}>{t(lang, "leads.back")}</a>
      </p>
      <article class={p.saved ? "lead saved" : "lead"} id={`lead-${r.id}`}>
        <LeadHeading lang={lang} lead={lead} saved={p.saved} />
        <p class="muted">{event.name}</p>
        <dl class="facts">
          {fact("leads.field.phone", <a href={`tel:${r.phone}`}>{localPhone(r.phone ?? "")}</a>)}
          {fact("leads.field.email", r.email ?? "—")}
          {fact("leads.field.nik", r.nikMasked ?? "—")}
          {fact("leads.field.regency", regencyName(r.regency, lang))}
          {fact("leads.field.occupation", `${subsectorName(r.occupation, lang)}${r.occupationOther ? `: ${r.occupationOther}` : ""}`)}
          {fact("leads.field.interests", r.interests.map((i) => i.toUpperCase()).join(", ") || "—")}
          {fact("leads.field.bpjs", bpjs)}
          {fact("leads.field.firstBooth", lead.firstBooth?.name ?? "—")}
          {fact("leads.field.visited", lead.visited.map((b) => b.name).join(", ") || "—")}
          {fact("leads.field.checkedIn", t(lang, lead.checkedIn ? "leads.yes" : "leads.no"))}
          {fact("leads.field.registered", when(r.createdAt))}
          {fact("leads.field.contactConsent", when(r.contactConsentAt!))}
          {fact("leads.field.notice", r.noticeVersion)}
        </dl>
        <Contact lang={lang} lead={lead} event={event} />
        {p.errors && Object.keys(p.errors).length ? (
          <p class="alert" role="alert">
            {t(lang, "error.formHasErrors")}
          </p>
        ) : null}
        <UpdateForm lang={lang} lead={lead} assignable={p.assignable} back={`/staff/leads/${r.id}`} note={p.note} errors={p.errors} />
      </article>
      <h2>{t(lang, "leads.history")}</h2>
      {p.history.length ? (
        <ol class="history">
          {p.history.map((h) => (
            <li>
              <span class="muted">{when(h.at)}</span> — {historyLine(lang, h)}{" "}
              <span class="muted">{t(lang, "leads.history.by", { name: h.byName ?? "admin" })}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t(lang, "leads.historyEmpty")}</p>
      )}
    </StaffLayout>
  );
}
