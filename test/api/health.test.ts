import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";

describe("GET /healthz", () => {
  it("is ok after a D1 round trip", async () => {
    const res = await exports.default.fetch("https://fair.test/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("fails with 503 when D1 fails (a real database without the schema)", async () => {
    const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
    const res = await worker.fetch(new Request("https://fair.test/healthz"), { ...env, DB: env.EMPTY_DB }, ctx);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "error" });
  });
});

describe("GET /livez", () => {
  it("answers without touching the database", async () => {
    const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
    const res = await worker.fetch(new Request("https://fair.test/livez"), { ...env, DB: env.EMPTY_DB }, ctx);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
  });
});
