/**
 * People, not phone numbers, in Chromium against the real local server: a
 * household signs up on one phone (two names, two tickets), a stranger tries
 * the mother's number and name from another browser and learns nothing, and
 * the mother gets her ticket back on a new phone from the link in the outbox
 * (no WhatsApp settings locally: the message stops as not_sent, its text kept,
 * and only then, in local development, the outbox shows its link whole).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, outboxLink, openEvent, phone, screenshot } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  await openEvent("rumah", "Festival Ekonomi Kreatif Kupang", [["bpjs", "BPJS Ketenagakerjaan"]]);
});

afterAll(async () => {
  await browser?.close();
});

async function fill(page: Page, name: string, occupation: string) {
  await page.getByLabel("Nama lengkap").fill(name);
  await page.getByLabel("Nomor HP / WhatsApp").fill("0812-9900-0001");
  await page.getByLabel("Kabupaten/kota domisili").selectOption("53.71");
  await page.getByLabel("Bidang kerja kreatif").selectOption(occupation);
  await page.getByLabel(/Saya telah membaca/).check();
  await page.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();
}

describe("a household, a stranger and a lost ticket", () => {
  it("keeps each person whole", async () => {
    // the shared phone: the mother, then her husband
    const home = await phone(browser);
    const shared = await home.newPage();
    await shared.goto("/e/rumah/bpjs");
    await fill(shared, "Maria Bili", "kriya");
    await shared.waitForURL(/\/t\/[a-z0-9]{26}$/);
    const motherTicket = shared.url();
    await shared.goto("/e/rumah");
    await expect.poll(() => shared.getByText("Formulir ini untuk mendaftarkan orang lain").isVisible()).toBe(true);
    await fill(shared, "Yosef Bili", "musik");
    await shared.waitForURL(/\/t\/[a-z0-9]{26}$/);
    const fatherTicket = shared.url();
    expect(fatherTicket).not.toBe(motherTicket);
    await expect.poll(() => shared.getByText("Yosef Bili").isVisible()).toBe(true);
    await screenshot(shared, "household-second-ticket");

    // a stranger's browser with her number and her name
    const street = await phone(browser);
    const stranger = await street.newPage();
    await stranger.goto("/e/rumah/bpjs");
    await fill(stranger, "maria  BILI", "musik");
    await expect.poll(() => stranger.getByRole("heading", { name: "Sudah terdaftar" }).isVisible()).toBe(true);
    const html = await stranger.content();
    expect(html).not.toContain(motherTicket.split("/t/")[1]);
    expect(html).not.toContain("Kriya");
    expect(stranger.url()).not.toContain("/t/");
    expect((await street.cookies()).some((c) => c.name === "kf_ticket")).toBe(false);
    await screenshot(stranger, "stranger-already-registered");

    // the mother on a new phone: asks for her ticket, opens the link the outbox holds
    const newPhone = await phone(browser);
    const mother = await newPhone.newPage();
    await mother.goto("/e/rumah");
    await mother.getByRole("link", { name: /tiket hilang/ }).click();
    await mother.getByLabel("Nomor HP / WhatsApp").fill("+62 812 9900 0001");
    await mother.getByRole("button", { name: "Kirim tautan tiket" }).click();
    await expect.poll(() => mother.getByText(/tautan tiket sudah dikirim/).isVisible()).toBe(true);
    // the consumer settles it as not_sent (no WhatsApp settings here); the text keeps the link
    const link = await outboxLink("rumah", "Maria Bili");
    // opening the link only shows its button (a link previewer burns nothing); her tap binds it
    await mother.goto(link);
    await mother.getByRole("button", { name: "Buka tiket saya di HP ini" }).click();
    await mother.waitForURL(motherTicket);
    await expect.poll(() => mother.getByText("Maria Bili").isVisible()).toBe(true);
    expect((await newPhone.cookies()).find((c) => c.name === "kf_ticket")?.value).toContain(motherTicket.split("/t/")[1]);
    // the link works once
    const again = await (await newPhone.newPage()).goto(link);
    expect(again!.status()).toBe(410);
    await screenshot(mother, "recovered-ticket");
    await Promise.all([home.close(), street.close(), newPhone.close()]);
  });
});
