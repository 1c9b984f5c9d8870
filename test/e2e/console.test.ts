/** The organiser's console in Chromium: a laptop at 1440 px creates an event, a booth and prints its poster; a phone at 360 px reads it all. */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, phone, screenshot } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function laptop(): Promise<BrowserContext> {
  return browser.newContext({ baseURL: inject("baseUrl"), viewport: { width: 1440, height: 900 }, locale: "id-ID" });
}

/** Errors the page's console reports (a CSP refusal shows up here), but not HTTP statuses: a 422 form is expected. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

async function signIn(page: Page) {
  await page.goto("/staff/events");
  // sent to sign in, then back
  await page.getByLabel("Token staf").fill(inject("adminToken"));
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(/\/staff\/events$/);
}

/** The first page's size in points (A4 is 595 × 842, A5 420 × 595). */
function pageSize(pdf: string) {
  const m = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  return m ? [Math.round(Number(m[1])), Math.round(Number(m[2]))] : null;
}

const overflow = (page: Page) => page.evaluate<number>("document.documentElement.scrollWidth");

describe("console in Chromium", () => {
  it("creates an event and a booth at 1440 px and prints the booth's poster", async () => {
    const context = await laptop();
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await signIn(page);
    await page.getByRole("link", { name: "Buat acara baru" }).click();
    await page.getByLabel("Nama acara").fill("Festival Ekonomi Kreatif Kupang 2026");
    await page.getByLabel("Slug (untuk tautan)").fill("fekk-browser");
    await page.getByLabel("Tempat").fill("Taman Budaya Gerson Poyk");
    await page.getByLabel("Kota", { exact: true }).fill("Kota Kupang");
    await page.getByLabel("Mulai").fill("2026-12-05T09:00");
    await page.getByLabel("Selesai").fill("2026-12-04T21:00");
    await page.getByLabel("Penyelenggara (pengendali data)").fill("Dinas Pariwisata Kota Kupang");
    await page.getByLabel("Teks literasi (Bahasa Indonesia)").fill("JKK dan JKM mulai Rp 16.800 per bulan.");
    await page.getByText("Tambah pertanyaan").click();
    await page.locator('[name="questions.0.label.id"]').fill("Bidang usaha");
    await page.locator('[name="questions.0.type"]').selectOption("single");
    await page.locator('[name="questions.0.options"]').fill("Tenun ikat\nKuliner");
    await page.getByRole("button", { name: "Buat acara" }).click();

    // the mistake comes back beside its field, the rest kept
    await expect.poll(() => page.getByText("Waktu selesai harus setelah waktu mulai.").isVisible()).toBe(true);
    expect(await page.getByLabel("Nama acara").inputValue()).toBe("Festival Ekonomi Kreatif Kupang 2026");
    expect(await page.locator('[name="questions.0.options"]').inputValue()).toBe("Tenun ikat\nKuliner");
    await screenshot(page, "console-event-error-1440");
    await page.getByLabel("Selesai").fill("2026-12-06T21:00");
    await page.getByRole("button", { name: "Buat acara" }).click();
    await page.waitForURL(/\/staff\/events\/fekk-browser\/booths\?done=created$/);
    await expect.poll(() => page.getByText("Acara dibuat.").isVisible()).toBe(true);

    await page.getByLabel("Nama stan").fill("BPJS Ketenagakerjaan");
    await page.getByLabel("Peserta pameran").fill("Kantor Cabang Kupang");
    await page.getByRole("button", { name: "Tambah stan" }).click();
    await page.waitForURL(/done=boothCreated/);
    await page.getByLabel("Nama stan").fill("Tenun Ikat Sumba Timur");
    await page.getByRole("button", { name: "Tambah stan" }).click();
    await page.waitForURL(/done=boothCreated/);
    await page.getByRole("button", { name: "Buka pendaftaran" }).click();
    await expect.poll(() => page.getByText("Pendaftaran dibuka.").isVisible()).toBe(true);
    await screenshot(page, "console-booths-1440");

    await page.getByRole("row", { name: /BPJS Ketenagakerjaan/ }).getByRole("link", { name: "A4" }).click();
    await page.waitForURL(/\/booths\/bpjs-ketenagakerjaan\/poster\?size=a4$/);
    // the print button is there once its script runs (the CSP allows only our own scripts)
    expect(await page.getByRole("button", { name: "Cetak (A4)" }).isVisible()).toBe(true);
    const qr = page.locator("section.sheet figure.pqr svg");
    expect((await qr.boundingBox())!.width).toBeGreaterThan(300);
    await screenshot(page, "console-poster-a4-1440");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav.staffnav").isVisible()).toBe(false);
    await screenshot(page, "console-poster-a4-print");
    // one A4 page, 210 mm wide
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    expect(pageSize(pdf)).toEqual([595, 842]);

    // all posters: one per page (media back to normal, or the PDF would use screen styles)
    await page.emulateMedia({ media: null });
    await page.goto("/staff/events/fekk-browser/posters?size=a5");
    const all = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    expect(all.match(/\/Type\s*\/Page\b/g)).toHaveLength(2);
    expect(pageSize(all)).toEqual([420, 595]);

    // give a volunteer access, then take it back after the confirmation
    await page.goto("/staff/people");
    await page.getByLabel("Nama", { exact: true }).fill("Relawan Pintu Timur");
    await page.getByLabel("Semua acara").check();
    await page.getByRole("button", { name: "Buat token" }).click();
    const token = await page.locator("#token").inputValue();
    expect(token).toMatch(/^kf_/);
    await page.getByRole("link", { name: "Kembali ke daftar staf" }).click();
    const row = page.getByRole("row", { name: /Relawan Pintu Timur/ });
    page.once("dialog", (d) => void d.dismiss());
    await row.getByRole("button", { name: "Cabut akses" }).click();
    expect(await row.getByRole("button", { name: "Cabut akses" }).isVisible()).toBe(true);
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Cabut akses" }).click();
    await expect.poll(() => page.getByText("Akses dicabut.").isVisible()).toBe(true);
    expect(errors).toEqual([]);

    // the booth link really signs people up there
    const form = await fetch(`${inject("baseUrl")}/e/fekk-browser/bpjs-ketenagakerjaan`);
    expect(await form.text()).toContain("Anda mendaftar di stan BPJS Ketenagakerjaan.");
    await context.close();
  });

  it("reads on a 360 px phone without sideways scrolling, and the dashboard draws its charts", async () => {
    const base = inject("baseUrl");
    // a few signups so the charts have something to draw
    for (const [i, booth] of [[1, "bpjs-ketenagakerjaan"], [2, "bpjs-ketenagakerjaan"], [3, "tenun-ikat-sumba-timur"], [4, ""]] as const) {
      const body = new URLSearchParams({ name: `Peserta ${i}`, phone: `0812999900${i}0`, regency: i === 3 ? "53.11" : "53.71", occupation: "kriya", bpjs_status: "none", consent: "yes", contact_ok: "yes", "bidang_usaha": "kuliner" });
      // as a browser posts our form: with its Origin (another site's post is refused)
      const res = await fetch(`${base}/e/fekk-browser${booth ? `/${booth}` : ""}`, { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", origin: base } });
      expect(res.status).toBe(303);
    }
    const context = await phone(browser);
    const page = await context.newPage();
    await signIn(page);
    for (const [path, shot] of [
      ["/staff/events", "console-events-360"],
      ["/staff/events/fekk-browser", "console-settings-360"],
      ["/staff/events/fekk-browser/booths", "console-booths-360"],
      ["/staff/events/fekk-browser/booths/bpjs-ketenagakerjaan/poster?size=a5", "console-poster-360"],
      ["/staff/events/fekk-browser/dashboard", "console-dashboard-360"],
      ["/staff/people", "console-people-360"],
    ] as const) {
      await page.goto(path);
      expect(await overflow(page), path).toBeLessThanOrEqual(360);
      await screenshot(page, shot);
      // the full-page shot is as wide as the phone (2× pixels): nothing widened the layout
      expect(readFileSync(`test-results/${shot}.png`).readUInt32BE(16), path).toBe(720);
    }
    await page.goto("/staff/events/fekk-browser/dashboard");
    expect(await page.locator('[data-figure="registrations"] .num').textContent()).toBe("4");
    expect(await page.locator("svg[role=img]").count()).toBe(4);
    await context.close();

    const wide = await laptop();
    const desk = await wide.newPage();
    await signIn(desk);
    await desk.goto("/staff/events/fekk-browser/dashboard");
    await screenshot(desk, "console-dashboard-1440");
    await desk.goto("/staff/people");
    await screenshot(desk, "console-people-1440");
    await wide.close();
  });
});
