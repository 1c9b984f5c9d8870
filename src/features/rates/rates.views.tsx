/**
 * `/staff/rates`: the contribution tables as rows of small forms, one per row,
 * and a blank row to add one. When a regulation changes, an admin closes the old
 * row (its last day) and adds the new one from its first day.
 */
import type { RateTable } from "../../base/contributions/rates.service";
import { PAYERS } from "../../base/contributions/rates.schema";
import { ErrorText, errorAttrs, FormAlert, Options, type FormErrors, type FormValues, type Option, many, one } from "../../base/views/form";
import { StaffLayout } from "../../base/views/staff-layout";
import type { Principal } from "../../base/context/principal";
import { CONTRIBUTION_PROGRAMMES, RATE_KINDS, SECTORS } from "../../db/schema/contributions";
import { t, type Lang, type PlainKey } from "../../i18n";
import type { RateTables } from "../../lib/contributions";

type Field = { name: string; label: PlainKey; kind: "text" | "number" | "date" | "select" | "checks"; options?: readonly string[] };

// every table's rows hold for a period and name the regulation they come from
const PERIOD: Field[] = [
  { name: "valid_from", label: "rates.validFrom", kind: "date" },
  { name: "valid_to", label: "rates.validTo", kind: "date" },
];
const SOURCE: Field = { name: "source", label: "rates.source", kind: "text" };

export const FIELDS: Record<RateTable, Field[]> = {
  rates: [
    { name: "programme", label: "rates.programme", kind: "select", options: CONTRIBUTION_PROGRAMMES },
    { name: "kind", label: "rates.kind", kind: "select", options: RATE_KINDS },
    { name: "amount", label: "rates.amount", kind: "number" },
    ...PERIOD,
    SOURCE,
  ],
  bands: [
    { name: "base", label: "rates.base", kind: "number" },
    { name: "income_from", label: "rates.incomeFrom", kind: "number" },
    { name: "income_to", label: "rates.incomeTo", kind: "number" },
    ...PERIOD,
    SOURCE,
  ],
  discounts: [
    { name: "name", label: "rates.name", kind: "text" },
    ...PERIOD,
    { name: "sector", label: "rates.sector", kind: "select", options: SECTORS },
    { name: "jkk_percent", label: "rates.jkkPercent", kind: "number" },
    { name: "jkm_percent", label: "rates.jkmPercent", kind: "number" },
    { name: "jht_percent", label: "rates.jhtPercent", kind: "number" },
    { name: "excluded_payers", label: "rates.excludedPayers", kind: "checks", options: PAYERS },
    SOURCE,
  ],
};

/** A saved row as its form shows it (the API's field names). */
export function rowToForm(table: RateTable, row: Record<string, unknown>): FormValues {
  const v: FormValues = {};
  const snake = (k: string) => k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
  for (const [k, value] of Object.entries(row)) {
    const name = snake(k);
    if (!FIELDS[table].some((f) => f.name === name)) continue;
    v[name] = Array.isArray(value) ? value.map(String) : value === null || value === undefined ? "" : String(value);
  }
  return v;
}

/** The form of one row: its fields in a line that wraps, save (and remove, for a saved row). */
function RowForm(p: { lang: Lang; table: RateTable; id: number | null; values: FormValues; errors: FormErrors }) {
  const { lang, table } = p;
  const key = `${table}-${p.id ?? "new"}`;
  const action = p.id === null ? `/staff/rates/${table}` : `/staff/rates/${table}/${p.id}`;
  return (
    <div class="rate-row" id={key}>
      <form method="post" action={action} class="rate-fields">
        {FIELDS[table].map((f) => {
          const id = `${key}-${f.name}`;
          const err = p.errors[f.name];
          if (f.kind === "checks") {
            return (
              <fieldset {...errorAttrs(id, err)}>
                <legend>{t(lang, f.label)}</legend>
                {f.options!.map((o) => (
                  <label class="check">
                    <input type="checkbox" name={f.name} value={o} checked={many(p.values[f.name]).includes(o)} />
                    {o}
                  </label>
                ))}
                <ErrorText id={id} msg={err} />
              </fieldset>
            );
          }
          return (
            <div>
              <label for={id}>{t(lang, f.label)}</label>
              {f.kind === "select" ? (
                <select id={id} name={f.name} {...errorAttrs(id, err)}>
                  <Options options={f.options!.map((o): Option => [o, o])} current={one(p.values[f.name])} />
                </select>
              ) : (
                <input id={id} name={f.name} type={f.kind} value={one(p.values[f.name])} inputmode={f.kind === "number" ? "numeric" : undefined} {...errorAttrs(id, err)} />
              )}
              <ErrorText id={id} msg={err} />
            </div>
          );
        })}
        <button type="submit">{t(lang, p.id === null ? "rates.add" : "console.save")}</button>
      </form>
      {p.id !== null ? (
        <form method="post" action={`/staff/rates/${table}/${p.id}/delete`}>
          <button type="submit" class="btn alt">
            {t(lang, "rates.remove")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

const CSS = `.rate-row{border:1px solid #bbb;border-radius:8px;padding:.4rem .6rem;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
.rate-fields{display:flex;flex-wrap:wrap;gap:.3rem .8rem;align-items:end;flex:1 1 100%}.rate-fields>div{flex:1 1 9rem}.rate-fields label{margin:.3rem 0 .1rem;font-size:.9rem}
.rate-fields fieldset{flex:1 1 100%;display:flex;flex-wrap:wrap;gap:0 1rem}.rate-fields legend{flex-basis:100%}`;

/** The one row being corrected: its values and errors replace the saved ones. */
export type Editing = { table: RateTable; id: number | null; values: FormValues; errors: FormErrors } | null;

export function RatesPage(p: { lang: Lang; staff: Principal; tables: RateTables; editing: Editing; done?: string }) {
  const { lang } = p;
  const section = (table: RateTable, title: PlainKey, hint: PlainKey, rows: readonly ({ id: number } & Record<string, unknown>)[]) => {
    const mine = (id: number | null) => (p.editing?.table === table && p.editing.id === id ? p.editing : null);
    return (
      <section id={table}>
        <h2>{t(lang, title)}</h2>
        <p class="hint">{t(lang, hint)}</p>
        {rows.map((r) => {
          const e = mine(r.id);
          return <RowForm lang={lang} table={table} id={r.id} values={e?.values ?? rowToForm(table, r)} errors={e?.errors ?? {}} />;
        })}
        <h3>{t(lang, "rates.newRow")}</h3>
        <RowForm lang={lang} table={table} id={null} values={mine(null)?.values ?? {}} errors={mine(null)?.errors ?? {}} />
      </section>
    );
  };
  return (
    <StaffLayout lang={lang} title={t(lang, "staff.nav.rates")} staff={p.staff} head={<style>{CSS}</style>}>
      <h1>{t(lang, "staff.nav.rates")}</h1>
      <p>{t(lang, "rates.intro")}</p>
      {p.done === "saved" ? (
        <p class="ok" role="status">
          {t(lang, "console.done.saved")}
        </p>
      ) : null}
      <FormAlert message={p.editing ? t(lang, "error.formHasErrors") : undefined} />
      {section("rates", "rates.rates", "rates.ratesHint", p.tables.rates as never)}
      {section("bands", "rates.bands", "rates.bandsHint", p.tables.bands as never)}
      {section("discounts", "rates.discounts", "rates.discountsHint", p.tables.discounts as never)}
    </StaffLayout>
  );
}
