/** The leads outputs follow the person's choices: a withdrawal or an erasure removes them from all of them at once. */
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, formBody, makeEvent, ORIGIN, postForm, staffGet, staffSession, validSignup } from "../helpers";
import { parseCsv, unzip } from "./fixtures";

const EV = "lw-choice";
let ina: { code: string; id: number };
let yosef: { code: string; id: number };

async function signup(phone: string, name: string) {
  const code = codeFrom(await postForm(`/e/${EV}`, validSignup({ phone, name })));
  const list = await (await call(`/api/v1/events/${EV}/leads?q=${encodeURIComponent(name)}`)).json<{ leads: { id: number }[] }>();
  return { code, id: list.leads[0]!.id };
}

/** Every place a lead shows up, as text. */
async function everyOutput() {
  const csv = parseCsv(new Uint8Array(await (await call(`/api/v1/events/${EV}/leads.csv?include=nik`)).arrayBuffer())).text;
  const xlsx = unzip(new Uint8Array(await (await call(`/api/v1/events/${EV}/leads.xlsx`)).arrayBuffer())).get("xl/worksheets/sheet1.xml")!;
  const json = await (await call(`/api/v1/events/${EV}/leads?limit=200`)).text();
  const page = await (await staffGet(`/staff/leads?event=${EV}`, await staffSession())).text();
  return { csv, xlsx, json, page };
}

beforeAll(async () => {
  await makeEvent(EV);
  ina = await signup("081366660001", "Ina Ndolu");
  yosef = await signup("081366660002", "Yosef Bria");
});

describe("a person's choices reach every lead output", () => {
  it("lists both while they agree to be contacted", async () => {
    for (const [where, text] of Object.entries(await everyOutput())) {
      expect(text, where).toContain("Ina Ndolu");
      expect(text, where).toContain("Yosef Bria");
    }
  });

  it("drops a person from the CSV, XLSX, list and page as soon as they withdraw the contact opt-in on their ticket", async () => {
    const res = await call(`/t/${ina.code}/me/contact`, {
      token: null,
      method: "POST",
      body: formBody({ lang: "id" }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    });
    expect(res.status).toBe(303);
    for (const [where, text] of Object.entries(await everyOutput())) {
      expect(text, where).not.toContain("Ina Ndolu");
      expect(text, where).toContain("Yosef Bria");
    }
    expect((await call(`/api/v1/leads/${ina.id}`)).status).toBe(404);
    expect((await call(`/api/v1/leads/${ina.id}`, { method: "PATCH", json: { status: "contacted" } })).status).toBe(404);
  });

  it("drops a person erased on request by staff", async () => {
    expect((await call(`/api/v1/registrations/${yosef.id}`, { method: "DELETE" })).status).toBeLessThan(300);
    for (const [where, text] of Object.entries(await everyOutput())) expect(text, where).not.toContain("Yosef Bria");
    expect((await call(`/api/v1/leads/${yosef.id}`)).status).toBe(404);
    expect((await staffGet(`/staff/leads/${yosef.id}`, await staffSession())).status).toBe(404);
  });
});
