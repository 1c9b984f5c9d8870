/**
 * A person under 18 cannot give the contact opt-in alone (UU PDP art. 25: children's data needs a parent's or
 * guardian's consent). The age comes from the birth date or the NIK; the form says so kindly and keeps the answers.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { signupSchema } from "../../src/base/registration/registration.schema";
import { call, codeFrom, count, formBody, makeEvent, ORIGIN, postForm, validSignup } from "../helpers";

const EV = "minors";
const year = new Date().getUTCFullYear();
// far from any birthday boundary: the day of the test never decides these
const sixteen = `${year - 16}-01-15`;
const thirty = `${year - 30}-01-15`;
const sixteenNik = `53710115${"01"}${String((year - 16) % 100).padStart(2, "0")}0001`.replace(/^(\d{6})(\d{2})(\d{2})/, "$1$2$3");

const row = (phone: string) =>
  env.DB.prepare("select contact_consent_at, consent_purposes, guardian_name, guardian_consent_at from registrations where phone = ?").bind(phone).first<Record<string, unknown>>();

beforeAll(async () => {
  await makeEvent(EV);
});

describe("the signup form and a minor's contact opt-in", () => {
  it("refuses the opt-in of a 16-year-old alone, kindly, with the answers kept and the guardian's fields open", async () => {
    const res = await postForm(`/e/${EV}`, validSignup({ name: "Yakobus Muda", phone: "081700000001", birth_date: sixteen }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Karena Anda belum berumur 18 tahun, orang tua atau wali perlu ikut setuju");
    expect(html).toContain("Atau hapus centang");
    expect(html).toContain('value="Yakobus Muda"');
    expect(html).toMatch(/<details class="guardian" open="">/);
    expect(html).toContain('id="guardian_name"');
    expect(await count("registrations", "phone = ?", "+6281700000001")).toBe(0);
  });

  it("reads the age from the NIK when no birth date is given", async () => {
    expect(sixteenNik).toMatch(/^\d{16}$/);
    const res = await postForm(`/e/${EV}`, validSignup({ phone: "081700000002", nik: sixteenNik }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("belum berumur 18 tahun");
  });

  it("takes the opt-in with a guardian's name and consent, recording who agreed and when", async () => {
    const res = await postForm(`/e/${EV}`, validSignup({ phone: "081700000003", birth_date: sixteen, guardian_name: "Maria Bili (ibu)", guardian_consent: "yes" }));
    expect(res.status).toBe(303);
    const r = (await row("+6281700000003"))!;
    expect(r.guardian_name).toBe("Maria Bili (ibu)");
    expect(r.guardian_consent_at).toBeTypeOf("number");
    expect(r.contact_consent_at).toBe(r.guardian_consent_at);
    expect(JSON.parse(r.consent_purposes as string)).toEqual(["event_registration", "enrollment_contact"]);
  });

  it("asks for the guardian's name too when only the consent is ticked", async () => {
    const res = await postForm(`/e/${EV}`, validSignup({ phone: "081700000004", birth_date: sixteen, guardian_consent: "yes" }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Tulis nama orang tua atau wali yang setuju.");
  });

  it("registers a minor who leaves the opt-in off: a ticket, no lead, no guardian stored", async () => {
    const res = await postForm(`/e/${EV}`, validSignup({ phone: "081700000005", birth_date: sixteen, contact_ok: "" }));
    expect(res.status).toBe(303);
    expect(await row("+6281700000005")).toMatchObject({ contact_consent_at: null, guardian_name: null, guardian_consent_at: null });
  });

  it("keeps no guardian's name for an adult who filled it in", async () => {
    const res = await postForm(`/e/${EV}`, validSignup({ phone: "081700000006", birth_date: thirty, guardian_name: "Someone", guardian_consent: "yes" }));
    expect(res.status).toBe(303);
    expect(await row("+6281700000006")).toMatchObject({ guardian_name: null, guardian_consent_at: null });
    expect((await row("+6281700000006"))!.contact_consent_at).toBeTypeOf("number");
  });

  it("says it in English too", async () => {
    const res = await postForm(`/e/${EV}`, validSignup({ phone: "081700000007", birth_date: sixteen, lang: "en" }));
    expect(await res.text()).toContain("As you are under 18, a parent or guardian needs to agree");
  });

  it("withdraws the opt-in when a correction shows it was a child's alone", async () => {
    const code = codeFrom(await postForm(`/e/${EV}`, validSignup({ phone: "081700000009", birth_date: thirty })));
    const fix = await call(`/t/${code}/me/edit`, {
      token: null,
      method: "POST",
      body: formBody({ name: "Maria Bili", phone: "081700000009", regency: "53.71", occupation: "kriya", bpjs_status: "none", interests: ["jkk", "jkm"], birth_date: sixteen }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    });
    expect(fix.status).toBe(303);
    const r = (await row("+6281700000009"))!;
    expect(r.contact_consent_at).toBeNull();
    expect(JSON.parse(r.consent_purposes as string)).toEqual(["event_registration"]);
    const audit = await env.DB.prepare("select detail from audit_log where action = 'registration.correct' order by id desc limit 1").first<string>("detail");
    expect(JSON.parse(audit!).fields).toEqual(["birth_date", "contact_ok"]);
  });

  it("holds at the door as well: a walk-in's opt-in follows the same rule", async () => {
    const res = await call(`/api/v1/events/${EV}/walkins`, { json: { ...validSignup({ phone: "081700000008", birth_date: sixteen }), gate: "Pintu 1" } });
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: Record<string, string> }>()).errors.contact_ok).toContain("18");
  });
});

describe("the age rule on its boundary, judged on the day the schema is given", () => {
  const parse = (birth: string, today: string, extra: Record<string, string> = {}) =>
    signupSchema([], today).safeParse({ name: "A", phone: "081700009999", regency: "53.71", occupation: "kriya", consent: "yes", contact_ok: "yes", birth_date: birth, ...extra });
  it("treats the 18th birthday as adult, the day before as a minor, and a leap-day birthday on 1 March", () => {
    expect(parse("2008-12-05", "2026-12-05").success).toBe(true);
    expect(parse("2008-12-06", "2026-12-05").success).toBe(false);
    expect(parse("2008-02-29", "2026-02-28").success).toBe(false);
    expect(parse("2008-02-29", "2026-03-01").success).toBe(true);
    // the NIK's hidden birth date counts the same (a woman born 6 December 2008: day + 40)
    expect(parse("", "2026-12-05", { nik: "5371014612080001" }).success).toBe(false);
    expect(parse("", "2026-12-06", { nik: "5371014612080001" }).success).toBe(true);
  });
});
