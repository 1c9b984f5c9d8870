/**
 * Logs and links: no ticket code, pairing secret, phone or name reaches a log
 * line, Workers Logs keep no per-request URLs, and the ticket page's WhatsApp
 * link names no number.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { call, codeFrom, formBody, makeEvent, ORIGIN, postForm, validSignup } from "../helpers";
import { callWith } from "./app-with";

const wrangler = Object.values(import.meta.glob("../../wrangler.toml", { query: "?raw", import: "default", eager: true }))[0] as string;

let code: string;
beforeAll(async () => {
  await makeEvent("log-ev");
  code = codeFrom(await postForm("/e/log-ev", validSignup({ phone: "0813-7711-2233", name: "Theresia Bunga" })));
});

describe("the ticket page's WhatsApp button", () => {
  it("lets the person pick the chat: the link and the whole page name no phone number", async () => {
    const html = await (await call(`/t/${code}`, { token: null })).text();
    const link = /href="(https:\/\/wa\.me\/[^"]*)"/.exec(html)![1]!.replace(/&amp;/g, "&");
    expect(link).toMatch(/^https:\/\/wa\.me\/\?text=/);
    expect(decodeURIComponent(link.split("text=")[1]!)).toContain(`/t/${code}`);
    for (const form of ["81377112233", "0813-7711-2233", "+62 813", "6281377112233"]) expect(html).not.toContain(form);
  });
});

describe("Workers Logs", () => {
  it("keep no invocation logs (they record every request's URL and headers)", () => {
    expect(wrangler).toMatch(/\[observability\.logs\][^[]*\binvocation_logs\s*=\s*false\b/);
    expect(wrangler).not.toMatch(/invocation_logs\s*=\s*true/);
  });
});

describe("an unexpected error", () => {
  afterEach(() => vi.restoreAllMocks());

  /** What was logged while `run` ran. */
  async function logs(run: () => Promise<unknown>): Promise<string> {
    const lines: string[] = [];
    const keep = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    for (const level of ["error", "log", "warn", "info", "debug"] as const) vi.spyOn(console, level).mockImplementation(keep);
    await run();
    return lines.join("\n");
  }

  it("is logged by kind and route pattern only: no ticket code, pairing secret, phone or name", async () => {
    const secret = "pairing-secret-Zq9Xw2Lk7Mv3Nb8Rt4Yh6Jd1Fg5Sa0Pe";
    const broken = { DB: env.EMPTY_DB };
    let statuses: number[] = [];
    const text = await logs(async () => {
      statuses = await Promise.all([
        callWith(broken, `/t/${code}`).then((r) => r.status),
        callWith(broken, `/t/${code}/me`).then((r) => r.status),
        callWith(broken, `/staff/pair/${secret}`).then((r) => r.status),
        callWith(broken, "/e/log-ev", {
          method: "POST",
          body: formBody(validSignup({ phone: "0813-7711-9999", name: "Yosefina Namang", email: "yosefina@example.com" })),
          headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
        }).then((r) => r.status),
      ]);
    });
    expect(statuses).toEqual([500, 500, 500, 500]);
    expect(text).toContain('"where":"/t/:code"');
    for (const secretThing of [code, secret, "81377119999", "Yosefina", "yosefina@example.com", "Theresia", ORIGIN]) expect(text).not.toContain(secretThing);
  });
});
