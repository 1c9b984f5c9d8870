/**
 * Every attendee page and every staff page, in the states people meet them (a form
 * with errors, the scanner with an answer, an amber question), audited with axe-core
 * for WCAG 2.2 AA at 320 px: no serious or critical violation, no sideways scrolling.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible } from "./axe";
import { api, chooseGate, launch, onNow, openEvent, outboxLink, phone, signUpOnPage, staffLogin } from "./browser";

let browser: Browser;
let organiser: string;
let volunteer: string;
let enrollment: string;

const base = () => inject("baseUrl");
const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields), redirect: "manual" as const, headers: { origin: base() } });
async function signup(phoneNumber: string, name: string, extra: Record<string, string> = {}) {
  const res = await fetch(`${base()}/e/a11y/bpjs`, form({ name, phone: phoneNumber, regency: "53.71", occupation: "kriya", consent: "yes", contact_ok: "yes", pengalaman: "yes", ...extra }));
  const code = /\/t\/([a-z0-9]{26})$/.exec(res.headers.get("location") ?? "")?.[1];
  if (!code) throw new Error(`signup ${phoneNumber}: ${res.status} ${(await res.text()).match(/class="err"[^>]*>[^<]+/g)}`);
  return code;
}

beforeAll(async () => {
  browser = await launch();
  await openEvent("a11y", "Festival Ekonomi Kreatif Kupang", [["bpjs", "BPJS Ketenagakerjaan"], ["tenun", "Tenun Ikat Sumba"]], {
    // on now: the door refuses scans timed far from the event
    ...onNow(),
    literacy: { id: "JKK dan JKM mulai Rp 16.800 per bulan.", en: "JKK and JKM from Rp 16,800 a month." },
    organiser: "Dinas Pariwisata Kota Kupang",
    questions: [{ key: "pengalaman", type: "yesno", required: true, label: { id: "Sudah pernah ikut pameran?", en: "Been to a fair before?" } }],
  });
  organiser = (await api<{ token: string }>("/staff", { json: { name: "Penyelenggara", role: "organiser", events: ["a11y"] } })).token;
  volunteer = (await api<{ token: string }>("/staff", { json: { name: "Relawan", role: "checkin", events: ["a11y"] } })).token;
  enrollment = (await api<{ token: string }>("/staff", { json: { name: "Petugas", role: "enrollment", events: ["a11y"] } })).token;
  // a conflict for the dashboard and the door page to show
  const twice = await signup("081900000001", "Dua Kali Masuk");
  for (const [gate, id] of [["Pintu 1", "a11y-a:1"], ["Pintu 2", "a11y-b:1"]] as const) {
    await fetch(`${base()}/api/v1/events/a11y/checkins`, {
      method: "POST",
      headers: { authorization: `Bearer ${organiser}`, "content-type": "application/json" },
      body: JSON.stringify({ ticket: twice, gate, client_id: id, offline: "listed" }),
    });
  }
});

afterAll(async () => {
  await browser?.close();
});

async function small(): Promise<[BrowserContext, Page]> {
  const context = await phone(browser, { width: 320 });
  return [context, await context.newPage()];
}

/** Opens `path` and audits it; `status` is what the page must answer. */
async function audit(page: Page, path: string, name: string, status = 200) {
  const res = await page.goto(path);
  expect(res?.status(), name).toBe(status);
  await expectAccessible(page, name);
}

describe("attendee pages at 320 px", () => {
  it("the home page, the forms (and one with errors), the notice, the ticket, the returning prompt, an error", async () => {
    const [context, page] = await small();
    await audit(page, "/", "home");
    await audit(page, "/e/a11y", "signup form");
    await audit(page, "/e/a11y/bpjs", "signup form at a booth");
    // the notice opened in place
    await page.getByText("Baca pemberitahuan privasi lengkap").click();
    await expectAccessible(page, "signup form with the notice open");
    // a form with errors: the browser's own checks set aside, as a phone without them would send it
    await page.evaluate("document.querySelector('form').noValidate = true");
    await page.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();
    await expect.poll(() => page.locator(".alert").isVisible()).toBe(true);
    await expectAccessible(page, "signup form with errors");
    // the form back after a NIK was typed: the NIK is never put back, and its field says to type it again
    await page.locator("#nik").fill("5371014507900001");
    await page.evaluate("document.querySelector('form').noValidate = true");
    await page.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();
    await expect.poll(() => page.locator("#nik-again").isVisible()).toBe(true);
    expect(await page.locator("#nik").inputValue()).toBe("");
    await expectAccessible(page, "signup form kept, the NIK to type again");
    await audit(page, "/e/a11y/privacy?booth=bpjs", "privacy notice");
    await audit(page, "/e/a11y/nowhere", "error page (unknown booth)", 404);

    await signUpOnPage(page, { path: "/e/a11y/bpjs", name: "Maria Goreti Bili", phone: "0812-3456-7801", before: () => page.getByLabel("Ya", { exact: true }).check() });
    await expectAccessible(page, "ticket");
    await audit(page, "/e/a11y/tenun", "returning attendee at another booth");
    await page.getByRole("button", { name: /Beri tahu Tenun Ikat Sumba/ }).click();
    await page.waitForURL(/done=interest/);
    await expectAccessible(page, "ticket with the interest confirmed");
    await context.close();
  });

  it("the person's own data: see, correct (and a mistake), stop contact, give it again, erase", async () => {
    const code = await signup("081900000002", "Yuliana Seran");
    const [context, page] = await small();
    await audit(page, `/t/${code}/me`, "my data");
    await audit(page, `/t/${code}/me/edit`, "correct my data");
    await page.getByLabel("Nomor HP / WhatsApp").fill("12");
    await page.evaluate("document.querySelector('form').noValidate = true");
    await page.getByRole("button", { name: "Simpan perbaikan" }).click();
    await expect.poll(() => page.locator(".alert").isVisible()).toBe(true);
    await expectAccessible(page, "correct my data with errors");
    await page.goto(`/t/${code}/me`);
    await page.getByRole("button", { name: "Jangan hubungi saya lagi" }).click();
    await page.waitForURL(/done=contact$/);
    await expectAccessible(page, "my data, contact withdrawn (offering to give it again)");
    await page.getByLabel(/Saya bersedia dihubungi/).check();
    await page.getByRole("button", { name: "Boleh hubungi saya" }).click();
    await page.waitForURL(/done=contactGiven$/);
    await expectAccessible(page, "my data, contact given again");
    await audit(page, `/t/${code}/me/erase`, "erase: confirmation");
    await page.getByRole("button", { name: "Ya, hapus data saya" }).click();
    await page.waitForURL(/\/me\/erased/);
    await expectAccessible(page, "erased");
    await context.close();
  });
});

describe("getting a ticket back at 320 px", () => {
  it("already registered, the lost-ticket form (and a mistake), its answer, a link's button, a used link", async () => {
    await signup("081900000005", "Ina Lapu");
    const [context, page] = await small();
    // the same phone and name from a browser without the ticket
    await page.goto("/e/a11y/bpjs");
    await page.getByLabel("Nama lengkap").fill("Ina Lapu");
    await page.getByLabel("Nomor HP / WhatsApp").fill("0819-0000-0005");
    await page.getByLabel("Kabupaten/kota domisili").selectOption("53.71");
    await page.getByLabel("Bidang kerja kreatif").selectOption("kriya");
    await page.getByLabel("Ya", { exact: true }).check();
    await page.getByLabel(/Saya telah membaca/).check();
    await page.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Sudah terdaftar" }).isVisible()).toBe(true);
    await expectAccessible(page, "already registered");
    await audit(page, "/e/a11y/resend", "lost ticket: the form");
    await page.getByLabel("Nomor HP / WhatsApp").fill("12");
    await page.evaluate("document.querySelector('form').noValidate = true");
    await page.getByRole("button", { name: "Kirim tautan tiket" }).click();
    await expect.poll(() => page.locator(".alert").isVisible()).toBe(true);
    await expectAccessible(page, "lost ticket: the form with errors");
    await page.getByLabel("Nomor HP / WhatsApp").fill("0819-0000-0005");
    await page.getByRole("button", { name: "Kirim tautan tiket" }).click();
    await expect.poll(() => page.getByText(/tautan tiket sudah dikirim/).isVisible()).toBe(true);
    await expectAccessible(page, "lost ticket: sent");
    // locally nothing is sent: the outbox keeps the link (whole, in local development only)
    const link = await outboxLink("a11y", "Ina Lapu");
    await audit(page, link, "a link's page: open my ticket on this phone");
    await page.getByRole("button", { name: "Buka tiket saya di HP ini" }).click();
    await page.waitForURL(/\/t\/[a-z0-9]{26}$/);
    await audit(page, link, "a link used already", 410);
    await context.close();
  });
});

describe("staff pages at 320 px", () => {
  it("sign-in (and a failed one), home, events, a new event with errors, settings, booths, posters, dashboard, people", async () => {
    const [context, page] = await small();
    await audit(page, "/staff/login", "staff sign-in");
    await page.getByLabel("Token staf").fill("kf_wrong");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect.poll(() => page.locator(".alert").isVisible()).toBe(true);
    await expectAccessible(page, "staff sign-in failed");
    await staffLogin(page, inject("adminToken"), "/staff");
    await expectAccessible(page, "staff home");
    await audit(page, "/staff/events", "events");
    await audit(page, "/staff/events/new", "new event");
    await page.evaluate("document.querySelector('form[method=post]:not([action=\"/staff/logout\"])').noValidate = true");
    await page.getByRole("button", { name: "Buat acara" }).click();
    await expect.poll(() => page.locator(".alert").first().isVisible()).toBe(true);
    await expectAccessible(page, "new event with errors");
    await audit(page, "/staff/events/a11y", "event settings");
    await audit(page, "/staff/events/a11y/booths", "booths");
    await audit(page, "/staff/events/a11y/booths/bpjs", "one booth");
    await audit(page, "/staff/events/a11y/booths/bpjs/poster?size=a4", "poster");
    await audit(page, "/staff/events/a11y/posters?size=a5", "all posters");
    await audit(page, "/staff/events/a11y/dashboard", "dashboard with a door conflict");
    await audit(page, "/staff/people", "people");
    await page.getByLabel("Nama", { exact: true }).fill("Relawan Baru");
    await page.getByLabel("Semua acara").check();
    await page.getByRole("button", { name: "Buat token" }).click();
    await expect.poll(() => page.locator("#token").isVisible()).toBe(true);
    await expectAccessible(page, "people: a new token shown once");
    await context.close();
  });

  it("the door: event chooser, scanner, its answers (green, red, amber with a question), pairing", async () => {
    const [context, page] = await small();
    await staffLogin(page, inject("adminToken"), "/staff/checkin");
    await expectAccessible(page, "door: choose the event");
    await audit(page, "/staff/checkin?event=a11y", "scanner: choose the gate");
    await chooseGate(page, "Pintu Utara");
    await expect.poll(() => page.locator("#scan-area").isVisible()).toBe(true);
    await expectAccessible(page, "scanner ready");
    const code = await signup("081900000003", "Tamu Pintu");
    await page.locator("#ticket").fill(code);
    await page.locator("#ticket").press("Enter");
    await expect.poll(() => page.locator("#result").getAttribute("data-status")).toBe("checked_in");
    await expectAccessible(page, "scanner: admitted (green)");
    // the answer closes by itself after 2.5 s: waited for, not clicked (a click after a slow step races that clock)
    await expect.poll(() => page.locator("#result").isHidden()).toBe(true);
    await page.locator("#ticket").fill(code);
    await page.locator("#ticket").press("Enter");
    await expect.poll(() => page.locator("#result").getAttribute("data-status")).toBe("already_checked_in");
    await expectAccessible(page, "scanner: already inside (red)");
    // offline, a ticket not in the phone's list: amber, with the question
    await expect.poll(() => page.locator("#list-size").textContent()).toMatch(/tiket di daftar HP ini/);
    await context.setOffline(true);
    await page.locator("#ticket").fill("abcdefghjkmnpqrstuvwxyz234");
    await page.locator("#ticket").press("Enter");
    await expect.poll(() => page.locator("#result").getAttribute("data-status")).toBe("offline_unknown");
    await expectAccessible(page, "scanner: amber, admit provisionally?");
    await page.getByRole("button", { name: "Jangan izinkan" }).click();
    await context.setOffline(false);
    // without JavaScript's help: the form post answers with a banner
    await page.goto("/staff/checkin?event=a11y&gate=Pintu%20Utara&q=tamu");
    await expectAccessible(page, "scanner: search results");
    await audit(page, "/staff/checkin/pair?event=a11y", "pairing");
    await page.getByLabel("Pintu", { exact: true }).fill("Pintu Timur");
    await page.getByRole("button", { name: "Buat kode pasangan" }).click();
    await expect.poll(() => page.locator("#pairing").isVisible()).toBe(true);
    await expectAccessible(page, "pairing: the one-time QR");
    const pairUrl = new URL((await page.locator("#pairing code").textContent())!).pathname;
    const [device, devicePage] = await small();
    await audit(devicePage, pairUrl, "a volunteer's phone: pair this phone?");
    await device.close();
    await context.close();
  });

  it("the no-JavaScript scan answer, and a volunteer's door page", async () => {
    const context = await browser.newContext({ baseURL: base(), viewport: { width: 320, height: 740 }, javaScriptEnabled: false, locale: "id-ID" });
    const page = await context.newPage();
    await staffLogin(page, volunteer, "/staff/checkin?event=a11y&gate=Pintu%20Selatan");
    const code = await signup("081900000004", "Tanpa Skrip");
    await page.getByLabel(/Kode tiket/).fill(code);
    await page.getByRole("button", { name: "Periksa" }).click();
    await expect.poll(() => page.locator(".banner").isVisible()).toBe(true);
    // axe needs script in the page: audited with JavaScript back on, same HTML
    const html = await page.content();
    await context.close();
    const [withJs, p2] = await small();
    await p2.setContent(html.replace(/<script[^>]*><\/script>/g, ""));
    await expectAccessible(p2, "scanner: the no-JavaScript answer banner");
    await withJs.close();
  });

  it("a booth kiosk: pairing it, the tablet's confirmation, the form (and with errors), done, already registered, a closed done page", async () => {
    const [context, page] = await small();
    await staffLogin(page, organiser, "/staff/kiosks?event=a11y");
    await expectAccessible(page, "kiosks: pair a booth");
    await page.getByLabel("Stan").selectOption("bpjs");
    await page.getByRole("button", { name: "Buat kode pasangan kios" }).click();
    await expect.poll(() => page.locator("#kiosk-pairing").isVisible()).toBe(true);
    await expectAccessible(page, "kiosks: the one-time QR");
    const link = new URL((await page.locator("#kiosk-pairing code").textContent())!).pathname;
    const [tablet, kiosk] = await small();
    await audit(kiosk, link, "a tablet: make this browser the kiosk?");
    await kiosk.getByRole("button", { name: "Ya, jadikan kios" }).click();
    await kiosk.waitForURL(/\/staff\/kiosk\/a11y\/bpjs$/);
    await expectAccessible(kiosk, "kiosk form");
    await kiosk.evaluate("document.querySelector('form').noValidate = true");
    await kiosk.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();
    await expect.poll(() => kiosk.locator(".alert").isVisible()).toBe(true);
    await expectAccessible(kiosk, "kiosk form with errors");
    const fill = async () => {
      await kiosk.getByLabel("Nama lengkap").fill("Agustina Kiosk");
      await kiosk.getByLabel("Nomor HP / WhatsApp").fill("0819-0000-0009");
      await kiosk.getByLabel("Kabupaten/kota domisili").selectOption("53.71");
      await kiosk.getByLabel("Bidang kerja kreatif").selectOption("kriya");
      await kiosk.getByLabel("Ya", { exact: true }).check();
      await kiosk.getByLabel(/Saya telah membaca/).check();
      await kiosk.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();
    };
    await fill();
    await kiosk.waitForURL(/\/done\?n=/);
    const done = kiosk.url();
    await expectAccessible(kiosk, "kiosk: done, the QR large");
    await kiosk.getByRole("link", { name: "Orang berikutnya" }).click();
    await kiosk.waitForURL(/\/staff\/kiosk\/a11y\/bpjs\?lang=id$/);
    await fill();
    await kiosk.waitForURL(/\/known\?lang=id$/);
    await expectAccessible(kiosk, "kiosk: already registered");
    await audit(kiosk, done, "kiosk: a done page closed (Back, history)", 410);
    await tablet.close();
    await context.close();
  });

  it("the enrollment desk: the list and one lead", async () => {
    const [context, page] = await small();
    await staffLogin(page, enrollment, "/staff/leads");
    await expectAccessible(page, "leads");
    const href = await page.locator("article.lead h2 a, article.lead a[href^='/staff/leads/']").first().getAttribute("href");
    await audit(page, href!, "one lead");
    await context.close();
  });
});
