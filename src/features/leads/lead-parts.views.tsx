/** What the enrollment desk's list and lead page share: the CSS, the lead's heading, contact buttons and the follow-up form. */
import type { Child } from "hono/jsx";
import type { Event, FollowupStatus } from "../../db/schema";
import { FOLLOWUP_STATUSES } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { whatsappLink } from "../../lib/phone";
export { localPhone } from "../../lib/phone";
import { SelectField, TextField, type FormErrors, type Option } from "../../base/views/form";
import type { LeadRow } from "./leads.query";

export const LEADS_CSS = `.filters{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));align-items:end}
.filters label{margin:.5rem 0 .2rem}details.more{margin:.4rem 0}details.more summary{cursor:pointer;padding:.4rem 0;font-weight:600;color:#0645ad}.filters .go{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;padding-top:.5rem}
.chips{display:flex;flex-wrap:wrap;gap:.4rem;margin:.8rem 0;padding:0;list-style:none}
.chips a{display:inline-block;padding:.3rem .7rem;border:2px solid #0b3d2e;border-radius:1rem;text-decoration:none;color:#0b3d2e}
.chips a[aria-current]{background:#0b3d2e;color:#fff}
.lead{border:2px solid #bbb;border-radius:8px;padding:.6rem .8rem;margin:.8rem 0;overflow-wrap:anywhere}
.lead.saved{border-color:#0b6e4f}
.lead h2,.lead h1{margin:0;font-size:1.1rem;display:flex;flex-wrap:wrap;gap:.3rem .6rem;align-items:center}.lead h1{font-size:1.45rem}
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

export const statusLabel = (lang: Lang, s: FollowupStatus) => t(lang, `leads.status.${s}`);


/** A wa.me link with a greeting in the lead's language naming them and the fair. */
export function greetingLink(lead: LeadRow, event: Event): string {
  const r = lead.registration;
  const lang: Lang = r.lang === "en" ? "en" : "id";
  return whatsappLink(r.phone ?? "", t(lang, "leads.greeting", { name: r.name ?? "", event: event.name }));
}

export type Assignable = { id: number; name: string; role: string };

/** One form records the outcome: a status, a note, who handles the lead. */
export function UpdateForm(p: { lang: Lang; lead: LeadRow; assignable: Assignable[]; back: string; note?: string; errors?: FormErrors }) {
  const r = p.lead.registration;
  const errors = p.errors ?? {};
  // one form per lead on the list: ids carry the lead's id
  const id = (name: string) => `lead-${r.id}-${name}`;
  return (
    <form method="post" action={`/staff/leads/${r.id}`} class="update">
      <input type="hidden" name="back" value={p.back} />
      <SelectField
        name="status"
        id={id("status")}
        label={t(p.lang, "leads.filter.status")}
        options={FOLLOWUP_STATUSES.map((s): Option => [s, statusLabel(p.lang, s)])}
        values={{ status: r.followupStatus }}
        errors={errors}
      />
      <TextField
        name="note"
        id={id("note")}
        label={t(p.lang, "leads.addNote")}
        values={{ note: p.note ?? "" }}
        errors={errors}
        attrs={{ maxlength: 1000, placeholder: t(p.lang, "leads.notePlaceholder") }}
      />
      <SelectField
        name="assignee_id"
        id={id("assignee")}
        label={t(p.lang, "leads.assignee")}
        options={p.assignable.map((s): Option => [String(s.id), s.name])}
        blank={t(p.lang, "leads.nobody")}
        values={{ assignee_id: r.assigneeId == null ? "" : String(r.assigneeId) }}
        errors={{ ...errors, assignee_id: errors.assignee_id ?? errors._ ?? "" }}
      />
      <button type="submit">{t(p.lang, "leads.save")}</button>
    </form>
  );
}

/** The lead's name, status, and "saved" after a change. */
/** The lead's name and status: a card's heading in the list (h2), the page's own on its detail page (h1). */
export function LeadHeading(p: { lang: Lang; lead: LeadRow; saved: boolean; level?: "h1" | "h2" }) {
  const r = p.lead.registration;
  const H = p.level ?? "h2";
  return (
    <H>
      <span>{r.name}</span>
      <span class={`badge st-${r.followupStatus}`}>{statusLabel(p.lang, r.followupStatus)}</span>
      {p.saved ? (
        <span class="badge st-enrolled" role="status">
          {t(p.lang, "leads.saved")}
        </span>
      ) : null}
    </H>
  );
}

/** WhatsApp with a greeting, and a call, in one tap each. */
export function Contact(p: { lang: Lang; lead: LeadRow; event: Event; children?: Child }) {
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

