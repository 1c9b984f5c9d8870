/**
 * An export that fails half-way is still audited, with the rows sent and the kind of failure.
 * (workerd logs the broken stream as "Uncaught (in promise) Error: lead export failed": expected.)
 */
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { call, makeEvent } from "../helpers";
import { T0 } from "./fixtures";

let eventId: number;

beforeAll(async () => {
  eventId = (await makeEvent("lf-fail")).id;
  await env.DB.prepare(
    `with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000)
     insert into registrations (event_id, name, search_name, phone, regency, occupation, interests, consent_at, consent_purposes, notice_version, contact_consent_at, created_at)
     select ?1, 'Peserta ' || i, 'peserta ' || i, '+62815' || printf('%08d', i), '53.71', 'kriya', '[]', ?2 + i, '[]', '1', ?2 + i, ?2 + i from n`,
  )
    .bind(eventId, T0)
    .run();
});

it("records a failed export as failed, with the rows it sent; the stream breaks with an error that quotes nothing", async () => {
  // a search for a name: the failed query's own message would quote it
  const res = await call("/api/v1/events/lf-fail/leads.csv?q=Peserta");
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  reader.closed.catch(() => undefined);
  await reader.read(); // the header
  await reader.read(); // the first page
  // the database fails under the export: the next page's query cannot run
  await env.DB.prepare("alter table booth_visits rename to booth_visits_gone").run();
  let failure: unknown;
  try {
    for (;;) if ((await reader.read()).done) break;
  } catch (err) {
    failure = err;
  } finally {
    await env.DB.prepare("alter table booth_visits_gone rename to booth_visits").run();
  }
  expect(failure).toBeInstanceOf(Error);
  expect(String((failure as Error).message)).toBe("lead export failed");
  const audit = await env.DB.prepare("select detail from audit_log where action = 'leads.export' and event_id = ?").bind(eventId).first<{ detail: string }>();
  expect(JSON.parse(audit!.detail)).toEqual({ format: "csv", filter: { q: "(text)" }, nik: "masked", rows: 2000, state: "failed", error: "Error" });
});
