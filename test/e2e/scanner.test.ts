/** The door scanner in Chromium: the camera (fed a ticket QR as fake video), a handheld scanner's keystrokes, search. */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode } from "fast-png";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { api, launch, phone, screenshot, staffLogin } from "./browser";

let browser: Browser;
let cameraCode: string;
let handheldCode: string;
let token: string;

async function signup(name: string, phoneNumber: string): Promise<string> {
  const body = new URLSearchParams({ name, phone: phoneNumber, regency: "53.71", occupation: "musik", consent: "yes" });
  const res = await fetch(`${inject("baseUrl")}/e/scan-ev`, { method: "POST", body, redirect: "manual" });
  return /\/t\/([a-z0-9]+)$/.exec(res.headers.get("location")!)![1]!;
}

/** A one-frame Y4M video (640×480, grey) with the ticket's QR in the middle, for Chromium's fake camera. */
async function qrVideo(code: string): Promise<string> {
  const png = decode(new Uint8Array(await (await fetch(`${inject("baseUrl")}/t/${code}/qr.png`)).arrayBuffer()));
  const W = 640;
  const H = 480;
  const y = new Uint8Array(W * H).fill(255);
  const size = Math.min(png.width, 440);
  const step = png.width / size;
  const ox = (W - size) >> 1;
  const oy = (H - size) >> 1;
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) y[(oy + r) * W + ox + c] = Number(png.data[(Math.floor(r * step) * png.width + Math.floor(c * step)) * png.channels]);
  const chroma = new Uint8Array((W / 2) * (H / 2)).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  const file = join(tmpdir(), `ticket-${code}.y4m`);
  writeFileSync(file, Buffer.concat([header, y, chroma, chroma]));
  return file;
}

const resultStatus = (page: Page) => page.locator("#result").getAttribute("data-status");

beforeAll(async () => {
  await api("/events", {
    json: { slug: "scan-ev", name: "Festival Pintu", venue: "Taman Budaya", city: "Kota Kupang", starts_at: "2026-12-05T09:00:00+08:00", ends_at: "2026-12-06T21:00:00+08:00", status: "open" },
  });
  cameraCode = await signup("Kamera Satu", "081600000001");
  handheldCode = await signup("Genggam Dua", "081600000002");
  token = (await api<{ token: string }>("/staff", { json: { name: "Relawan", role: "checkin", events: ["scan-ev"] } })).token;
  browser = await launch(["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${await qrVideo(cameraCode)}`]);
});

afterAll(async () => {
  await browser?.close();
});

describe("the scanner page in Chromium", () => {
  it("admits a ticket seen by the camera, then refuses it from a handheld scanner, and admits another", async () => {
    const context = await phone(browser);
    await context.grantPermissions(["camera"]);
    const page = await context.newPage();
    await staffLogin(page, token, "/staff/checkin?event=scan-ev");

    // the gate is chosen once; then the camera starts and reads the fake video's QR
    await page.getByLabel("Pintu").fill("Pintu Utara");
    await page.getByRole("button", { name: "Mulai memindai" }).click();
    await expect.poll(() => resultStatus(page), { timeout: 30_000 }).toBe("checked_in");
    expect(await page.locator("#result strong").textContent()).toBe("Silakan masuk: Kamera Satu");
    expect(await page.evaluate<string>("getComputedStyle(document.getElementById('result')).backgroundColor")).toBe("rgb(10, 125, 50)");
    await screenshot(page, "scanner-admitted");

    // a handheld scanner types the ticket URL and Enter into the focused field
    await page.locator("#result").click();
    await page.locator("#ticket").focus();
    await page.keyboard.type(`${inject("baseUrl")}/t/${cameraCode}`);
    await page.keyboard.press("Enter");
    await expect.poll(() => resultStatus(page)).toBe("already_checked_in");
    expect(await page.locator("#result strong").textContent()).toMatch(/^Sudah masuk sejak \d\d:\d\d di Pintu Utara$/);
    await screenshot(page, "scanner-already-inside");

    await page.locator("#ticket").focus();
    await page.keyboard.type(handheldCode);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#result strong").textContent()).toBe("Silakan masuk: Genggam Dua");

    await page.keyboard.type("abcdefghjkmnpqrstuvwxyz234\n");
    await expect.poll(() => resultStatus(page)).toBe("not_found");
    expect(await page.locator("#log li").count()).toBeGreaterThanOrEqual(4);

    // the gate is remembered across reloads
    await page.reload();
    expect(await page.locator("#gate-name").textContent()).toBe("Pintu Utara");
    await context.close();
  });

  it("finds a guest without a ticket and checks them in from the result", async () => {
    await signup("Tanpa Tiket", "081600000003");
    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, token, "/staff/checkin?event=scan-ev&gate=Pintu%20Selatan");
    await page.getByLabel(/Cari tamu/).fill("tanpa tik");
    await page.getByRole("button", { name: "Cari" }).click();
    await expect.poll(() => page.locator("#hits").textContent()).toContain("Tanpa Tiket · +62 816-****-0003");
    await page.locator("#hits").getByRole("button", { name: "Check-in" }).click();
    await expect.poll(() => page.locator("#result strong").textContent()).toBe("Silakan masuk: Tanpa Tiket");
    await context.close();
  });

  it("verifies tickets while the network is down, admits each once, and syncs when it is back", async () => {
    const offlineCode = await signup("Tanpa Sinyal", "081600000004");
    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, token, "/staff/checkin?event=scan-ev&gate=Pintu%20Barat");
    // the digests of valid tickets arrive while online; the camera's first answer comes in too
    // as long as a shared machine needs (the default poll of one second races the page's first fetch)
    await expect.poll(() => page.evaluate<number>("JSON.parse(localStorage.getItem('kf_digests:scan-ev') || '[]').length"), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    await expect.poll(() => page.locator("#log li").count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);

    await context.setOffline(true);
    await page.locator("#ticket").fill(offlineCode);
    await page.locator("#ticket").press("Enter");
    await expect.poll(() => resultStatus(page)).toBe("offline_ok");
    expect(await page.locator("#result strong").textContent()).toBe("Tiket sah (offline): silakan masuk");
    await screenshot(page, "scanner-offline");
    await page.locator("#ticket").fill(offlineCode);
    await page.locator("#ticket").press("Enter");
    await expect.poll(() => resultStatus(page)).toBe("offline_duplicate");
    await page.locator("#ticket").fill("abcdefghjkmnpqrstuvwxyz234");
    await page.locator("#ticket").press("Enter");
    await expect.poll(() => resultStatus(page)).toBe("offline_unknown");
    expect(await page.locator("#pending").textContent()).toBe("1 pindaian menunggu dikirim");

    await context.setOffline(false);
    await expect.poll(() => page.locator("#pending").textContent(), { timeout: 20_000 }).toBe("");
    // the server now has the admission made offline
    const res = await fetch(`${inject("baseUrl")}/api/v1/events/scan-ev/checkins`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ ticket: offlineCode, gate: "Pintu Barat" }),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ status: "already_checked_in", gate: "Pintu Barat" });
    await context.close();
  });
});

