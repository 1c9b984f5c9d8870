/** The browser harness: Debian's chromium driven by playwright-core, phone-sized by default. */
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SHOTS = "test-results";

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/** A cheap Android phone: 360 × 740 (or `width`), touch, Indonesian; `serviceWorkers: "block"` where a test routes the page's requests. */
export async function phone(browser: Browser, opts: { locale?: string; width?: number; serviceWorkers?: "allow" | "block" } = {}): Promise<BrowserContext> {
  return browser.newContext({
    serviceWorkers: opts.serviceWorkers ?? "allow",
    baseURL: inject("baseUrl"),
    viewport: { width: opts.width ?? 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: opts.locale ?? "id-ID",
    acceptDownloads: true,
  });
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** A JSON API call to the server under test, as the admin. */
export async function api<T = unknown>(path: string, init: { method?: string; json?: unknown; token?: string } = {}): Promise<T> {
  const res = await fetch(`${inject("baseUrl")}/api/v1${path}`, {
    method: init.method ?? (init.json ? "POST" : "GET"),
    headers: { authorization: `Bearer ${init.token ?? inject("adminToken")}`, "content-type": "application/json" },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The `/r/…` link of a lost-ticket message naming `name` at `event`, once the queue's consumer has
 * settled it as not_sent (no WhatsApp settings locally: the text is kept, and the outbox shows the
 * link whole only in local development and only for a message never sent).
 */
export async function outboxLink(event: string, name: string): Promise<string> {
  let link = "";
  await expect
    .poll(async () => {
      const { messages } = await api<{ messages: { kind: string; text: string; status: string }[] }>(`/events/${event}/messages`);
      const found = messages.find((m) => m.kind === "recovery" && m.text.includes(name) && m.status === "not_sent");
      link = (found && /\/r\/[A-Za-z0-9_-]+/.exec(found.text)?.[0]) ?? "";
      return link;
    })
    .not.toBe("");
  return link;
}

/** Signs a page in on the staff sign-in form and waits for `next`. */
export async function staffLogin(page: Page, token: string, next: string) {
  await page.goto(`/staff/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Token staf").fill(token);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL((url) => url.pathname + url.search === next);
}

/** An open event in Kupang (Dec 5–6, WITA) with the given booths, through the API. */
/** An event on now (an hour ago to a day ahead): the door refuses scans timed far from the event (scanWindow). */
export const onNow = () => ({ starts_at: new Date(Date.now() - 3600_000).toISOString(), ends_at: new Date(Date.now() + 86_400_000).toISOString() });

export async function openEvent(slug: string, name: string, booths: [code: string, name: string][] = [], extra: Record<string, unknown> = {}) {
  await api("/events", {
    json: {
      slug,
      name,
      venue: "Taman Budaya Gerson Poyk",
      city: "Kota Kupang",
      starts_at: "2026-12-05T09:00:00+08:00",
      ends_at: "2026-12-06T21:00:00+08:00",
      status: "open",
      ...extra,
    },
  });
  for (const [code, boothName] of booths) await api(`/events/${slug}/booths`, { json: { code, name: boothName } });
}

/**
 * Fills the signup form on `page` as a person would (name, phone, home, field of work, the consent; `contact`
 * ticks the contact opt-in too), submits it and waits for the ticket page; returns the ticket's URL.
 */
export async function signUpOnPage(page: Page, p: { path: string; name: string; phone: string; regency?: string; occupation?: string; contact?: boolean; before?: () => Promise<void> }) {
  await page.goto(p.path);
  await page.getByLabel("Nama lengkap").fill(p.name);
  await page.getByLabel("Nomor HP / WhatsApp").fill(p.phone);
  await page.getByLabel("Kabupaten/kota domisili").selectOption(p.regency ?? "53.71");
  await page.getByLabel("Bidang kerja kreatif").selectOption(p.occupation ?? "kriya");
  await page.getByLabel(/Saya telah membaca/).check();
  if (p.contact) await page.getByLabel(/Saya bersedia dihubungi/).check();
  await p.before?.();
  await page.getByRole("button", { name: "Daftar dan dapatkan tiket" }).click();
  await page.waitForURL(/\/t\/[a-z0-9]{26}$/);
  return page.url();
}

/** On the scanner page: chooses the gate, which starts the scanning. */
export async function chooseGate(page: Page, gate: string) {
  await page.getByLabel("Pintu", { exact: true }).fill(gate);
  await page.getByRole("button", { name: "Mulai memindai" }).click();
}

/** A signup posted as our form posts it (from our own origin: another site's post is refused); returns the ticket code. */
export async function signUpByPost(event: string, name: string, phoneNumber: string): Promise<string> {
  const base = inject("baseUrl");
  const body = new URLSearchParams({ name, phone: phoneNumber, regency: "53.71", occupation: "musik", consent: "yes" });
  const res = await fetch(`${base}/e/${event}`, { method: "POST", redirect: "manual", headers: { origin: base }, body });
  return /\/t\/([a-z0-9]{26})$/.exec(res.headers.get("location")!)![1]!;
}

/** A value the door scanner keeps in IndexedDB (database `kupang-fair-door`), or null. */
export const doorStored = (page: Page, key: string) =>
  page.evaluate(`new Promise((ok, fail) => {
    const r = indexedDB.open("kupang-fair-door", 1);
    r.onsuccess = () => { const q = r.result.transaction("kv").objectStore("kv").get(${JSON.stringify(key)}); q.onsuccess = () => { ok(q.result ?? null); r.result.close(); }; q.onerror = () => fail(q.error); };
    r.onerror = () => fail(r.error);
  })`);

/** The names of this origin's IndexedDB databases. */
export const databases = (page: Page) => page.evaluate<string[]>("indexedDB.databases().then((d) => d.map((x) => x.name))");

/** Types a code into the scanner's ticket field and presses Enter, as a handheld scanner does. */
export async function typeTicket(page: Page, code: string) {
  await page.locator("#ticket").fill(code);
  await page.locator("#ticket").press("Enter");
}
