/** A weaver on a phone uses her rights from the ticket page: sees her data, downloads it, corrects it, withdraws, deletes. */
import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openEvent, phone, screenshot, signUpOnPage } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  await openEvent("hak-saya", "Festival Tenun Kupang", [["bpjs", "BPJS Ketenagakerjaan"]]);
});

afterAll(async () => {
  await browser?.close();
});

describe("the attendee's own data in Chromium at 360 px", () => {
  it("sees, downloads, corrects, stops contact and deletes everything from the ticket page", async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    const fitsScreen = async () => expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);

    const ticketUrl = await signUpOnPage(page, { path: "/e/hak-saya/bpjs", name: "Yuliana Seran", phone: "0812-7777-0101", regency: "53.04", contact: true });

    // from the ticket to "my data"
    await page.getByRole("link", { name: "Data saya" }).click();
    await page.waitForURL(/\/me\?lang=id$/);
    await expect.poll(() => page.getByRole("heading", { name: "Data saya" }).isVisible()).toBe(true);
    expect(await page.getByText("Yuliana Seran").isVisible()).toBe(true);
    expect(await page.getByRole("cell", { name: "Belu", exact: true }).isVisible()).toBe(true);
    await fitsScreen();
    await screenshot(page, "rights-my-data");

    // a copy of it
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Unduh data saya" }).click()]);
    expect(download.suggestedFilename()).toBe("data-saya-hak-saya.json");
    const doc = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(doc.person).toMatchObject({ name: "Yuliana Seran", phone: "+6281277770101", regency: { code: "53.04" } });

    // a correction, with one mistake on the way
    await page.getByRole("link", { name: "Perbaiki data saya" }).click();
    await page.getByLabel("Nama lengkap").fill("Yuliana Maria Seran");
    await page.getByLabel("Email (tidak wajib)").fill("yuliana@example.com");
    // "other" without saying which: only the server can tell
    await page.getByLabel("Bidang kerja kreatif").selectOption("other");
    await page.getByRole("button", { name: "Simpan perbaikan" }).click();
    await expect.poll(() => page.getByText("Tuliskan pekerjaan Anda.").isVisible()).toBe(true);
    expect(await page.getByLabel("Nama lengkap").inputValue()).toBe("Yuliana Maria Seran");
    expect(await page.getByLabel("Email (tidak wajib)").inputValue()).toBe("yuliana@example.com");
    await fitsScreen();
    await screenshot(page, "rights-correct-error");
    await page.getByLabel("Pekerjaan lainnya").fill("Penenun ikat");
    await page.getByRole("button", { name: "Simpan perbaikan" }).click();
    await expect.poll(() => page.getByText("Data Anda sudah diperbaiki.").isVisible()).toBe(true);
    expect(await page.getByText("Yuliana Maria Seran").isVisible()).toBe(true);
    expect(await page.getByText("Lainnya: Penenun ikat").isVisible()).toBe(true);

    // no more calls
    await page.getByRole("button", { name: "Jangan hubungi saya lagi" }).click();
    await expect.poll(() => page.getByText("Selesai. Anda tidak akan dihubungi lagi").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Jangan hubungi saya lagi" }).count()).toBe(0);

    // everything
    await page.getByRole("link", { name: "Hapus semua data saya" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Hapus semua data saya?" }).isVisible()).toBe(true);
    await fitsScreen();
    await screenshot(page, "rights-erase-confirm");
    await page.getByRole("button", { name: "Ya, hapus data saya" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Data Anda sudah dihapus" }).isVisible()).toBe(true);
    await screenshot(page, "rights-erased");
    expect((await context.cookies()).some((c) => c.name === "kf_ticket")).toBe(false);

    // the ticket is gone, and its QR with it
    const ticket = await page.goto(ticketUrl);
    expect(ticket!.status()).toBe(404);
    expect((await page.goto(`${ticketUrl}/qr.png`))!.status()).toBe(404);
    await context.close();
  });
});
