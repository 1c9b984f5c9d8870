/** The attendee's ticket at the door, where the signal is worst: once opened, it opens again with no network, QR included. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { decodeQrPng } from "../qr-decode";
import { launch, openEvent, phone, screenshot, signUpOnPage } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  await openEvent("tiket-off", "Festival Tiket Offline", [["bpjs", "BPJS Ketenagakerjaan"]]);
});

afterAll(async () => {
  await browser?.close();
});

const keptTicket = "caches.open('kf-ticket-pages').then((c) => c.match(location.pathname)).then(Boolean)";

describe("the ticket without a network", () => {
  it("reopens offline on the phone that opened it, with a QR that decodes to the ticket; the person's data pages are never kept", async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    const ticketUrl = await signUpOnPage(page, { path: "/e/tiket-off/bpjs", name: "Yohana Lodo", phone: "0812-5555-0101", occupation: "musik" });
    // the page tells the person to open it once before leaving home
    expect(await page.getByText("Buka halaman ini sekali sebelum berangkat dari rumah").isVisible()).toBe(true);
    await expect.poll(() => page.evaluate<boolean>(keptTicket), { timeout: 30_000 }).toBe(true);
    // "Data saya" opened online is not kept
    await page.goto(`${ticketUrl}/me`);
    await page.goto(ticketUrl);

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByText("Yohana Lodo").isVisible()).toBe(true);
    const qr = page.locator("figure.qr svg");
    expect(await qr.getAttribute("aria-label")).toBe("Kode QR tiket atas nama Yohana Lodo, untuk dipindai di pintu masuk");
    expect(decodeQrPng(new Uint8Array(await qr.screenshot()))).toBe(ticketUrl);
    await screenshot(page, "ticket-offline");
    const kept = await page.evaluate<string[]>("caches.open('kf-ticket-pages').then((c) => c.keys()).then((k) => k.map((r) => new URL(r.url).pathname))");
    expect(kept.every((p) => !p.includes("/me"))).toBe(true);
    await expect(page.goto(`${ticketUrl}/me`)).rejects.toThrow();
    await context.close();
  });

  it("works with JavaScript off: the same page and QR, only not kept for offline", async () => {
    const context = await browser.newContext({ baseURL: inject("baseUrl"), javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "id-ID" });
    const page = await context.newPage();
    const ticketUrl = await signUpOnPage(page, { path: "/e/tiket-off/bpjs", name: "Tanpa Skrip", phone: "0812-5555-0102", occupation: "musik" });
    expect(decodeQrPng(new Uint8Array(await page.locator("figure.qr svg").screenshot()))).toBe(ticketUrl);
    await context.close();
  });
});
