/** The attendee's own data, through the real Worker: see, download, correct, withdraw the contact opt-in, erase. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, count, experienceQuestion, formBody, type FormFields, makeBooth, makeEvent, ORIGIN, postForm, untilRefused, useLink, validSignup } from "../helpers";

const NIK = "5371015203900002"; // a woman born 12-03-1990
const QUESTIONS = [
  experienceQuestion(true),
];

beforeAll(async () => {
  await makeEvent("rgt", { questions: QUESTIONS, organiser: "Dinas Pariwisata dan Ekonomi Kreatif", contact_email: "data@example.go.id" });
  await makeBooth("rgt", "bpjs", "BPJS Ketenagakerjaan");
  await makeBooth("rgt", "tenun", "Tenun Ikat");
});

const signup = (extra: FormFields = {}) => validSignup({ experience: "gt1", ...extra });

/** A same-origin form post, as the browser sends it from our own page. */
const post = (path: string, fields: FormFields, headers: Record<string, string> = {}) =>
  call(path, {
    token: null,
    method: "POST",
    body: formBody(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...headers },
  });

type Row = Record<string, unknown>;
const registrationOf = async (code: string) =>
  (await env.DB.prepare("select r.* from registrations r join tickets t on t.registration_id = r.id where t.code = ?").bind(code).first<Row>())!;

const auditOf = (regId: unknown) =>
  env.DB.prepare("select actor, action, event_id, subject, detail from audit_log where subject = ? order by id").bind(`registration:${regId}`).all<Row>().then((r) => r.results);

async function person(phone: string, extra: FormFields = {}) {
  const res = await postForm("/e/rgt/bpjs", signup({ phone, ...extra }));
  return codeFrom(res);
}

/** Admits the ticket at a gate through the real check-in API. */
async function checkIn(code: string, clientId?: string) {
  const res = await call("/api/v1/events/rgt/checkins", { json: { ticket: code, gate: "Pintu 1", client_id: clientId } });
  expect(res.status).toBe(200);
}

describe("GET /t/{code}/me: what is stored", () => {
  let code: string;
  beforeAll(async () => {
    code = await person("081355550001", { name: "Maria Goreti Bili", email: "maria@example.com", nik: NIK, birth_date: "1990-03-12" });
    // a second booth, one tap, with the ticket cookie
    const interest = await call("/e/rgt/tenun/interest", { token: null, method: "POST", headers: { cookie: `kf_ticket=${code}`, origin: ORIGIN } });
    expect(interest.status).toBe(303);
    await checkIn(code);
  });

  it("shows every stored field, the NIK masked, the consent record, booths and check-ins, never cached", async () => {
    const res = await call(`/t/${code}/me`, { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const html = await res.text();
    for (const text of [
      "Data saya",
      "Maria Goreti Bili",
      // as people write it, not E.164
      "0813-5555-0001",
      "maria@example.com",
      "Kota Kupang",
      "Kriya",
      "5371********0002",
      "1990-03-12",
      "Belum punya",
      "JKK – Jaminan Kecelakaan Kerja",
      "Lama bekerja",
      "Lebih dari 1 tahun",
      "pendaftaran dan tiket acara ini",
      "dihubungi petugas tentang BPJS Ketenagakerjaan",
      "Versi pemberitahuan privasi",
      "BPJS Ketenagakerjaan",
      "Tenun Ikat",
      "Pintu 1",
      "Belum dihubungi",
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).not.toContain(NIK);
    expect(html).toContain(`href="/t/${code}/me.json"`);
    expect(html).toContain(`action="/t/${code}/me/contact"`);
    expect(html).toContain(`href="/t/${code}/me/erase?lang=id"`);
    expect(html).not.toContain("<script");
  });

  it("stays small: under the public page budget (14 KB gzip, 30 KB raw), nothing else to load", async () => {
    const bytes = new Uint8Array(await (await call(`/t/${code}/me`, { token: null })).arrayBuffer());
    const gzip = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
    expect(bytes.byteLength).toBeLessThanOrEqual(30 * 1024);
    expect(gzip.byteLength).toBeLessThanOrEqual(14 * 1024);
    expect(new TextDecoder().decode(bytes)).not.toMatch(/<(script|img|link|iframe)\b/);
  });

  it("speaks English on request", async () => {
    const html = await (await call(`/t/${code}/me?lang=en`, { token: null })).text();
    expect(html).toContain("My data");
    expect(html).toContain("Over 1 year");
    expect(html).toContain("Delete all my data");
  });

  it("is linked from the ticket page", async () => {
    expect(await (await call(`/t/${code}`, { token: null })).text()).toContain(`href="/t/${code}/me?lang=id"`);
  });

  it("downloads as a JSON attachment holding the same data, the NIK masked", async () => {
    const res = await call(`/t/${code}/me.json`, { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="data-saya-rgt.json"');
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const text = await res.text();
    expect(text).not.toContain(NIK);
    const doc = JSON.parse(text);
    const reg = await registrationOf(code);
    expect(doc).toMatchObject({
      format: "kupang-fair/personal-data@1",
      controller: { name: "Dinas Pariwisata dan Ekonomi Kreatif", contact_email: "data@example.go.id" },
      event: { slug: "rgt", retention_days: 365 },
      person: {
        name: "Maria Goreti Bili",
        phone: "+6281355550001",
        email: "maria@example.com",
        regency: { code: "53.71", name: "Kota Kupang" },
        occupation: { code: "kriya" },
        nik: { masked: "5371********0002", stored_encrypted: true },
        birth_date: "1990-03-12",
        bpjs_status: "none",
        interests: ["jkk", "jkm"],
        answers: [{ key: "experience", question: "Lama bekerja", answer: "gt1" }],
      },
      registration: { id: reg.id },
      consent: { purposes: ["event_registration", "enrollment_contact"], notice_version: "1" },
      ticket: { code, valid: true },
      follow_up: { status: "new", last_note: null, history: [] },
    });
    expect(doc.consent.given_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(doc.consent.contact_opt_in_at).toMatch(/\+08:00$/);
    expect(doc.booth_visits.map((v: { code: string }) => v.code)).toEqual(["bpjs", "tenun"]);
    expect(doc.checkins).toMatchObject([{ direction: "in", gate: "Pintu 1", undone: false }]);
  });

  it("audits the view and the download, with no personal data in the entries", async () => {
    const reg = await registrationOf(code);
    const entries = await auditOf(reg.id);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["personal_data.view", "personal_data.download"]));
    for (const e of entries) expect(e.actor).toBe("attendee");
    const dump = JSON.stringify(entries);
    for (const secret of ["Maria", "6281355550001", "maria@example.com", NIK, "1990-03-12"]) expect(dump).not.toContain(secret);
  });

  it("answers an unknown or malformed code with 404 on every page", async () => {
    for (const path of ["/t/abcdefghjkmnpqrstuvwxyz234/me", "/t/nope/me.json", "/t/abcdefghjkmnpqrstuvwxyz234/me/edit", "/t/abcdefghjkmnpqrstuvwxyz234/me/erase"]) {
      expect((await call(path, { token: null })).status, path).toBe(404);
    }
    for (const path of ["/t/abcdefghjkmnpqrstuvwxyz234/me/edit", "/t/abcdefghjkmnpqrstuvwxyz234/me/contact", "/t/abcdefghjkmnpqrstuvwxyz234/me/erase"]) {
      expect((await post(path, { confirm: "yes" })).status, path).toBe(404);
    }
  });
});

/** The correction form as a browser would send it after changing some fields. */
const corrected = (extra: FormFields = {}): FormFields => ({
  name: "Maria G. Bili",
  phone: "+6281355550011",
  email: "maria.bili@example.com",
  regency: "53.07",
  occupation: "other",
  occupation_other: "Penenun songket",
  birth_date: "1990-03-12",
  bpjs_status: "inactive",
  interests: ["jht"],
  experience: "lt1",
  lang: "id",
  ...extra,
});

describe("POST /t/{code}/me/edit: correct my data", () => {
  it("shows the form filled with what is stored, the NIK only masked", async () => {
    const code = await person("081355550010", { name: "Yakobus Nenu", nik: NIK, birth_date: "1990-03-12", email: "yn@example.com" });
    const res = await call(`/t/${code}/me/edit`, { token: null });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="Yakobus Nenu"');
    expect(html).toContain('value="0813-5555-0010"');
    expect(html).toContain('value="yn@example.com"');
    expect(html).toMatch(/<option value="53\.71" selected/);
    expect(html).toContain("5371********0002");
    expect(html).not.toContain(NIK);
    expect(html).toContain('name="nik_remove"');
  });

  it("saves valid corrections, audits the changed field names only, and says so", async () => {
    const code = await person("081355550011", { nik: NIK, birth_date: "1990-03-12" });
    const before = await registrationOf(code);
    const res = await post(`/t/${code}/me/edit`, corrected({ phone: "0813-5555-0011" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/t/${code}/me?lang=id&done=corrected`);
    const row = await registrationOf(code);
    expect(row).toMatchObject({
      name: "Maria G. Bili",
      search_name: "maria g. bili",
      phone: "+6281355550011",
      email: "maria.bili@example.com",
      regency: "53.07",
      occupation: "other",
      occupation_other: "Penenun songket",
      bpjs_status: "inactive",
      nik_cipher: before.nik_cipher, // a blank NIK keeps the stored one
      nik_masked: "5371********0002",
    });
    expect(JSON.parse(row.interests as string)).toEqual(["jht"]);
    expect(JSON.parse(row.answers as string)).toEqual({ experience: "lt1" });
    // consent is not touched by a correction
    expect(row.contact_consent_at).toBe(before.contact_consent_at);
    const [entry] = (await auditOf(row.id)).filter((e) => e.action === "registration.correct");
    expect(JSON.parse(entry!.detail as string).fields.sort()).toEqual(
      ["name", "email", "regency", "occupation", "occupation_other", "bpjs_status", "interests", "answers"].sort(),
    );
    expect(entry!.detail).not.toContain("Maria");
    const page = await (await call(res.headers.get("location")!, { token: null })).text();
    expect(page).toContain("Data Anda sudah diperbaiki.");
    expect(page).toContain("Penenun songket");
  });

  it("gives 422 with the answers kept and each error beside its field, and changes nothing", async () => {
    const code = await person("081355550012");
    const before = await registrationOf(code);
    const res = await post(`/t/${code}/me/edit`, corrected({ name: "Nama Baru Yang Benar", email: "not-an-email", occupation_other: "", phone: "12345", regency: "99.99" }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Nama Baru Yang Benar"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toMatch(/<input type="checkbox" name="interests" value="jht" checked/);
    expect(html).toContain("Alamat email tidak valid.");
    expect(html).toContain("Nomor HP tidak valid");
    expect(html).toContain("Tuliskan pekerjaan Anda.");
    expect(html).toContain("Pilih salah satu pilihan.");
    expect(html).toContain('id="email-err"');
    expect(await registrationOf(code)).toEqual(before);
  });

  it("requires the event's required questions, as at signup", async () => {
    const code = await person("081355550013");
    const res = await post(`/t/${code}/me/edit`, corrected({ experience: "", phone: "081355550013" }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('id="experience-err"');
  });

  it("answers a phone change the same whether the new number is registered or not, and moves it only from a link sent there", async () => {
    await person("081355550014", { name: "Ani" });
    const answers: string[] = [];
    for (const [phone, newPhone] of [["081355550015", "0813-5555-0014"], ["081355550017", "0813-5555-0018"]] as const) {
      const code = await person(phone, { name: "Ani" });
      const before = await registrationOf(code);
      const res = await post(`/t/${code}/me/edit`, corrected({ phone: newPhone, name: "Ani" }));
      expect(res.status).toBe(303);
      answers.push(res.headers.get("location")!.replace(code, "{code}"));
      const page = await (await call(res.headers.get("location")!, { token: null })).text();
      expect(page).toContain("buka tautan yang kami kirim ke WhatsApp nomor baru");
      // nothing moved yet: the phone is the old one until the new number's link is opened
      expect((await registrationOf(code)).phone).toBe(before.phone);
      const message = await env.DB.prepare("select kind, text from messages where registration_id = ? and kind = 'phone_change'").bind(before.id).first<{ kind: string; text: string }>();
      expect(message).not.toBeNull();
      const link = /\/r\/[A-Za-z0-9_-]+/.exec(message!.text)![0];
      const opened = await useLink(link);
      const moved = (await registrationOf(code)).phone;
      if (newPhone === "0813-5555-0014") {
        // the new number already has an Ani: only whoever holds that phone (who opened the link) learns it
        expect(moved).toBe(before.phone);
        expect(await opened.text()).toContain("Nomor HP belum bisa diganti");
      } else {
        expect(moved).toBe("+6281355550018");
        expect(opened.status).toBe(200);
        expect(await opened.text()).toContain("Nomor HP Anda sudah diganti");
        expect(opened.headers.get("set-cookie") ?? "").not.toContain("kf_ticket");
        expect((await auditOf(before.id)).some((e) => e.action === "registration.correct" && String(e.detail).includes("phone"))).toBe(true);
      }
      // a link binds once
      expect(await (await call(link, { token: null })).text()).toContain("sudah dipakai atau sudah kedaluwarsa");
    }
    expect(answers[0]).toBe(answers[1]);
  });

  it("limits phone changes per ticket: 429 with Retry-After, the form with the answers kept, nothing saved or sent", async () => {
    const code = await person("081355550030", { name: "Ani Ndun" });
    const before = await registrationOf(code);
    const sentBefore = await count("messages", "registration_id = ? and kind = 'phone_change'", before.id);
    expect(sentBefore).toBe(0);
    // a different new number each time (the per-number limit does not apply): RESEND_LIMITER, 10 a minute per ticket
    const { refused, passed, statuses, most } = await untilRefused(
      (i) => post(`/t/${code}/me/edit`, corrected({ name: "Ani Ndun", phone: `08135556${String(i).padStart(4, "0")}`, occupation_other: `Penenun ikat ${i}`, lang: "en" })),
      { limit: 10, windowSeconds: 60 },
    );
    expect(refused).toBeDefined();
    expect(statuses.every((s) => s === 303)).toBe(true);
    expect(passed).toBeGreaterThanOrEqual(10);
    expect(passed).toBeLessThanOrEqual(most);
    expect(refused!.headers.get("retry-after")).toBe("60");
    expect(refused!.headers.get("cache-control")).toBe("private, no-store");
    const html = await refused!.text();
    expect(html).toContain("Too many phone number changes");
    expect(html).toContain(`value="Penenun ikat ${passed}"`);
    expect(html).toContain(`value="08135556${String(passed).padStart(4, "0")}"`);
    expect(await count("messages", "registration_id = ? and kind = 'phone_change'", before.id)).toBe(passed);
    // the refused post saved nothing: the occupation typed with it is not stored, the one before it is
    expect((await registrationOf(code)).occupation_other).toBe(`Penenun ikat ${passed - 1}`);
    expect((await registrationOf(code)).phone).toBe(before.phone);
  });

  it("limits phone changes to one new number whoever asks (RESEND_PHONE_LIMITER, the lost-ticket resend's key)", async () => {
    // a new person (ticket) each time, the same new number: RESEND_PHONE_LIMITER, 3 a minute per number
    const { refused, passed, statuses, most } = await untilRefused(
      async (i) => {
        const code = await person(`08135555${String(100 + i).padStart(4, "0")}`, { name: `Orang ${i}` });
        return post(`/t/${code}/me/edit`, corrected({ name: `Orang ${i}`, phone: "0813-5557-0001" }));
      },
      { limit: 3, windowSeconds: 60, max: 40 },
    );
    expect(refused).toBeDefined();
    expect(statuses.every((s) => s === 303)).toBe(true);
    expect(passed).toBeGreaterThanOrEqual(3);
    expect(passed).toBeLessThanOrEqual(most);
    expect(refused!.headers.get("retry-after")).toBe("60");
    const html = await refused!.text();
    expect(html).toContain("Terlalu banyak permintaan ganti nomor HP");
    expect(html).toContain('value="0813-5557-0001"');
    expect(await count("messages", "`to` = '+6281355570001'")).toBe(passed);
  });

  it("keeps, replaces or removes the NIK, and checks the birth date against the stored one", async () => {
    const code = await person("081355550016", { nik: NIK, birth_date: "1990-03-12" });
    // the stored NIK says 12-03-1990: another birth date with a blank NIK is refused
    const mismatch = await post(`/t/${code}/me/edit`, corrected({ phone: "081355550016", birth_date: "1991-04-01" }));
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain("Tanggal lahir tidak cocok dengan NIK.");

    const newNik = "5371010104910003"; // a man born 01-04-1991
    const replaced = await post(`/t/${code}/me/edit`, corrected({ phone: "081355550016", nik: newNik, birth_date: "1991-04-01" }));
    expect(replaced.status).toBe(303);
    let row = await registrationOf(code);
    expect(row.nik_masked).toBe("5371********0003");
    expect(row.birth_date).toBe("1991-04-01");
    expect(JSON.stringify(row)).not.toContain(newNik);
    const corrections = (await auditOf(row.id)).filter((e) => e.action === "registration.correct");
    expect(JSON.parse(corrections.at(-1)!.detail as string).fields).toEqual(expect.arrayContaining(["nik", "birth_date"]));
    expect(JSON.stringify(corrections)).not.toContain(newNik);

    const removed = await post(`/t/${code}/me/edit`, corrected({ phone: "081355550016", nik_remove: "yes" }));
    expect(removed.status).toBe(303);
    row = await registrationOf(code);
    expect(row).toMatchObject({ nik_cipher: null, nik_hash: null, nik_masked: null });
  });
});

describe("POST /t/{code}/me/contact: withdraw the contact opt-in", () => {
  it("clears the opt-in and its purpose at once, so no lead list selects the person; the ticket stays", async () => {
    const code = await person("081355550020");
    const before = await registrationOf(code);
    expect(before.contact_consent_at).not.toBeNull();
    const res = await post(`/t/${code}/me/contact`, { lang: "id" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/t/${code}/me?lang=id&done=contact`);
    const row = await registrationOf(code);
    expect(row.contact_consent_at).toBeNull();
    expect(JSON.parse(row.consent_purposes as string)).toEqual(["event_registration"]);
    // the proof of the event consent stays
    expect(row.consent_at).toBe(before.consent_at);
    // the condition every lead export and list uses
    expect(await count("registrations", "id = ? and contact_consent_at is not null and erased_at is null", row.id)).toBe(0);
    expect((await call(`/t/${code}`, { token: null })).status).toBe(200);
    const page = await (await call(res.headers.get("location")!, { token: null })).text();
    expect(page).toContain("Anda tidak akan dihubungi lagi");
    expect(page).not.toContain(`action="/t/${code}/me/contact"`);
  });

  it("is audited once, without personal data; a second withdrawal changes and audits nothing", async () => {
    const code = await person("081355550021", { name: "Agustinus Lake" });
    await post(`/t/${code}/me/contact`, { lang: "id" });
    await post(`/t/${code}/me/contact`, { lang: "id" });
    const row = await registrationOf(code);
    const entries = (await auditOf(row.id)).filter((e) => e.action === "consent.withdraw_contact");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: "attendee", detail: null });
  });
});

describe("POST /t/{code}/me/contact/give: the contact opt-in given again", () => {
  it("records a new consent with its time and the notice version, once, and the person is a lead again", async () => {
    const code = await person("081355550025", { contact_ok: "" });
    const page = await (await call(`/t/${code}/me`, { token: null })).text();
    // offered with the notice, a box to tick and nothing ticked for them
    expect(page).toContain(`action="/t/${code}/me/contact/give"`);
    expect(page).toContain('<input type="checkbox" name="contact_ok" value="yes" required=""/>');
    // without the box ticked, nothing changes
    expect((await post(`/t/${code}/me/contact/give`, { lang: "id" })).headers.get("location")).toBe(`/t/${code}/me?lang=id#contact`);
    expect((await registrationOf(code)).contact_consent_at).toBeNull();

    await env.DB.prepare("update events set notice_version = '2' where slug = 'rgt'").run();
    const before = Date.now();
    const res = await post(`/t/${code}/me/contact/give`, { lang: "id", contact_ok: "yes" });
    expect(res.headers.get("location")).toBe(`/t/${code}/me?lang=id&done=contactGiven`);
    const row = await registrationOf(code);
    expect(row.contact_consent_at).toBeGreaterThanOrEqual(before);
    expect(JSON.parse(row.consent_purposes as string)).toEqual(["event_registration", "enrollment_contact"]);
    expect(row.notice_version).toBe("2");
    expect(await count("registrations", "id = ? and contact_consent_at is not null and erased_at is null", row.id)).toBe(1);
    const done = await (await call(res.headers.get("location")!, { token: null })).text();
    expect(done).toContain("boleh menghubungi Anda lagi");
    expect(done).toContain(`action="/t/${code}/me/contact"`);
    // a second tap changes and audits nothing
    await post(`/t/${code}/me/contact/give`, { lang: "id", contact_ok: "yes" });
    const entries = (await auditOf(row.id)).filter((e) => e.action === "consent.give_contact");
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.detail as string)).toEqual({ notice_version: "2" });
    expect((await registrationOf(code)).contact_consent_at).toBe(row.contact_consent_at);
    await env.DB.prepare("update events set notice_version = '1' where slug = 'rgt'").run();
  });

  it("refuses a post from another site", async () => {
    const code = await person("081355550026", { contact_ok: "" });
    const res = await call(`/t/${code}/me/contact/give`, { token: null, method: "POST", body: new URLSearchParams({ contact_ok: "yes" }), headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(403);
    expect((await registrationOf(code)).contact_consent_at).toBeNull();
  });
});

const PERSONAL = ["name", "search_name", "phone", "email", "occupation_other", "nik_cipher", "nik_hash", "nik_masked", "birth_date", "last_note", "contact_consent_at"];

describe("POST /t/{code}/me/erase: withdraw everything", () => {
  it("asks first: a confirmation page, and a post without its confirmation erases nothing", async () => {
    const code = await person("081355550030");
    const page = await call(`/t/${code}/me/erase`, { token: null });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Hapus semua data saya?");
    expect(html).toContain("Ini tidak bisa dibatalkan.");
    expect(html).toContain('name="confirm" value="yes"');
    const res = await post(`/t/${code}/me/erase`, { lang: "id" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/t/${code}/me/erase?lang=id`);
    expect((await registrationOf(code)).erased_at).toBeNull();
  });

  it("erases every personal field at once, revokes the ticket, keeps anonymous counts, and the ticket then gives 404", async () => {
    const code = await person("081355550031", { name: "Paulina Ndun", email: "paulina@example.com", nik: NIK, birth_date: "1990-03-12", occupation: "other", occupation_other: "Penenun" });
    await call("/e/rgt/tenun/interest", { token: null, method: "POST", headers: { cookie: `kf_ticket=${code}`, origin: ORIGIN } });
    await checkIn(code, "door-phone-1:0001");
    const before = await registrationOf(code);
    // follow-up data that the leads pipeline writes
    await env.DB.batch([
      env.DB.prepare("update registrations set last_note = ?, followup_status = 'contacted' where id = ?").bind("Ibu Paulina minta ditelepon sore", before.id),
      env.DB.prepare("insert into lead_history (registration_id, status, note) values (?, 'contacted', ?)").bind(before.id, "Ibu Paulina minta ditelepon sore"),
    ]);
    expect(await count("scan_replies", "body like ?", "%Paulina Ndun%")).toBe(1);
    const registrations = await count("registrations");
    const visits = await count("booth_visits", "registration_id = ?", before.id);
    const scans = await count("checkins", "ticket_id = (select id from tickets where code = ?)", code);
    expect([visits, scans]).toEqual([2, 1]);

    const res = await post(`/t/${code}/me/erase`, { lang: "id", confirm: "yes" }, { cookie: `kf_ticket=${code}` });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/t/${code}/me/erased?lang=id`);
    expect(res.headers.get("set-cookie")).toMatch(/kf_ticket=;.*Max-Age=0/i);

    const row = await registrationOf(code);
    for (const column of PERSONAL) expect(row[column], column).toBeNull();
    expect(JSON.parse(row.answers as string)).toEqual({});
    expect(JSON.parse(row.consent_purposes as string)).toEqual([]);
    expect(row.erased_at).toBeTypeOf("number");
    // what stays is anonymous: for the event's statistics
    expect(row).toMatchObject({ event_id: before.event_id, regency: "53.71", occupation: "other", followup_status: "contacted", consent_at: before.consent_at });
    expect(await count("registrations")).toBe(registrations);
    expect(await count("booth_visits", "registration_id = ?", before.id)).toBe(visits);
    expect(await count("checkins", "ticket_id = (select id from tickets where code = ?)", code)).toBe(scans);
    expect(await count("tickets", "code = ? and revoked_at is not null", code)).toBe(1);
    expect(await count("lead_history", "registration_id = ? and note is not null", before.id)).toBe(0);
    expect(await count("lead_history", "registration_id = ?", before.id)).toBe(1);
    expect(await count("scan_replies", "body like ?", "%Paulina%")).toBe(0);

    for (const path of [`/t/${code}`, `/t/${code}/qr.svg`, `/t/${code}/qr.png`, `/t/${code}/me`, `/t/${code}/me.json`, `/t/${code}/me/edit`]) {
      expect((await call(path, { token: null })).status, path).toBe(404);
    }
    const done = await call(res.headers.get("location")!, { token: null });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Data Anda sudah dihapus");

    // the door no longer knows the ticket
    const scan = await call("/api/v1/events/rgt/checkins", { json: { ticket: code, gate: "Pintu 1" } });
    expect(scan.status).toBe(404);
  });

  it("removes the door's saved answers about the ticket even when they carry a name changed since", async () => {
    const code = await person("081355550039", { name: "Yohana Lama" });
    await checkIn(code, "door-phone-9:0001");
    // a refusal about the same ticket is kept too (it names the guest)
    await call("/api/v1/events/rgt/checkins", { json: { ticket: code, gate: "Pintu 1", client_id: "door-phone-9:0002" } });
    expect(await count("scan_replies", "body like ?", "%Yohana Lama%")).toBe(2);
    const fix = await post(`/t/${code}/me/edit`, corrected({ name: "Yohana Baru", phone: "+6281355550039" }));
    expect(fix.status).toBe(303);
    expect((await post(`/t/${code}/me/erase`, { lang: "id", confirm: "yes" })).status).toBe(303);
    expect(await count("scan_replies", "body like ?", "%Yohana%")).toBe(0);
    // a retry of that client_id now gets a fresh decision, not the old answer with the old name
    const replay = await call("/api/v1/events/rgt/checkins", { json: { ticket: "abcdefghjkmnpqrstuvwxyz234", gate: "Pintu 1", client_id: "door-phone-9:0001" } });
    expect(await replay.text()).not.toContain("Yohana");
  });

  it("is audited once without personal data; erasing again is a 404 that writes nothing", async () => {
    const code = await person("081355550032", { name: "Kornelis Tefa", email: "kt@example.com" });
    const reg = await registrationOf(code);
    expect((await post(`/t/${code}/me/erase`, { confirm: "yes" })).status).toBe(303);
    expect((await post(`/t/${code}/me/erase`, { confirm: "yes" })).status).toBe(404);
    const entries = (await auditOf(reg.id)).filter((e) => e.action === "registration.erase");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: "attendee", event_id: reg.event_id });
    expect(JSON.stringify(await auditOf(reg.id))).not.toMatch(/Kornelis|kt@example|6281355550032/);
  });

  it("erases once when a slow phone sends the confirmation five times at once", async () => {
    const code = await person("081355550037");
    const reg = await registrationOf(code);
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => post(`/t/${code}/me/erase`, { confirm: "yes" })))).map((r) => r.status);
    expect(statuses).toContain(303);
    for (const s of statuses) expect([303, 404]).toContain(s);
    expect((await auditOf(reg.id)).filter((e) => e.action === "registration.erase")).toHaveLength(1);
    expect((await registrationOf(code)).erased_at).toBeTypeOf("number");
  });

  it("lets the same phone sign up again afterwards, as a new registration with a new ticket", async () => {
    const code = await person("081355550033");
    await post(`/t/${code}/me/erase`, { confirm: "yes" });
    const again = await person("081355550033");
    expect(again).not.toBe(code);
    expect((await call(`/t/${again}`, { token: null })).status).toBe(200);
    expect(await count("registrations", "phone = ?", "+6281355550033")).toBe(1);
  });

  it("only clears the ticket cookie when it holds this ticket", async () => {
    const mine = await person("081355550034");
    const other = await person("081355550035");
    const res = await post(`/t/${mine}/me/erase`, { confirm: "yes" }, { cookie: `kf_ticket=${other}` });
    expect(res.status).toBe(303);
    // the only cookie a write sets besides it is the read-replica bookmark (kf_bm)
    expect(res.headers.get("set-cookie") ?? "").not.toMatch(/kf_ticket/);
  });

  it("shows the 'erased' page only for a ticket whose data was erased", async () => {
    const code = await person("081355550036");
    expect((await call(`/t/${code}/me/erased`, { token: null })).status).toBe(404);
    expect((await call("/t/abcdefghjkmnpqrstuvwxyz234/me/erased", { token: null })).status).toBe(404);
  });
});

describe("CSRF: the posts only come from our own pages", () => {
  it("refuses each post from another site with 403 and changes nothing", async () => {
    const code = await person("081355550040");
    const before = await registrationOf(code);
    for (const [path, fields] of [
      [`/t/${code}/me/edit`, corrected({ phone: "081355550040" })],
      [`/t/${code}/me/contact`, {}],
      [`/t/${code}/me/erase`, { confirm: "yes" }],
    ] as const) {
      const cross = await post(path, fields, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
      expect(cross.status, path).toBe(403);
      const none = await call(path, { token: null, method: "POST", body: formBody(fields), headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(none.status, `${path} without origin`).toBe(403);
    }
    expect(await registrationOf(code)).toEqual(before);
  });

  it("accepts a same-origin post identified by Sec-Fetch-Site alone", async () => {
    const code = await person("081355550041");
    const res = await call(`/t/${code}/me/contact`, {
      token: null,
      method: "POST",
      body: formBody({ lang: "en" }),
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
    });
    expect(res.status).toBe(303);
    expect((await registrationOf(code)).contact_consent_at).toBeNull();
  });
});
