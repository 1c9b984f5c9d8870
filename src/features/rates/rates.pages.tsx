/** `/staff/rates`: the admin's page for the contribution tables, validated by the API's own schemas. */
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { staffPage } from "../../base/auth/guards";
import type { AppEnv } from "../../base/context/env";
import { BandInputSchema, DiscountInputSchema, RateInputSchema } from "../../base/contributions/rates.schema";
import { createRateRow, deleteRateRow, rateTables, updateRateRow, type RateTable } from "../../base/contributions/rates.service";
import { readForm, refusedFields } from "../../base/http/read-form";
import { formErrors } from "../../base/http/validation";
import { errorPage } from "../../base/views/error-page";
import type { FormValues } from "../../base/views/form";
import { t } from "../../i18n";
import { FIELDS, RatesPage, type Editing } from "./rates.views";

/** Mounted at `/staff/rates`. */
export const ratesPages = new Hono<AppEnv>();

const SCHEMAS = { rates: RateInputSchema, bands: BandInputSchema, discounts: DiscountInputSchema } as const;
const isTable = (x: string | undefined): x is RateTable => x === "rates" || x === "bands" || x === "discounts";

async function render(c: Context<AppEnv>, editing: Editing = null, status: ContentfulStatusCode = 200) {
  const { lang, staff, db } = c.var;
  return c.html(<RatesPage lang={lang} staff={staff} tables={await rateTables(db)} editing={editing} done={c.req.query("done")} />, status);
}

/** The fields of `table` from a form; the checks field always as a list. */
function input(table: RateTable, values: FormValues) {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS[table]) out[f.name] = f.kind === "checks" ? (values[f.name] ?? []) : values[f.name];
  return out;
}

ratesPages.get("/", staffPage("rates.manage"), (c) => render(c));

async function save(c: Context<AppEnv>, id: number | null) {
  const table = c.req.param("table");
  if (!isTable(table)) return errorPage(c, 404, t(c.var.lang, "error.notFound"));
  const values = await readForm(c);
  const parsed = SCHEMAS[table].safeParse(input(table, values));
  if (!parsed.success) return render(c, { table, id, values, errors: formErrors(parsed.error.issues, c.var.lang, true) }, 422);
  try {
    if (id === null) await createRateRow(c.var.db, c.var.staff, table, parsed.data as never);
    else await updateRateRow(c.var.db, c.var.staff, table, id, parsed.data as never);
  } catch (err) {
    const refused = refusedFields(err, c.var.lang);
    if (!refused) throw err;
    return render(c, { table, id, values, errors: refused.errors }, refused.status);
  }
  return c.redirect(`/staff/rates?done=saved#${table}`, 303);
}

ratesPages.post("/:table", staffPage("rates.manage"), (c) => save(c, null));
ratesPages.post("/:table/:id{[0-9]{1,9}}", staffPage("rates.manage"), (c) => save(c, Number(c.req.param("id"))));
ratesPages.post("/:table/:id{[0-9]{1,9}}/delete", staffPage("rates.manage"), async (c) => {
  const table = c.req.param("table");
  if (!isTable(table)) return errorPage(c, 404, t(c.var.lang, "error.notFound"));
  await deleteRateRow(c.var.db, c.var.staff, table, Number(c.req.param("id")));
  return c.redirect(`/staff/rates?done=saved#${table}`, 303);
});
