/** The enrollment desk in Chromium: a phone at 360 px and a laptop at 1440 px, follow-up and downloads. */
import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { api, launch, openEvent, phone, screenshot, staffLogin } from "./browser";

let browser: Browser;
let token: string;

async function signup(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const res = await fetch(`${inject("baseUrl")}/e/desk/bpjs`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { origin: inject("baseUrl"), "content-type": "application/x-www-form-urlencoded" },
  });
  if (res.status !== 303) throw new Error(`signup: ${res.status}`);
}

beforeAll(async () => {
  browser = await launch();
  await openEvent("desk", "Festival Ekonomi Kreatif Kupang", [["bpjs", "BPJS Ketenagakerjaan"]]);
  token = (await api<{ token: string }>("/staff", { json: { name: "Yuliana Enrollment", role: "enrollment", events: ["desk"] } })).token;
  const base = { regency: "53.71", occupation: "kriya", bpjs_status: "none", interests: ["jkk", "jkm"], consent: "yes", contact_ok: "yes" };
  await signup({ ...base, name: "Maria Goreti Bili", phone: "0812-3456-7801", nik: "5371014501900001" });
  await signup({ ...base, name: "Yohanes Benediktus Tefa Sanam", phone: "0813-3456-7802", occupation: "seni_pertunjukan", email: "yohanes.benediktus.tefa@example.com" });
  await signup({ ...base, name: "Tanpa Izin Kontak", phone: "0813-3456-7803", contact_ok: "" });
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(context: BrowserContext) {
  const page = await context.newPage();
  await staffLogin(page, token, "/staff/leads");
  return page;
}

describe("the enrollment desk", () => {
  it("works on a 360 px phone: list, WhatsApp, record an outcome, download", async () => {
    const context = await phone(browser);
    const page = await signIn(context);
    await expect.poll(() => page.getByText("Maria Goreti Bili").isVisible()).toBe(true);
    expect(await page.getByText("Tanpa Izin Kontak").count()).toBe(0);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    await screenshot(page, "leads-phone");

    const card = page.locator("article.lead", { hasText: "Maria Goreti Bili" });
    const wa = new URL((await card.getByRole("link", { name: "WhatsApp" }).getAttribute("href"))!);
    expect(wa.origin + wa.pathname).toBe("https://wa.me/6281234567801");
    expect(wa.searchParams.get("text")).toContain("Halo Maria Goreti Bili");
    // the tap target is big enough for a thumb
    expect((await card.getByRole("link", { name: "WhatsApp" }).boundingBox())!.height).toBeGreaterThanOrEqual(44);

    await card.getByLabel("Status").selectOption("contacted");
    await card.getByLabel("Tambah catatan").fill("Sudah WA, minta ditelepon sore");
    await card.getByLabel("Ditangani oleh").selectOption({ label: "Yuliana Enrollment" });
    await card.getByRole("button", { name: "Simpan" }).click();
    await page.waitForURL(/saved=\d+#lead-\d+$/);
    const saved = page.locator("article.lead.saved");
    await expect.poll(() => saved.getByText("Tersimpan.").isVisible()).toBe(true);
    expect(await saved.getByText("Sudah WA, minta ditelepon sore").isVisible()).toBe(true);
    expect(await saved.getByLabel("Status").inputValue()).toBe("contacted");

    await page.getByLabel(/Sertakan NIK lengkap/).check();
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Excel (XLSX)" }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^leads-desk-\d{8}-\d{4}\.xlsx$/);
    const bytes = await readFile((await xlsx.path())!);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV" }).click()]);
    const text = await readFile((await csv.path())!);
    expect(text.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.toString("utf8")).toContain("5371014501900001");
    expect(text.toString("utf8")).not.toContain("Tanpa Izin Kontak");
    await context.close();
  });

  it("lines up on a 1440 px laptop: filters in a row, each lead's form on one line", async () => {
    const context = await browser.newContext({ baseURL: inject("baseUrl"), viewport: { width: 1440, height: 900 }, locale: "id-ID", acceptDownloads: true });
    const page = await signIn(context);
    await expect.poll(() => page.getByText("Yohanes Benediktus Tefa Sanam").isVisible()).toBe(true);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1440);
    const card = page.locator("article.lead", { hasText: "Yohanes Benediktus" });
    const status = (await card.getByLabel("Status").boundingBox())!;
    const save = (await card.getByRole("button", { name: "Simpan" }).boundingBox())!;
    expect(Math.abs(status.y + status.height - (save.y + save.height))).toBeLessThan(12);
    const q = (await page.getByLabel("Nama atau nomor HP").boundingBox())!;
    const st = (await page.locator("#f-status").boundingBox())!;
    expect(Math.abs(q.y - st.y)).toBeLessThan(4);
    await page.getByLabel("Nama atau nomor HP").fill("yohanes");
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await page.waitForURL(/q=yohanes/);
    expect(await page.locator("article.lead").count()).toBe(1);
    await screenshot(page, "leads-laptop");
    await context.close();
  });
});
