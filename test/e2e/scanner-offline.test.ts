/**
 * The door with no network, in Chromium: the scanner opened once online starts again
 * offline (service worker), decides from its ticket list (kept fresh by deltas),
 * asks before admitting a ticket it does not know, keeps its queue in IndexedDB
 * across reloads and sends it exactly once; a revoked phone forgets it all.
 */
import { createHash } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, chooseGate, launch, onNow, openEvent, phone, screenshot, staffLogin } from "./browser";

let browser: Browser;
let volunteer: { id: number; token: string };

const base = () => inject("baseUrl");
const digest = (code: string) => createHash("sha256").update(code).digest("hex").slice(0, 12);
async function signup(phoneNumber: string, name: string): Promise<string> {
  // as a browser posts it: from our own origin (another site's post is refused)
  const res = await fetch(`${base()}/e/door-off`, { method: "POST", redirect: "manual", headers: { origin: base() }, body: new URLSearchParams({ name, phone: phoneNumber, regency: "53.71", occupation: "musik", consent: "yes" }) });
  return /\/t\/([a-z0-9]{26})$/.exec(res.headers.get("location")!)![1]!;
}
const status = (page: Page) => page.locator("#result").getAttribute("data-status");
async function type(page: Page, code: string) {
  await page.locator("#ticket").fill(code);
  await page.locator("#ticket").press("Enter");
}
/** A value the scanner keeps in IndexedDB. */
const stored = (page: Page, key: string) =>
  page.evaluate(`new Promise((ok, fail) => {
    const r = indexedDB.open("kupang-fair-door", 1);
    r.onsuccess = () => { const q = r.result.transaction("kv").objectStore("kv").get(${JSON.stringify(key)}); q.onsuccess = () => { ok(q.result ?? null); r.result.close(); }; q.onerror = () => fail(q.error); };
    r.onerror = () => fail(r.error);
  })`);
const kept = (page: Page, url: string) => page.evaluate(`caches.match(${JSON.stringify(url)}).then((r) => Boolean(r))`);

beforeAll(async () => {
  browser = await launch();
  await openEvent("door-off", "Festival Pintu Offline", [], onNow());
  volunteer = await api<{ id: number; token: string }>("/staff", { json: { name: "Relawan Offline", role: "checkin", events: ["door-off"] } });
});

afterAll(async () => {
  await browser?.close();
});

async function openScanner(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await staffLogin(page, volunteer.token, "/staff/checkin?event=door-off");
  return page;
}

describe("the scanner without a network", () => {
  it("starts offline after one visit, admits a listed ticket, asks about a new one, keeps its queue across reloads, and syncs once", async () => {
    const known = await signup("081800000001", "Maria Goreti Bili");
    const context = await phone(browser);
    const page = await openScanner(context);
    await chooseGate(page, "Pintu Offline");
    // online once: the list arrives, the page and its decoder are kept
    await expect.poll(() => page.locator("#list-size").textContent(), { timeout: 30_000 }).toMatch(/^1 tiket di daftar HP ini/);
    await expect.poll(() => kept(page, "/staff/checkin?event=door-off"), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => kept(page, "/vendor/zxing_reader.wasm"), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.locator("#camera-status").textContent(), { timeout: 60_000 }).not.toBe("Menyiapkan pembaca kode di kamera…");

    // a ticket issued after the phone's last copy
    const late = await signup("081800000002", "Yohanes Datang Belakangan");
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator("#gate-name").textContent()).toBe("Pintu Offline");

    await type(page, known);
    await expect.poll(() => status(page)).toBe("offline_ok");
    expect(await page.locator("#result strong").textContent()).toBe("Tiket sah (offline): silakan masuk");
    // the name the phone keeps: the first name only
    expect(await page.locator("#result span").textContent()).toBe("Maria");
    await page.locator("#result").click();

    await type(page, late);
    await expect.poll(() => status(page)).toBe("offline_unknown");
    expect(await page.locator("#result strong").textContent()).toBe("Tidak ada di daftar HP ini. Periksa KTP: izinkan masuk?");
    expect(await page.evaluate<string>("getComputedStyle(document.getElementById('result')).backgroundColor")).toBe("rgb(138, 82, 0)");
    await screenshot(page, "scanner-offline-ask");
    await page.getByRole("button", { name: "Izinkan masuk (sementara)" }).click();
    await expect.poll(() => status(page)).toBe("provisional_ok");
    await expect.poll(() => page.locator("#pending").textContent()).toBe("2 pindaian menunggu dikirim");

    // the queue is in IndexedDB: a reload (still offline) keeps it
    await page.reload();
    await expect.poll(() => page.locator("#pending").textContent()).toBe("2 pindaian menunggu dikirim");
    const queue = (await stored(page, "queue:door-off")) as { ticket: string; offline?: string }[];
    expect(queue.map((s) => [s.ticket, s.offline])).toEqual([
      [known, "listed"],
      [late, "provisional"],
    ]);
    // and offline the same ticket does not pass twice on this phone
    await type(page, known);
    await expect.poll(() => status(page)).toBe("offline_duplicate");

    await context.setOffline(false);
    await expect.poll(() => page.locator("#pending").textContent(), { timeout: 30_000 }).toBe("");
    // a reload online sends nothing again
    await page.reload();
    await expect.poll(() => page.locator("#list-size").textContent(), { timeout: 30_000 }).toMatch(/^2 tiket/);
    const stats = await api<{ checked_in: number; per_gate: { gate: string; admissions: number }[] }>("/events/door-off/stats");
    expect(stats.checked_in).toBe(2);
    expect(stats.per_gate).toEqual([{ gate: "Pintu Offline", admissions: 2, guests: 2, inside_now: 2 }]);
    // both admissions were good: no conflict for the organisers
    expect((await api<{ conflicts: unknown[] }>("/events/door-off/conflicts")).conflicts).toEqual([]);
    await context.close();
  });

  it("keeps its list fresh by deltas: a new ticket arrives, an erased one leaves", async () => {
    const leaving = await signup("081800000003", "Akan Pergi");
    const context = await phone(browser);
    const page = await openScanner(context);
    await chooseGate(page, "Pintu Delta");
    await expect.poll(() => stored(page, "tickets:door-off").then((l) => Object.keys((l as { names: object } | null)?.names ?? {}).length), { timeout: 30_000 }).toBe(3);

    const arriving = await signup("081800000004", "Baru Datang");
    const erased = await fetch(`${base()}/t/${leaving}/me/erase`, { method: "POST", redirect: "manual", body: new URLSearchParams({ confirm: "yes" }), headers: { origin: base() } });
    expect(erased.status).toBe(303);
    const asked: string[] = [];
    page.on("request", (r) => void (r.url().includes("/tickets/digests") && asked.push(new URL(r.url()).search)));
    // the next refresh (the page does one as it opens, then every 30 s): only what changed
    await page.reload();
    await expect.poll(() => stored(page, "tickets:door-off").then((l) => (l as { names: Record<string, string> }).names[digest(arriving)]), { timeout: 30_000 }).toBe("Baru");
    const names = ((await stored(page, "tickets:door-off")) as { names: Record<string, string> }).names;
    expect(names[digest(leaving)]).toBeUndefined();
    expect(asked[0]).toMatch(/^\?since=\d+$/);
    await context.close();
  });

  it("forgets its list, names and queue when its access is revoked, and when it signs out", async () => {
    const context = await phone(browser);
    const page = await openScanner(context);
    await chooseGate(page, "Pintu Dicabut");
    await expect.poll(() => stored(page, "tickets:door-off"), { timeout: 30_000 }).not.toBeNull();
    await expect.poll(() => kept(page, "/staff/checkin?event=door-off"), { timeout: 30_000 }).toBe(true);

    // signing out (nothing waits to be sent): the device keeps nothing of the door
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.waitForURL(/\/staff\/login/);
    await expect.poll(() => page.evaluate<string[]>("indexedDB.databases().then((d) => d.map((x) => x.name))")).not.toContain("kupang-fair-door");
    await expect.poll(() => page.evaluate<string[]>("caches.keys()")).toEqual([]);

    // a paired device revoked while signed in learns it at its next sync
    const device = await api<{ id: number; token: string }>("/staff", { json: { name: "Perangkat Pintu 9", role: "checkin", events: ["door-off"], gate: "Pintu 9" } });
    await staffLogin(page, device.token, "/staff/checkin?event=door-off");
    await expect.poll(() => stored(page, "tickets:door-off"), { timeout: 30_000 }).not.toBeNull();
    const revoke = await fetch(`${base()}/api/v1/staff/${device.id}`, { method: "DELETE", headers: { authorization: `Bearer ${inject("adminToken")}` } });
    expect(revoke.status).toBe(204);
    await page.reload();
    await page.waitForURL(/\/staff\/login/);
    await expect.poll(() => page.evaluate<string[]>("indexedDB.databases().then((d) => d.map((x) => x.name))")).not.toContain("kupang-fair-door");
    // nothing of the door is kept: no page, no list, no queue. A download of the public QR decoder that was in
    // flight when the site's data was cleared may land after it (public code, no personal data): allowed, nothing else
    const left = (): Promise<string[]> =>
      page.evaluate("caches.keys().then((names) => Promise.all(names.map((n) => caches.open(n).then((c) => c.keys()).then((rs) => rs.map((r) => n + ' ' + new URL(r.url).pathname))))).then((l) => l.flat())");
    await expect.poll(async () => (await left()).filter((entry) => !/^kf-door-decoder-[\d.]+ \/vendor\//.test(entry))).toEqual([]);
    await context.close();
  });
});
