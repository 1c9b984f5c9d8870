/**
 * The door with no network, in Chromium: the scanner opened once online starts again
 * offline (service worker), decides from its ticket list (kept fresh by deltas),
 * asks before admitting a ticket it does not know, keeps its queue in IndexedDB
 * across reloads and sends it exactly once; a revoked phone forgets it all.
 */
import { createHash } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, chooseGate, doorStored, launch, onNow, openEvent, phone, screenshot, signUpByPost, staffLogin, typeTicket } from "./browser";

let browser: Browser;
let volunteer: { id: number; token: string };

const base = () => inject("baseUrl");
const digest = (code: string) => createHash("sha256").update(code).digest("hex").slice(0, 12);
const signup = (phoneNumber: string, name: string) => signUpByPost("door-off", name, phoneNumber);
const status = (page: Page) => page.locator("#result").getAttribute("data-status");
const type = typeTicket;
const stored = doorStored;
/** The id of the element with the focus. */
const focused = (page: Page) => page.evaluate<string>("document.activeElement?.id ?? ''");
/** True when the middle of `selector` is not covered by anything else on the screen. */
const uncovered = (page: Page, selector: string) =>
  page.evaluate<boolean>(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.width > 0 && (hit === el || el.contains(hit));
  })()`);
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
    // the answer closes by itself after 2.5 s: waited for, not clicked (a click after a slow step races that clock)
    await expect.poll(() => page.locator("#result").isHidden()).toBe(true);

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

  it("answers the amber question from the keyboard: 'admit' focused, Escape turns away, the ticket field focused after, never covered", async () => {
    const context = await phone(browser);
    const page = await openScanner(context);
    await chooseGate(page, "Pintu Papan Ketik");
    await expect.poll(() => stored(page, "tickets:door-off")).not.toBeNull();
    const newcomer = await signup("081800000020", "Kornelis Datang Baru");
    await context.setOffline(true);

    /** the status of the next answer `act` brings (each answer adds a line to the scan list) */
    const answerTo = async (act: () => Promise<void>) => {
      const before = await page.locator("#log li").count();
      await act();
      await expect.poll(() => page.locator("#log li").count()).toBe(before + 1);
      return status(page);
    };
    expect(await answerTo(() => type(page, newcomer))).toBe("offline_unknown");
    expect(await focused(page)).toBe("admit");
    expect(await uncovered(page, "#admit")).toBe(true);
    // the answer fills the screen below the scanning part: the ticket field stays in view
    expect(await uncovered(page, "#ticket")).toBe(true);
    // a handheld scanner's code and Enter, while the question waits, do not answer it; Escape turns away
    await page.keyboard.type("abcdefghjkmnpqrstuvwxyz234");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#result").isHidden()).toBe(true);
    expect(await focused(page)).toBe("ticket");
    // so the same ticket is asked about again (had the scanner's Enter admitted it, it would be a duplicate now)
    expect(await answerTo(() => type(page, newcomer))).toBe("offline_unknown");
    expect(await page.locator("#pending").textContent()).toBe("");
    // the volunteer's Enter on the focused button admits; the focus goes back to the ticket field
    expect(await answerTo(() => page.keyboard.press("Enter"))).toBe("provisional_ok");
    expect(await focused(page)).toBe("ticket");
    await expect.poll(() => page.locator("#pending").textContent()).toBe("1 pindaian menunggu dikirim");

    // the same ticket again on this phone: already in, provisionally, since then; not asked again
    expect(await answerTo(() => type(page, newcomer))).toBe("offline_duplicate");
    expect(await page.locator("#result strong").textContent()).toMatch(/^Sudah masuk \(sementara\) pukul \d\d:\d\d$/);
    expect(await page.locator("#result .ask").isHidden()).toBe(true);

    // another ticket the phone does not know: Escape turns the guest away, nothing queued
    await page.keyboard.press("Escape");
    expect(await answerTo(() => type(page, "zzzzzzzzzzzzzzzzzzzzzzzzzz"))).toBe("offline_unknown");
    expect(await focused(page)).toBe("admit");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#result").isHidden()).toBe(true);
    expect(await focused(page)).toBe("ticket");
    expect(await page.locator("#pending").textContent()).toBe("1 pindaian menunggu dikirim");
    await context.setOffline(false);
    await expect.poll(() => page.locator("#pending").textContent()).toBe("");
    await context.close();
  });

  it("gives up on a scan the network never answers, decides offline once, and the late admission is not doubled", async () => {
    const held = await signup("081800000021", "Agustina Tertahan");
    // the page's own requests are routed here (a service worker would take them past the route)
    const context = await phone(browser, { serviceWorkers: "block" });
    const page = await openScanner(context);
    await chooseGate(page, "Pintu Lambat");
    await expect.poll(() => stored(page, "tickets:door-off").then((l) => (l as { names: Record<string, string> } | null)?.names[digest(held)])).toBe("Agustina");
    // the venue's network takes the scan to the server, and never brings the answer back
    let reached = 0;
    await page.route("**/api/v1/events/door-off/checkins", async (route) => {
      reached += 1;
      await route.fetch().catch(() => undefined);
    });
    await type(page, held);
    await expect.poll(() => status(page)).toBe("offline_ok");
    expect(await page.locator("#result span").textContent()).toBe("Agustina");
    await expect.poll(() => page.locator("#pending").textContent()).toBe("1 pindaian menunggu dikirim");
    expect(reached).toBeGreaterThanOrEqual(1);
    const inside = async () => (await api<{ attendees: { name: string; inside: boolean }[] }>("/events/door-off/attendees?q=tertahan")).attendees;
    expect(await inside()).toEqual([expect.objectContaining({ inside: true })]);

    // the network answers again: the queued scan (same client_id) gets the server's first answer
    await page.unroute("**/api/v1/events/door-off/checkins");
    await expect.poll(() => page.locator("#pending").textContent()).toBe("");
    const stats = await api<{ per_gate: { gate: string; admissions: number }[] }>("/events/door-off/stats");
    expect(stats.per_gate.find((g) => g.gate === "Pintu Lambat")?.admissions).toBe(1);
    // and neither the phone nor the organisers see a conflict
    expect(await page.locator("#log li.bad").count()).toBe(0);
    expect((await api<{ conflicts: { gate: string }[] }>("/events/door-off/conflicts")).conflicts.filter((c) => c.gate === "Pintu Lambat")).toEqual([]);
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
