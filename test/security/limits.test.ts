/**
 * Body limits: every post is refused once it grows past its limit (413), after
 * reading at most the limit, whether or not it says its length up front. The
 * staff sign-in is a /staff post like any other.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, count, makeEvent, ORIGIN, staffSession } from "../helpers";

const MB = 1024 * 1024;

/** A body of `total` bytes made as it is read; `pulled()` says how much the server read. */
function lazyBody(total: number, prefix = "") {
  let sent = 0;
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  const start = new TextEncoder().encode(prefix);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const part = sent === 0 && start.length ? start : chunk;
      sent += part.length;
      controller.enqueue(part);
    },
  });
  return { stream, pulled: () => sent };
}

async function post(path: string, headers: Record<string, string>, declareLength: boolean) {
  const total = 50 * MB;
  const body = lazyBody(total, "token=");
  const h = new Headers({ "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...headers });
  if (declareLength) h.set("content-length", String(total));
  const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { method: "POST", body: body.stream, headers: h, duplex: "half", redirect: "manual" } as RequestInit));
  await res.arrayBuffer();
  return { status: res.status, pulled: body.pulled() };
}

let cookie: string;
beforeAll(async () => {
  await makeEvent("lim-ev");
  cookie = await staffSession();
});

describe("a 50 MB post", () => {
  const routes = (): { path: string; headers: Record<string, string>; limit: number }[] => [
    { path: "/staff/login", headers: {}, limit: 256 * 1024 },
    { path: "/staff/events/lim-ev", headers: { cookie }, limit: 256 * 1024 },
    { path: "/staff/pair/not-a-real-secret", headers: {}, limit: 256 * 1024 },
    { path: "/e/lim-ev", headers: {}, limit: 32 * 1024 },
    { path: "/api/v1/events", headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" }, limit: 256 * 1024 },
  ];

  it("is refused with 413 from its declared length, before a byte is read", async () => {
    for (const r of routes()) {
      const { status, pulled } = await post(r.path, r.headers, true);
      expect(status, r.path).toBe(413);
      // the stream's first chunk may be buffered by the runtime, nothing more
      expect(pulled, r.path).toBeLessThanOrEqual(128 * 1024);
    }
  });

  it("is refused with 413 once it passes the limit, when it does not say its length (chunked)", async () => {
    for (const r of routes()) {
      const { status, pulled } = await post(r.path, r.headers, false);
      expect(status, r.path).toBe(413);
      expect(pulled, r.path).toBeLessThan(r.limit + 512 * 1024);
    }
  });

  it("changes nothing", async () => {
    const before = await count("registrations");
    await post("/e/lim-ev", {}, false);
    expect(await count("registrations")).toBe(before);
  });
});
