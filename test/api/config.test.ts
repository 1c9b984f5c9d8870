/** A deployment without its secrets refuses every request (503) instead of falling back to defaults. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { localOnlySettings, missingBindings, missingSecrets } from "../../src/base/config/deployment";
import worker from "../../src/index";

const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
const strong = (name: string) => `${name}-${"x".repeat(40)}`;
const deployed = { ...env, ENVIRONMENT: "production", ADMIN_TOKEN: strong("admin"), DATA_KEY: strong("data"), SESSION_SECRET: strong("session") };
const get = (path: string, bindings: typeof env, headers: Record<string, string> = {}) =>
  worker.fetch(new Request(`https://fair.test${path}`, { headers }), bindings, ctx);

describe("secrets and rate limits of a deployment", () => {
  it("serves when every secret is set and long enough", async () => {
    expect(missingSecrets(deployed)).toEqual([]);
    expect((await get("/healthz", deployed)).status).toBe(200);
  });

  it("refuses every request, pages and API alike, while a secret is missing, naming none of their values", async () => {
    for (const [name, bindings] of [
      ["DATA_KEY", { ...deployed, DATA_KEY: undefined }],
      ["SESSION_SECRET", { ...deployed, SESSION_SECRET: "" }],
      ["ADMIN_TOKEN", { ...deployed, ADMIN_TOKEN: "" }],
    ] as const) {
      expect(missingSecrets(bindings)).toEqual([name]);
      const page = await get("/e/fekk-2026", bindings);
      expect(page.status, name).toBe(503);
      expect(await page.text()).toContain("pengaturan server belum lengkap");
      const api = await get("/api/v1/events", bindings, { authorization: `Bearer ${deployed.ADMIN_TOKEN}` });
      expect(api.status).toBe(503);
      const body = await api.text();
      expect(body).not.toContain(deployed.ADMIN_TOKEN);
      expect((await get("/healthz", bindings)).status).toBe(503);
    }
  });

  it("refuses secrets shorter than 32 characters, and counts a missing ENVIRONMENT as deployed", async () => {
    expect(missingSecrets({ ...deployed, DATA_KEY: "short" })).toEqual(["DATA_KEY"]);
    const { ENVIRONMENT: _unset, ...unnamed } = { ...deployed, DATA_KEY: "short" };
    expect(missingSecrets(unnamed as typeof env)).toEqual(["DATA_KEY"]);
    expect((await get("/livez", unnamed as typeof env)).status).toBe(503);
  });

  it("refuses every request while a deployment lacks its database, a rate limit, the message queue or the queue of kept signups (not inherited by an [env.*])", async () => {
    expect(missingBindings(deployed)).toEqual([]);
    for (const name of ["SIGNUP_PHONE_LIMITER", "SIGNUP_LIMITER", "RESEND_LIMITER", "RESEND_PHONE_LIMITER", "MESSAGES", "SIGNUPS", "DB"] as const) {
      const bindings = { ...deployed, [name]: undefined } as typeof env;
      expect(missingBindings(bindings)).toEqual([name]);
      expect((await get("/e/fekk-2026", bindings)).status, name).toBe(503);
      expect((await get("/healthz", bindings)).status, name).toBe(503);
    }
    // locally the tests leave a limit out on purpose, and the app serves
    expect(missingBindings({ ...env, ENVIRONMENT: "local", SIGNUP_PHONE_LIMITER: undefined })).toEqual([]);
  });

  it("refuses every request while a deployment has injected database faults set (a benchmark's setting, local only)", async () => {
    const faulty = { ...deployed, D1_FAULT_RATE: "0.05" } as typeof env;
    expect(localOnlySettings(faulty)).toEqual(["D1_FAULT_RATE"]);
    expect((await get("/e/fekk-2026", faulty)).status).toBe(503);
    expect((await get("/livez", faulty)).status).toBe(503);
    expect(localOnlySettings({ ...env, ENVIRONMENT: "local", D1_FAULT_RATE: "0.05" } as typeof env)).toEqual([]);
  });

  it("refuses to serve locally with a fault rate that is not a rate, rather than run without the faults asked for", async () => {
    for (const bad of ["1.5", "lots", "-1"]) {
      const local = { ...env, ENVIRONMENT: "local", D1_FAULT_RATE: bad } as typeof env;
      expect(localOnlySettings(local), bad).toEqual(["D1_FAULT_RATE"]);
      expect((await get("/livez", local)).status, bad).toBe(503);
    }
    expect(localOnlySettings({ ...env, ENVIRONMENT: "local", D1_FAULT_RATE: "1" } as typeof env)).toEqual([]);
  });

  it("lets local development serve without them, where what needs a missing secret refuses on its own (no fallback)", async () => {
    expect(missingSecrets({ ...env, ENVIRONMENT: "local", DATA_KEY: undefined, SESSION_SECRET: undefined })).toEqual([]);
    expect(missingSecrets({ ...env, ENVIRONMENT: "local", ADMIN_TOKEN: "" })).toEqual([]);
    const local = { ...env, ENVIRONMENT: "local", SESSION_SECRET: undefined } as typeof env;
    expect((await get("/livez", local)).status).toBe(200);
    // staff access needs the session key: a clear 503, never a session signed with a default
    expect((await get("/api/v1/events", local, { authorization: `Bearer ${env.ADMIN_TOKEN}` })).status).toBe(503);
  });
});
