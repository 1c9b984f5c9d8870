/**
 * A booth kiosk in Chromium against the real local server: an organiser pairs a
 * tablet with one booth from the staff page, a volunteer signs a worker up on it,
 * and nothing of that worker comes back to the next person: not by Back, not by
 * the history, not in the form.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, openEvent, phone, staffLogin } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  await openEvent("kios", "Festival Ekonomi Kreatif Kupang", [["bpjs", "BPJS Ketenagakerjaan"]]);
});

afterAll(async () => {
  await browser?.close();
});

const MARIA = { name: "Maria Goreti Bili", phone: "0812-7700-0001", email: "maria.bili@contoh.id", birth: "1990-01-01" };

/** Every field a person types or ticks on the kiosk form, as the page holds it now. */
async function formState(page: Page) {
  return {
    name: await page.locator("#name").inputValue(),
    phone: await page.locator("#phone").inputValue(),
    email: await page.locator("#email").inputValue(),
    birth: await page.locator("#birth_date").inputValue(),
    nik: await page.locator("#nik").inputValue(),
    regency: await page.locator("#regency").inputValue(),
    contact: await page.locator("input[name=contact_ok]").isChecked(),
    whatsapp: await page.locator("input[name=send_whatsapp]").isChecked(),
  };
}
const EMPTY = { name: "", phone: "", email: "", birth: "", nik: "", regency: "", contact: false, whatsapp: false };

/** Nothing of Maria on the page: not in its text, not in any field, no QR. */
async function expectNothingOfMaria(page: Page, where: string) {
  const html = await page.content();
  for (const piece of ["Maria", "Goreti", "Bili", "0812-7700", "maria.bili", "1990-01-01"]) expect(html, `${where}: ${piece}`).not.toContain(piece);
  const typed = await page.evaluate<string>("[...document.querySelectorAll('input')].map((i) => i.value).join(' ')");
  expect(typed, where).not.toMatch(/Maria|0812|maria\.bili|1990/);
  expect(await page.locator(".qr svg").count(), where).toBe(0);
}

describe("a booth kiosk", () => {
  it("is paired by an organiser, signs a worker up, and gives the next person nothing of them", async () => {
    // the organiser, on their own phone: a one-time QR for the booth
    const organiser = await phone(browser);
    const console_ = await organiser.newPage();
    await staffLogin(console_, inject("adminToken"), "/staff/kiosks?event=kios");
    await console_.getByLabel("Stan").selectOption("bpjs");
    await console_.getByRole("button", { name: "Buat kode pasangan kios" }).click();
    await expect.poll(() => console_.locator("#kiosk-pairing").isVisible()).toBe(true);
    const link = new URL((await console_.locator("#kiosk-pairing code").textContent())!).pathname;

    // the tablet opens it and becomes the booth's kiosk
    const tablet = await phone(browser, { width: 800 });
    const page = await tablet.newPage();
    await page.goto(link);
    await page.getByRole("button", { name: "Ya, jadikan kios" }).click();
    await page.waitForURL(/\/staff\/kiosk\/kios\/bpjs$/);
    expect(await page.locator("form[method=post]").getAttribute("autocomplete")).toBe("off");

    // the volunteer signs Maria up
    await page.getByLabel("Nama lengkap").fill(MARIA.name);
    await page.getByLabel("Nomor HP / WhatsApp").fill(MARIA.phone);
    await page.getByLabel("Email (tidak wajib)").fill(MARIA.email);
    await page.getByLabel("Tanggal lahir (tidak wajib)").fill(MARIA.birth);
    await page.getByLabel("Kabupaten/kota domisili").selectOption("53.71");
    await page.getByLabel("Bidang kerja kreatif").selectOption("kriya");
    await page.getByLabel(/Saya telah membaca/).check();
    await page.getByLabel(/Saya bersedia dihubungi/).check();
    await page.getByLabel("Kirim tiket ke WhatsApp saya").check();
    await page.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();
    await page.waitForURL(/\/staff\/kiosk\/kios\/bpjs\/done\?n=/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Maria sudah terdaftar.");
    expect(await page.locator(".qr svg").count()).toBe(1);
    expect(await page.getByRole("status").textContent()).toContain("akan dikirim ke WhatsApp");
    // the big "next person" button has the focus
    expect(await page.evaluate<string>("document.activeElement.textContent.trim()")).toBe("Orang berikutnya");
    const done = page.url();

    // Back, as a curious next person would: the form is empty
    await page.goBack();
    await page.waitForURL(/\/staff\/kiosk\/kios\/bpjs$/);
    await expect.poll(() => page.locator("#name").isVisible()).toBe(true);
    expect(await formState(page)).toEqual(EMPTY);
    await expectNothingOfMaria(page, "Back from the done page");

    // that form opened: the done page is closed for good, Forward or from the history
    await page.goForward();
    await page.waitForURL(done);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Halaman ini sudah ditutup");
    await expectNothingOfMaria(page, "Forward to the done page");
    await page.goto(done);
    await expectNothingOfMaria(page, "the done page from the history");

    // the next person: "Orang berikutnya", an empty form that offers nothing of Maria
    await page.getByRole("link", { name: "Orang berikutnya" }).click();
    await page.waitForURL(/\/staff\/kiosk\/kios\/bpjs\?lang=id$/);
    expect(await formState(page)).toEqual(EMPTY);
    for (const field of ["#name", "#phone", "#email", "#birth_date"]) expect(await page.locator(field).getAttribute("autocomplete"), field).toBe("off");
    await page.getByLabel("Nama lengkap").fill("M");
    await expectNothingOfMaria(page, "the next person's form");

    // and every page in this tablet's history, walked back to the start
    const entries = await page.evaluate<number>("history.length");
    for (let i = 1; i < entries; i++) {
      await page.goBack();
      await expectNothingOfMaria(page, `history: ${page.url()}`);
    }

    // the kiosk can do nothing else
    const search = await page.goto("/staff/checkin?event=kios&q=maria");
    expect(search?.status()).toBe(403);
    await tablet.close();
    await organiser.close();
  });
});
