/** The attendee's ticket at the door, where the signal is worst: once opened, it opens again with no network, QR included. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { decodeQrPng } from "../qr-decode";
import { launch, openEvent, phone, screenshot, signUpByPost, signUpOnPage } from "./browser";

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

  it("never keeps a captive portal's page in place of the ticket or its QR", async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    const ticketUrl = await signUpOnPage(page, { path: "/e/tiket-off/bpjs", name: "Maria Portal", phone: "0812-5555-0103", occupation: "musik" });
    await expect.poll(() => page.evaluate<boolean>(keptTicket)).toBe(true);
    const path = new URL(ticketUrl).pathname;

    // a venue's Wi-Fi answers for the site with its own sign-in page (the worker's own requests too): in place of
    // the QR image, and by sending the ticket page on to it
    const portal = { status: 200, contentType: "text/html", body: "<h1>Masuk ke WiFi Gedung</h1>" };
    await context.route(`**${path}/qr.png`, (route) => route.fulfill(portal));
    await context.route("**/wifi-login", (route) => route.fulfill(portal));
    await context.route(`**${path}`, (route) => route.fulfill({ status: 302, headers: { location: "/wifi-login" } }));
    const image = await page.evaluate<string>(`fetch("${path}/qr.png").then((r) => r.text())`);
    expect(image).toContain("Masuk ke WiFi Gedung");
    // the worker decided before it answered: nothing of the portal was kept
    expect(await page.evaluate<boolean>(`caches.open("kf-ticket-pages").then((c) => c.match("${path}/qr.png")).then(Boolean)`)).toBe(false);
    await page.goto(ticketUrl);
    expect(await page.getByText("Masuk ke WiFi Gedung").isVisible()).toBe(true);

    // offline at the door: the ticket the phone kept is still the ticket
    await context.unrouteAll();
    await context.setOffline(true);
    await page.goto(ticketUrl);
    await expect.poll(() => page.getByText("Maria Portal").isVisible()).toBe(true);
    await context.close();
  });

  it("keeps a ticket whose page came from the network while the worker took control of it (the keep race)", async () => {
    const first = await signUpByPost("tiket-off", "Anna Pertama", "081255550104");
    const second = await signUpByPost("tiket-off", "Bona Kedua", "081255550105");
    const context = await phone(browser);
    const held = () => {
      let release!: () => void;
      const until = new Promise<void>((ok) => (release = ok));
      return { until, release, asked: false };
    };
    // the worker's script is held: it is registered by the first ticket's page, but not active yet
    const worker = held();
    await context.route("**/t/sw.js", async (route) => {
      worker.asked = true;
      await worker.until;
      await route.continue();
    });
    const one = await context.newPage();
    await one.goto(`/t/${first}`);
    await expect.poll(() => worker.asked).toBe(true);

    // a second ticket opens meanwhile: its page comes from the network (no worker is active), its script waits
    const script = held();
    const two = await context.newPage();
    await two.route("**/t/ticket.js", async (route) => {
      await script.until;
      await route.continue();
    });
    await two.goto(`/t/${second}`, { waitUntil: "commit" });
    await expect.poll(() => two.evaluate<string>("document.readyState")).toBe("interactive");
    // the worker becomes active and takes control of both pages while the second one still loads
    worker.release();
    await expect.poll(() => two.evaluate<boolean>("Boolean(navigator.serviceWorker.controller)")).toBe(true);
    expect(await two.evaluate<number>("performance.getEntriesByType('navigation')[0].workerStart")).toBe(0);
    // its script runs now: a page that did not pass through the worker asks it to keep a copy
    script.release();
    await expect.poll(() => two.evaluate<boolean>(`caches.open("kf-ticket-pages").then((c) => c.match("/t/${second}")).then(Boolean)`)).toBe(true);
    await context.setOffline(true);
    await two.reload();
    await expect.poll(() => two.getByText("Bona Kedua").isVisible()).toBe(true);
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
