/** One lead: its details, contact buttons, the follow-up form and its history. */
import { BPJS_STATUSES, type Event } from "../../db/schema";
import { t, type Lang, type PlainKey } from "../../i18n";
import { regencyName } from "../../lib/regions";
import { subsectorName } from "../../lib/subsectors";
import { shortDateTimes } from "../../lib/time";
import type { Principal } from "../../base/context/principal";
import type { FormErrors } from "../../base/views/form";
import { StaffLayout } from "../../base/views/staff-layout";
import type { LeadRow } from "./leads.query";
import { UNASSIGNED, type HistoryEntry } from "./leads.service";
import { Contact, LEADS_CSS, LeadHeading, localPhone, statusLabel, UpdateForm, type Assignable } from "./lead-parts.views";
import { Style } from "../../base/views/style";
import { ENROLLMENT_CSS, EnrollmentSections, type LeadEnrollment } from "./enrollment.views";

/** Notices after an enrollment action (`?done=`), from a fixed list so the URL cannot inject text. */
const DONE = ["allocated", "released", "enrolled"] as const;

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
  enrollment: LeadEnrollment;
  done?: string;
}) {
  const { lang, lead, event } = p;
  const r = lead.registration;
  const when = shortDateTimes(event.timezone, lang);
  const bpjs = (BPJS_STATUSES as readonly string[]).includes(r.bpjsStatus) ? t(lang, `signup.bpjs.${r.bpjsStatus}`) : r.bpjsStatus;
  const fact = (label: PlainKey, value: unknown) => (
    <>
      <dt>{t(lang, label)}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <StaffLayout lang={lang} title={`${r.name ?? ""} · ${t(lang, "leads.title")}`} staff={p.staff} head={<Style css={LEADS_CSS + ENROLLMENT_CSS} />}>
      <p>
        <a href={`/staff/leads?event=${encodeURIComponent(event.slug)}`}>{t(lang, "leads.back")}</a>
      </p>
      {DONE.includes(p.done as (typeof DONE)[number]) ? (
        <p class="flash" role="status">
          {t(lang, `desk.${p.done as (typeof DONE)[number]}`)}
        </p>
      ) : null}
      <article class={p.saved ? "lead saved" : "lead"} id={`lead-${r.id}`}>
        <LeadHeading lang={lang} lead={lead} saved={p.saved} level="h1" />
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
          {r.guardianConsentAt ? fact("leads.field.guardian", t(lang, "leads.guardianAgreed", { name: r.guardianName ?? "—", time: when(r.guardianConsentAt) })) : null}
          {fact("leads.field.notice", r.noticeVersion)}
        </dl>
        <Contact lang={lang} lead={lead} event={event} />
        {p.errors && Object.keys(p.errors).length ? (
          <p class="alert" role="alert">
            {t(lang, "error.formHasErrors")}
          </p>
        ) : null}
        <UpdateForm lang={lang} lead={lead} assignable={p.assignable} back={`/staff/leads/${r.id}`} note={p.note} errors={p.errors} />
        <EnrollmentSections lang={lang} leadId={r.id} e={p.enrollment} />
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
