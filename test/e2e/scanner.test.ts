/** The door scanner in Chromium: the camera (fed a ticket QR as fake video), a handheld scanner's keystrokes, search. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { api, launch, phone, screenshot, staffLogin } from "./browser";
import { blankVideo, fakeCamera, qrVideo } from "./fake-camera";

/** phones whose camera sees the first guest's ticket */
let browser: Browser;
/** phones whose camera sees no ticket: for the tests the camera's own answers would get in the way of */
let quiet: Browser;
let cameraCode: string;
let handheldCode: string;
let token: string;

async function signup(name: string, phoneNumber: string): Promise<string> {
  const body = new URLSearchParams({ name, phone: phoneNumber, regency: "53.71", occupation: "musik", consent: "yes" });
  // as a browser posts our form: with its Origin (another site's post is refused)
  const res = await fetch(`${inject("baseUrl")}/e/scan-ev`, { method: "POST", body, redirect: "manual", headers: { origin: inject("baseUrl") } });
  return /\/t\/([a-z0-9]+)$/.exec(res.headers.get("location")!)![1]!;
}

const resultStatus = (page: Page) => page.locator("#result").getAttribute("data-status");

beforeAll(async () => {
  await api("/events", {
    // under way now: the scanner sends each scan with its own time, which must lie around the event
    json: {
      slug: "scan-ev",
      name: "Festival Pintu",
      venue: "Taman Budaya",
      city: "Kota Kupang",
      starts_at: new Date(Date.now() - 3600_000).toISOString(),
      ends_at: new Date(Date.now() + 86_400_000).toISOString(),
      status: "open",
    },
  });
  cameraCode = await signup("Kamera Satu", "081600000001");
  handheldCode = await signup("Genggam Dua", "081600000002");
  token = (await api<{ token: string }>("/staff", { json: { name: "Relawan", role: "checkin", events: ["scan-ev"] } })).token;
  browser = await launch(fakeCamera(await qrVideo(inject("baseUrl"), cameraCode)));
  quiet = await launch(fakeCamera(blankVideo()));
});

afterAll(async () => {
  await browser?.close();
  await quiet?.close();
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

    // the answer closes by itself after 2.5 s (a click on it would race that clock: on a busy machine the steps above
    // can take longer, and a click then waits for an answer that is gone)
    await expect.poll(() => page.locator("#result").isHidden()).toBe(true);
    // a handheld scanner types the ticket URL and Enter into the focused field
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
    await expect.poll(() => page.locator("#gate-name").textContent()).toBe("Pintu Utara");
    await context.close();
  });

  it("says the camera is being prepared until its decoder really decodes, and never 'ready' when the decoder cannot load", async () => {
    const context = await phone(browser);
    await context.grantPermissions(["camera"]);
    const page = await context.newPage();
    // the decoder's WebAssembly is held back until the page has been looked at. Held for the whole context, not the
    // page: the page's service worker may control it before the decoder is asked for, and then the worker fetches it
    // (page.route never sees that request; in Chromium context.route does)
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await context.route("**/vendor/zxing_reader.wasm", async (route) => {
      await held;
      await route.continue();
    });
    await staffLogin(page, token, "/staff/checkin?event=scan-ev&gate=Pintu%20Kamera");
    await expect.poll(() => page.locator("#camera-status").textContent()).toBe("Menyiapkan pembaca kode di kamera…");
    // the camera is on, the decoder not yet: still not "ready", and no answer from the camera
    await expect.poll(() => page.evaluate<boolean>("document.getElementById('camera').readyState >= 2")).toBe(true);
    expect(await page.locator("#camera-status").textContent()).toBe("Menyiapkan pembaca kode di kamera…");
    expect(await resultStatus(page)).toBeNull();
    release();
    await expect.poll(() => page.locator("#camera-status").textContent(), { timeout: 60_000 }).toBe("Siap memindai");
    await expect.poll(() => resultStatus(page), { timeout: 30_000 }).not.toBeNull();
    await context.close();

    const broken = await phone(browser);
    await broken.grantPermissions(["camera"]);
    const page2 = await broken.newPage();
    // refused whoever asks for it, the page or its worker
    await broken.route("**/vendor/zxing_reader.wasm", (route) => route.abort());
    await staffLogin(page2, token, "/staff/checkin?event=scan-ev&gate=Pintu%20Kamera");
    await expect.poll(() => page2.locator("#camera-status").textContent(), { timeout: 30_000 }).toBe("Kamera tidak tersedia. Gunakan pemindai genggam atau ketik kode.");
    await broken.close();
  });

  it("keeps a gate typed while its script was still on the way", async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, token, "/staff");
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/checkin/scanner.js", async (route) => {
      await held;
      await route.continue();
    });
    // the page is there, its deferred script not yet (the page waits for it before "loaded")
    await page.goto("/staff/checkin?event=scan-ev", { waitUntil: "commit" });
    await page.getByLabel("Pintu", { exact: true }).fill("Pintu Sabar");
    release();
    // the script runs (it says it prepares the camera), and the typed gate is still there
    await expect.poll(() => page.locator("#camera-status").textContent()).not.toBe("");
    expect(await page.getByLabel("Pintu", { exact: true }).inputValue()).toBe("Pintu Sabar");
    await page.getByRole("button", { name: "Mulai memindai" }).click();
    await expect.poll(() => page.locator("#gate-name").textContent()).toBe("Pintu Sabar");
    // chosen in the page, not by reloading it
    expect(new URL(page.url()).searchParams.has("gate")).toBe(false);
    await context.close();
  });

  it("finds a guest without a ticket and checks them in from the result", async () => {
    await signup("Tanpa Tiket", "081600000003");
    // a camera that sees no ticket: an answer of its own would cover the search form (and the answer this test waits
    // for) at a moment nobody chooses, and a click whose press and release straddle it reaches neither button
    const context = await phone(quiet);
    const page = await context.newPage();
    await staffLogin(page, token, "/staff/checkin?event=scan-ev&gate=Pintu%20Selatan");
    // the page's script is wired (it lists the tickets after wiring the search): the search is the script's, not the form's
    await expect.poll(() => page.locator("#list-size").textContent()).toMatch(/^\d+ tiket/);
    await page.getByLabel(/Cari tamu/).fill("tanpa tik");
    await page.getByRole("button", { name: "Cari" }).click();
    await expect.poll(() => page.locator("#hits").textContent()).toContain("Tanpa Tiket · 0816-****-0003");
    await page.locator("#hits").getByRole("button", { name: "Check-in" }).click();
    await expect.poll(() => page.locator("#result strong").textContent()).toBe("Silakan masuk: Tanpa Tiket");
    await context.close();
  });

  it("verifies tickets while the network is down, admits each once, and syncs when it is back", async () => {
    const offlineCode = await signup("Tanpa Sinyal", "081600000004");
    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, token, "/staff/checkin?event=scan-ev&gate=Pintu%20Barat");
    // the list of valid tickets arrives while online (kept in IndexedDB); the camera's first answer comes in too
    await expect.poll(() => page.locator("#list-size").textContent().then((t) => Number(/^(\d+) tiket/.exec(t ?? "")?.[1] ?? 0)), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
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
    // not in the phone's list: amber, the volunteer decides; turned away, nothing is queued
    await page.locator("#ticket").fill("abcdefghjkmnpqrstuvwxyz234");
    await page.locator("#ticket").press("Enter");
    await expect.poll(() => resultStatus(page)).toBe("offline_unknown");
    await page.getByRole("button", { name: "Jangan izinkan" }).click();
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

