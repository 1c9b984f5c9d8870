/**
 * The door scanner when the database stumbles, in Chromium: the server answers a
 * scan 503 (problem+json, Retry-After, as src/app.ts maps a D1 fault; the
 * workerd tests hold that mapping on the real D1), the scanner treats it like no
 * network (it decides from its ticket list and queues the scan), never as
 * "unknown ticket", and sends the queue once the server answers again.
 */
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, chooseGate, launch, onNow, openEvent, phone, screenshot, staffLogin } from "./browser";

let browser: Browser;
let volunteer: { id: number; token: string };

const base = () => inject("baseUrl");
async function signup(phoneNumber: string, name: string): Promise<string> {
  const res = await fetch(`${base()}/e/door-503`, { method: "POST", redirect: "manual", headers: { origin: base() }, body: new URLSearchParams({ name, phone: phoneNumber, regency: "53.71", occupation: "musik", consent: "yes" }) });
  return /\/t\/([a-z0-9]{26})$/.exec(res.headers.get("location")!)![1]!;
}
const status = (page: Page) => page.locator("#result").getAttribute("data-status");

/** What the server answers when D1 stays down past its retries (src/app.ts). */
const stumble = (route: Route) =>
  route.fulfill({
    status: 503,
    headers: { "content-type": "application/problem+json; charset=utf-8", "retry-after": "5" },
    body: JSON.stringify({ type: "about:blank", title: "Service Unavailable", status: 503, detail: "Sistem sedang sibuk sesaat. Silakan coba lagi sebentar lagi." }),
  });

beforeAll(async () => {
  browser = await launch();
  await openEvent("door-503", "Festival Pintu Sibuk", [], onNow());
  volunteer = await api<{ id: number; token: string }>("/staff", { json: { name: "Relawan Sibuk", role: "checkin", events: ["door-503"] } });
});

afterAll(async () => {
  await browser?.close();
});

describe("the scanner when the server answers 503", () => {
  it("queues the scan as with no network, never says 'unknown ticket', and sends it once the server answers", async () => {
    const code = await signup("081800005031", "Maria Sibuk Bili");
    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, volunteer.token, "/staff/checkin?event=door-503");
    await chooseGate(page, "Pintu Sibuk");
    await expect.poll(() => page.locator("#list-size").textContent(), { timeout: 30_000 }).toMatch(/^1 tiket di daftar HP ini/);

    // the database stumbles: every scan the phone sends is answered 503
    let refused = 0;
    await page.route("**/api/v1/events/door-503/checkins", (route) => {
      refused++;
      return stumble(route);
    });
    await page.locator("#ticket").fill(code);
    await page.locator("#ticket").press("Enter");
    await expect.poll(() => status(page)).toBe("offline_ok");
    expect(refused).toBe(1);
    expect(await page.locator("#result strong").textContent()).toBe("Tiket sah (offline): silakan masuk");
    expect(await page.locator("#result").textContent()).not.toContain("tidak dikenal");
    await expect.poll(() => page.locator("#pending").textContent()).toBe("1 pindaian menunggu dikirim");
    await screenshot(page, "scanner-503-queued");

    // the database answers again: the queue goes, once (the scanner tries again by itself)
    await page.unroute("**/api/v1/events/door-503/checkins");
    await expect.poll(() => page.locator("#pending").textContent(), { timeout: 60_000 }).toBe("");
    const stats = await api<{ checked_in: number }>("/events/door-503/stats");
    expect(stats.checked_in).toBe(1);
    expect((await api<{ conflicts: unknown[] }>("/events/door-503/conflicts")).conflicts).toEqual([]);
    await context.close();
  });
});
