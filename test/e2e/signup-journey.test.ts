/** The attendee's whole journey on a phone: booth link, form, a mistake corrected, ticket, saved QR. */
import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { decodeQrPng } from "../qr-decode";
import { launch, openEvent, phone, screenshot } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  await openEvent("journey", "Festival Ekonomi Kreatif Kupang", [["bpjs", "BPJS Ketenagakerjaan"], ["tenun", "Tenun Ikat"]], {
    literacy: { id: "JKK dan JKM mulai Rp 16.800 per bulan.", en: "JKK and JKM from Rp 16,800 a month." },
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("signup journey in Chromium at 360 px", () => {
  it("goes from the booth link to a saved ticket, fixing a mistake on the way", async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto("/e/journey/bpjs");
    expect(await page.title()).toBe("Festival Ekonomi Kreatif Kupang");
    await expect.poll(() => page.getByText("Anda mendaftar di stan BPJS Ketenagakerjaan").isVisible()).toBe(true);
    // nothing overflows a 360 px screen
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);

    await page.getByLabel("Nama lengkap").fill("Maria Goreti Bili");
    await page.getByLabel("Nomor HP / WhatsApp").fill("0812-3456");
    await page.getByLabel("Kabupaten/kota domisili").selectOption("53.71");
    await page.getByLabel("Bidang kerja kreatif").selectOption("kriya");
    await page.getByLabel("Belum punya").check();
    await page.getByLabel("JKK – Jaminan Kecelakaan Kerja").check();
    await page.getByLabel(/Saya telah membaca/).check();
    await page.getByLabel(/Saya bersedia dihubungi/).check();
    await screenshot(page, "signup-form");
    await page.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();

    // the mistake: the form comes back with the answers kept, the error beside the phone, the cursor in it
    await expect.poll(() => page.getByText("Nomor HP tidak valid").isVisible()).toBe(true);
    expect(await page.evaluate<string>("document.activeElement.id")).toBe("phone");
    expect(await page.getByLabel("Nama lengkap").inputValue()).toBe("Maria Goreti Bili");
    expect(await page.getByLabel("Kabupaten/kota domisili").inputValue()).toBe("53.71");
    expect(await page.getByLabel("JKK – Jaminan Kecelakaan Kerja").isChecked()).toBe(true);
    await screenshot(page, "signup-error");

    await page.getByLabel("Nomor HP / WhatsApp").fill("0812-3456-7801");
    await page.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();
    await page.waitForURL(/\/t\/[a-z0-9]{26}$/);
    const ticketUrl = page.url();
    await expect.poll(() => page.getByText("Maria Goreti Bili").isVisible()).toBe(true);
    const qr = page.locator("figure.qr svg");
    expect(await qr.isVisible()).toBe(true);
    expect((await qr.boundingBox())!.width).toBeGreaterThan(250);
    await screenshot(page, "ticket");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("Simpan tiket (gambar)").click()]);
    // the ticket card, named after the event and the person
    expect(download.suggestedFilename()).toBe("tiket-journey-maria-goreti-bili.png");
    const png = await readFile((await download.path())!);
    expect(decodeQrPng(new Uint8Array(png))).toBe(ticketUrl);

    // the phone remembers the ticket: another booth offers one tap
    await page.goto("/e/journey/tenun");
    await page.getByRole("button", { name: "Beri tahu Tenun Ikat bahwa saya tertarik" }).click();
    await page.waitForURL(`${ticketUrl}?done=interest&booth=tenun`);
    // a visible confirmation, and the booth among those visited
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Terima kasih! Tenun Ikat sudah diberi tahu bahwa Anda tertarik.");
    expect(await page.getByRole("listitem").filter({ hasText: "Tenun Ikat" }).isVisible()).toBe(true);
    await context.close();
  });

  it("respects the person's effort: the notice opens in place, 'other occupation' only when chosen, even without JavaScript", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ baseURL: inject("baseUrl"), viewport: { width: 360, height: 740 }, locale: "id-ID", javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/e/journey/tenun");
      await page.getByLabel("Nama lengkap").fill("Dominggus Lay");
      const other = page.getByLabel(/Pekerjaan lainnya/);
      expect(await other.isVisible(), `js ${javaScriptEnabled}`).toBe(false);
      await page.getByLabel("Bidang kerja kreatif").selectOption("other");
      expect(await other.isVisible(), `js ${javaScriptEnabled}`).toBe(true);
      await page.getByLabel("Bidang kerja kreatif").selectOption("musik");
      expect(await other.isVisible()).toBe(false);
      // the whole privacy notice, read without leaving the form
      await page.getByText("Baca pemberitahuan privasi lengkap").click();
      expect(await page.getByRole("heading", { name: "Hak Anda" }).isVisible()).toBe(true);
      expect(await page.getByLabel("Nama lengkap").inputValue()).toBe("Dominggus Lay");
      expect(page.url()).toMatch(/\/e\/journey\/tenun$/);
      await context.close();
    }
    // the notice page on its own returns to the booth's form it came from
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto("/e/journey/privacy?booth=tenun");
    await page.getByRole("link", { name: "Kembali ke formulir" }).click();
    await page.waitForURL(/\/e\/journey\/tenun\?lang=id$/);
    expect(await page.getByText("Anda mendaftar di stan Tenun Ikat").isVisible()).toBe(true);
    await context.close();
  });

  it("switches to English and back", async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto("/e/journey");
    // each click is a page load: wait for it (a busy machine can take longer than expect.poll's one second)
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/\?lang=en$/);
    await expect.poll(() => page.getByLabel("Full name").isVisible()).toBe(true);
    await page.getByRole("link", { name: "Bahasa Indonesia" }).click();
    await page.waitForURL(/\?lang=id$/);
    await expect.poll(() => page.getByLabel("Nama lengkap").isVisible()).toBe(true);
    expect(inject("baseUrl")).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await context.close();
  });
});
