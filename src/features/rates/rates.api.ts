/** `/api/v1/contributions…`: the contribution tables (rates, income bands, discounts), a month's figures, and the admin's changes. */
import { z } from "@hono/zod-openapi";
import {
  BandInputSchema,
  BreakdownSchema,
  CalculateQuery,
  DiscountInputSchema,
  RateInputSchema,
  RateTablesSchema,
} from "../../base/contributions/rates.schema";
import { breakdownToApi, contributionFor, createRateRow, deleteRateRow, rateTables, tablesToApi, updateRateRow, type RateTable } from "../../base/contributions/rates.service";
import { invalid, notFound } from "../../base/http/problem";
import { msg } from "../../i18n";
import { createApi, jsonBody, jsonResponse, problems, staffRoute } from "../../base/openapi/openapi";
import { dayInZone } from "../../lib/time";

export const ratesApi = createApi();

ratesApi.openapi(
  staffRoute("events.read", {
    method: "get",
    path: "/contributions",
    summary: "The BPJS Ketenagakerjaan contribution tables for BPU workers: rates, income bands and discounts, with their validity dates",
    responses: { 200: jsonResponse(RateTablesSchema, "The tables") },
  }),
  async (c) => c.json(tablesToApi(await rateTables(c.var.db)), 200),
);

ratesApi.openapi(
  staffRoute("events.read", {
    method: "get",
    path: "/contributions/breakdown",
    summary: "A month's contributions for an income band, a payer and a day (JKK + JKM, and with JHT; the discount in force applied)",
    description: "`base` must be the base of a band in force on the day (422 naming `base` otherwise); left out, the lowest band.",
    request: { query: CalculateQuery },
    responses: { 200: jsonResponse(BreakdownSchema, "The figures"), 404: problems[404], 422: problems[422] },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const found = contributionFor(await rateTables(c.var.db), q.on ?? dayInZone(new Date(), "Asia/Makassar"), q.payer, q.base);
    if (!found) throw notFound("contrib.unavailable");
    // a base asked for must be a band in force that day: never the figures of another band
    if (q.base !== undefined && found.breakdown.base !== q.base) throw invalid({ base: msg("enrol.bandUnknown") });
    return c.json(breakdownToApi(found.breakdown, q.payer), 200);
  },
);

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" } }) });
const Created = z.object({ id: z.int() });

/** Create, replace and delete routes for one table. */
function editable<T extends RateTable>(table: T, input: z.ZodType, what: string) {
  ratesApi.openapi(
    staffRoute("rates.manage", {
      method: "post",
      path: `/contributions/${table}`,
      summary: `Add ${what} (audited)`,
      request: jsonBody(input),
      responses: { 201: jsonResponse(Created, "Its id"), 422: problems[422] },
    }),
    async (c) => c.json({ id: await createRateRow(c.var.db, c.var.staff, table, c.req.valid("json") as never) }, 201),
  );
  ratesApi.openapi(
    staffRoute("rates.manage", {
      method: "put",
      path: `/contributions/${table}/{id}`,
      summary: `Replace ${what} (audited)`,
      request: { params: IdParam, ...jsonBody(input) },
      responses: { 204: { description: "Replaced" }, 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      await updateRateRow(c.var.db, c.var.staff, table, c.req.valid("param").id, c.req.valid("json") as never);
      return c.body(null, 204);
    },
  );
  ratesApi.openapi(
    staffRoute("rates.manage", {
      method: "delete",
      path: `/contributions/${table}/{id}`,
      summary: `Remove ${what} (audited)`,
      request: { params: IdParam },
      responses: { 204: { description: "Removed" }, 404: problems[404] },
    }),
    async (c) => {
      await deleteRateRow(c.var.db, c.var.staff, table, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
}

editable("rates", RateInputSchema, "a programme's rate for a period");
editable("bands", BandInputSchema, "an income band");
editable("discounts", DiscountInputSchema, "a discount");
