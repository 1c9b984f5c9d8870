/**
 * Fail closed on missing secrets: without a usable ADMIN_TOKEN or SESSION_SECRET
 * no staff request is accepted and no session is signed or honoured (503, one
 * log line naming the setting, never its value); without DATA_KEY no NIK is
 * accepted, and everything else still works.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setSignedCookie } from "hono/cookie";
import { Hono } from "hono";
import { ADMIN, count, formBody, makeEvent, ORIGIN, staffSession, validSignup } from "../helpers";
import { callWith } from "./app-with";

const form = (fields: Record<string, string | string[]>, headers: Record<string, string> = {}) => ({
  method: "POST",
  body: formBody(fields),
  headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...headers },
});

let errors: { mockRestore(): void } | undefined;
beforeAll(async () => {
  await makeEvent("sec-ev");
});
afterEach(() => errors?.mockRestore());

/** What the app logged while `run` ran, one parsed JSON object per line. */
async function logged(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
  errors = spy;
  await run();
  const lines = spy.mock.calls.map((args: unknown[]) => JSON.parse(String(args[0])) as Record<string, unknown>);
  spy.mockRestore();
  return lines;
}

/** A session cookie signed the way the old code signed one when SESSION_SECRET was unset. */
async function forgedCookie(key: string, value: string): Promise<string> {
  const app = new Hono().get("/", async (c) => {
    await setSignedCookie(c, "kf_session", value, key);
    return c.body(null);
  });
  const res = await app.request("/");
  return /kf_session=[^;]+/.exec(res.headers.get("set-cookie")!)![0];
}

describe("ADMIN_TOKEN and SESSION_SECRET", () => {
  for (const [setting, value, problem] of [
    ["SESSION_SECRET", undefined, "missing"],
    ["SESSION_SECRET", "short-secret", "too short"],
    ["ADMIN_TOKEN", undefined, "missing"],
    ["ADMIN_TOKEN", "x".repeat(31), "too short"],
  ] as const) {
    it(`${setting} ${problem}: staff API and pages answer 503, with one log line naming the setting`, async () => {
      let api!: Response;
      let page!: Response;
      const lines = await logged(async () => {
        api = await callWith({ [setting]: value }, "/api/v1/events", { headers: { authorization: `Bearer ${ADMIN}` } });
      });
      expect(api.status).toBe(503);
      expect(api.headers.get("content-type")).toContain("application/problem+json");
      expect((await api.json<{ detail: string }>()).detail).toContain("pengaturan server belum lengkap");
      expect(lines).toEqual([{ level: "error", msg: "setting refused", setting, problem }]);
      if (value) expect(JSON.stringify(lines)).not.toContain(value);

      await logged(async () => {
        page = await callWith({ [setting]: value }, "/staff/events", { headers: { cookie: await staffSession() } });
      });
      expect(page.status).toBe(503);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(await page.text()).toContain("pengaturan server belum lengkap");
    });
  }

  it("never signs a session without them: a login is refused with 503 and sets no cookie", async () => {
    for (const changes of [{ SESSION_SECRET: undefined }, { ADMIN_TOKEN: undefined }]) {
      let res!: Response;
      await logged(async () => {
        res = await callWith(changes, "/staff/login", form({ token: ADMIN, next: "/staff" }));
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("accepts no forged session: the keys the old code fell back to open nothing", async () => {
    const before = await count("audit_log");
    for (const [changes, key] of [
      [{ SESSION_SECRET: undefined }, `session:${ADMIN}`],
      [{ SESSION_SECRET: undefined, ADMIN_TOKEN: undefined }, "session:undefined"],
    ] as const) {
      const cookie = await forgedCookie(key, `admin.${"0".repeat(16)}.${Date.now() + 3600_000}`);
      let res!: Response;
      await logged(async () => {
        res = await callWith(changes, "/api/v1/staff", { method: "POST", headers: { cookie, origin: ORIGIN, "content-type": "application/json" }, body: JSON.stringify({ name: "x", role: "admin", events: "all" }) });
      });
      expect(res.status).toBe(503);
    }
    expect(await count("audit_log")).toBe(before);
    expect(await count("staff", "name = 'x'")).toBe(0);
  });

  it("works again as soon as both are set (the test config's own values)", async () => {
    expect((await callWith({}, "/api/v1/events", { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(200);
  });
});

describe("DATA_KEY", () => {
  const NIK = "5371015203900002";

  it("missing: a signup with a NIK gets the form again with a message on the NIK and stores nothing", async () => {
    const before = await count("registrations");
    let res!: Response;
    const lines = await logged(async () => {
      res = await callWith({ DATA_KEY: undefined }, "/e/sec-ev", form(validSignup({ phone: "081377770001", nik: NIK, birth_date: "1990-03-12" })));
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="nik-err"[^>]*>[^<]*NIK belum dapat diterima/);
    // the answers are kept
    expect(html).toContain('value="Maria Bili"');
    expect(await count("registrations")).toBe(before);
    expect(lines).toEqual([{ level: "error", msg: "setting refused", setting: "DATA_KEY", problem: "missing" }]);
  });

  it("missing: the same signup without a NIK goes through", async () => {
    const res = await callWith({ DATA_KEY: undefined }, "/e/sec-ev", form(validSignup({ phone: "081377770002" })));
    expect(res.status).toBe(303);
    expect(await count("registrations", "phone = '+6281377770002' and nik_cipher is null")).toBe(1);
  });

  it("too short: a walk-in with a NIK is refused on `nik` (422 problem+json), never a 500", async () => {
    let res!: Response;
    await logged(async () => {
      res = await callWith({ DATA_KEY: "k".repeat(12) }, "/api/v1/events/sec-ev/walkins", {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Walk In", phone: "081377770003", regency: "53.71", occupation: "musik", consent: "yes", nik: NIK, gate: "A" }),
      });
    });
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: Record<string, string> }>()).errors).toHaveProperty("nik");
    expect(await count("registrations", "phone = '+6281377770003'")).toBe(0);
  });

  it("missing: a correction may not add a NIK, but may change everything else", async () => {
    const signup = await callWith({}, "/e/sec-ev", form(validSignup({ phone: "081377770004" })));
    const code = /\/t\/(\w+)/.exec(signup.headers.get("location")!)![1]!;
    const edit = (extra: Record<string, string>) =>
      callWith({ DATA_KEY: undefined }, `/t/${code}/me/edit`, form({ name: "Maria Bili", phone: "081377770004", regency: "53.71", occupation: "kriya", bpjs_status: "none", ...extra }));
    let refused!: Response;
    await logged(async () => {
      refused = await edit({ nik: NIK });
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("NIK belum dapat diterima");
    expect(await count("registrations", "phone = '+6281377770004' and nik_cipher is null")).toBe(1);
    expect((await edit({ name: "Maria Bili Lodo" })).status).toBe(303);
    expect(await count("registrations", "name = 'Maria Bili Lodo'")).toBe(1);
  });
});
