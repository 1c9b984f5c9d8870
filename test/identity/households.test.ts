/**
 * A registration is a person (phone AND folded name): a household shares one
 * phone, the holder's browser updates its own person, a stranger who knows the
 * number and the name learns nothing and changes nothing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, count, experienceQuestion, makeBooth, makeEvent, postForm, validSignup } from "../helpers";

beforeAll(async () => {
  await makeEvent("hhx", { questions: [experienceQuestion(true), { key: "brand", type: "text", required: false, label: { id: "Nama usaha", en: "Business" } }] });
  await makeBooth("hhx", "bpjs", "BPJS Ketenagakerjaan");
  await makeBooth("hhx", "tenun", "Tenun Ikat");
});

/** The ticket cookie a response set (`kf_ticket=…`), to send back as that browser would. */
function ticketCookie(res: Response): string {
  const m = /kf_ticket=([^;]*)/.exec(res.headers.get("set-cookie") ?? "");
  if (!m) throw new Error("no ticket cookie");
  return `kf_ticket=${m[1]}`;
}

const mother = (extra = {}) =>
  validSignup({ name: "Maria Bili", phone: "0812-7000-0001", occupation: "kriya", contact_ok: "yes", email: "maria.tenun@example.id", experience: "gt1", brand: "Tenun Ina Maria", ...extra });
const row = (id: number) => env.DB.prepare("select * from registrations where id = ?").bind(id).first<Record<string, unknown>>();

describe("a household on one phone", () => {
  it("gives two names two registrations, two tickets and two leads, each with its own answers and consent", async () => {
    const first = await postForm("/e/hhx/bpjs", mother());
    const motherCode = codeFrom(first);
    const cookie = ticketCookie(first);
    // the browser that holds her ticket offers to register someone else, plainly
    const form = await (await call("/e/hhx", { token: null, headers: { cookie } })).text();
    expect(form).toContain("Formulir ini untuk mendaftarkan orang lain");
    const second = await postForm("/e/hhx/tenun", validSignup({ name: "Yosef Bili", phone: "+62 812 7000 0001", occupation: "musik", contact_ok: "", experience: "lt1" }), { cookie });
    const fatherCode = codeFrom(second);
    expect(fatherCode).not.toBe(motherCode);
    // the browser now holds both tickets
    expect(ticketCookie(second)).toContain(motherCode);
    expect(ticketCookie(second)).toContain(fatherCode);

    const people = (await env.DB.prepare("select id, name, occupation, contact_consent_at, email from registrations where phone = ? order by id").bind("+6281270000001").all()).results;
    expect(people).toHaveLength(2);
    expect(people[0]).toMatchObject({ name: "Maria Bili", occupation: "kriya", email: "maria.tenun@example.id" });
    expect(people[0]!.contact_consent_at).not.toBeNull();
    expect(people[1]).toMatchObject({ name: "Yosef Bili", occupation: "musik", contact_consent_at: null });
    expect(await count("tickets", "registration_id in (select id from registrations where phone = ?)", "+6281270000001")).toBe(2);
    // her lead is still there, his is not one (no opt-in)
    const leads = await call("/api/v1/events/hhx/leads");
    const names = ((await leads.json()) as { leads: { name: string }[] }).leads.map((l) => l.name);
    expect(names).toContain("Maria Bili");
    expect(names).not.toContain("Yosef Bili");

    // at the next booth the browser offers each person a tap
    const prompt = await (await call("/e/hhx/tenun", { token: null, headers: { cookie: ticketCookie(second) } })).text();
    expect(prompt).toContain("Maria Bili");
    expect(prompt).toContain("Yosef Bili");
  });

  it("lets the holder's browser update its own person (name folded: case, spacing, accents) and keep the ticket", async () => {
    const first = await postForm("/e/hhx/bpjs", mother({ phone: "081270000002", name: "Agustínus da Costa" }));
    const code = codeFrom(first);
    const again = await postForm("/e/hhx/tenun", mother({ phone: "081270000002", name: "  agustinus   DA costa", occupation: "fesyen", brand: "" }), { cookie: ticketCookie(first) });
    expect(codeFrom(again)).toBe(code);
    const rows = (await env.DB.prepare("select occupation, answers from registrations where phone = ?").bind("+6281270000002").all()).results;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ occupation: "fesyen" });
  });

  it("refuses on the name field, never a 500, when the holder's name is already another row's on that phone (a row folded the old way)", async () => {
    const first = await postForm("/e/hhx/bpjs", mother({ phone: "081270000090", name: "María Bili" }));
    const cookie = ticketCookie(first);
    // as migration 0003 left rows older than 0001: lower(trim(name)), accents kept
    await env.DB.prepare("update registrations set search_name = 'maría bili' where phone = ?").bind("+6281270000090").run();
    // another browser writes the same person folded today's way: a second row on that phone
    expect((await postForm("/e/hhx", mother({ phone: "081270000090", name: "Maria Bili" }))).status).toBe(303);
    const again = await postForm("/e/hhx", mother({ phone: "081270000090", name: "María Bili", brand: "Tenun Baru" }), { cookie });
    expect(again.status).toBe(422);
    const html = await again.text();
    expect(html).toContain("Di nomor HP ini sudah terdaftar orang lain dengan nama ini.");
    expect(html).toContain('value="Tenun Baru"');
    // nothing of hers changed
    const rows = (await env.DB.prepare("select name, answers from registrations where phone = ? order by id").bind("+6281270000090").all()).results;
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows[0]!.answers)).toContain("Tenun Ina Maria");
  });
});

describe("a stranger who knows the phone and the name", () => {
  it("is told only that the person is registered: no ticket, no answers, no cookie, nothing changed; the booth visit is recorded", async () => {
    const first = await postForm("/e/hhx/bpjs", mother({ phone: "081270000003", birth_date: "1990-02-03" }));
    const code = codeFrom(first);
    const id = (await env.DB.prepare("select id from registrations where phone = ?").bind("+6281270000003").first<{ id: number }>())!.id;
    const before = await row(id);

    // a fresh browser (no cookie), the same person once folded, other answers
    const res = await postForm("/e/hhx/tenun", mother({ phone: "0812 7000 0003", name: "MARIA  BILI", occupation: "musik", email: "stranger@example.id", contact_ok: "", brand: "x" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("set-cookie") ?? "").not.toContain("kf_ticket");
    const html = await res.text();
    expect(html).toContain("Sudah terdaftar");
    expect(html).toContain('action="/e/hhx/resend"');
    for (const secret of [code, "maria.tenun@example.id", "Tenun Ina Maria", "1990-02-03", "kriya", "Kriya", "BPJS Ketenagakerjaan"]) expect(html).not.toContain(secret);

    const after = await row(id);
    expect(after).toEqual(before);
    expect(await count("registrations", "phone = ?", "+6281270000003")).toBe(1);
    expect(await count("booth_visits", "registration_id = ?", id)).toBe(2);
  });

  it("holding someone else's ticket does not make a browser the holder of another person", async () => {
    const a = await postForm("/e/hhx/bpjs", mother({ phone: "081270000004", name: "Ina Lapu" }));
    const other = await postForm("/e/hhx/bpjs", mother({ phone: "081270000005", name: "Sofia Ndun" }));
    const id = (await env.DB.prepare("select id from registrations where phone = ?").bind("+6281270000004").first<{ id: number }>())!.id;
    const before = await row(id);
    const res = await postForm("/e/hhx/bpjs", mother({ phone: "081270000004", name: "Ina Lapu", occupation: "musik" }), { cookie: ticketCookie(other) });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(codeFrom(a));
    expect(await row(id)).toEqual(before);
  });

  it("with another name on the same phone is another person, never an edit of the first", async () => {
    codeFrom(await postForm("/e/hhx/bpjs", mother({ phone: "081270000006" })));
    codeFrom(await postForm("/e/hhx/bpjs", mother({ phone: "081270000006", name: "Maria Bili Dua", occupation: "musik" })));
    const rows = (await env.DB.prepare("select name, occupation from registrations where phone = ? order by id").bind("+6281270000006").all()).results;
    expect(rows).toEqual([
      { name: "Maria Bili", occupation: "kriya" },
      { name: "Maria Bili Dua", occupation: "musik" },
    ]);
  });
});
