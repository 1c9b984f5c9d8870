/** The scanner's staff session: what a 401 means to the page, and signing out without losing a scan. */
import { describe, expect, expectTypeOf, it } from "vitest";
import { endSessionFirst, sessionCode, type SessionCode } from "../../client/scanner/session";
import { SESSION_CODES } from "../../src/base/auth/guards";
import { msgs } from "./scanner-messages";

const problem = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 401, headers: { "content-type": "application/problem+json", ...headers } });

describe("a 401 read by the scanner", () => {
  it("knows every code the server sends", () => {
    expectTypeOf<SessionCode>().toEqualTypeOf<(typeof SESSION_CODES)[number]>();
  });

  it("tells revoked and signed out (forget everything) from a session that merely ended (keep the queue)", async () => {
    expect(await sessionCode(problem({ status: 401, code: "device_revoked" }))).toBe("device_revoked");
    expect(await sessionCode(problem({ status: 401, code: "signed_out" }))).toBe("signed_out");
    expect(await sessionCode(problem({ status: 401, code: "session_ended" }))).toBe("session_ended");
    // a body that says nothing we know: ended, unless the answer asks the browser to wipe
    expect(await sessionCode(problem({ status: 401 }))).toBe("session_ended");
    expect(await sessionCode(new Response("<html>", { status: 401 }))).toBe("session_ended");
    expect(await sessionCode(problem({ status: 401, code: "teapot" }, { "clear-site-data": '"storage"' }))).toBe("device_revoked");
  });
});

describe("signing out", () => {
  const counting = (answer: () => Promise<Response>) => {
    const posted: string[] = [];
    const post = (url: string) => (posted.push(url), answer());
    return { posted, post };
  };

  it("sends what waits first, and does not sign out while scans still wait: it says how many", async () => {
    const steps: string[] = [];
    const { posted, post } = counting(async () => new Response("ok"));
    const done = await endSessionFirst({ action: "/staff/logout", msgs, post, flush: async () => steps.push("flush"), waiting: async () => (steps.push("count"), 2) });
    expect(done).toEqual({ refused: "2 belum terkirim" });
    expect(steps).toEqual(["flush", "count"]);
    expect(posted).toEqual([]);
  });

  it("with no network, does not claim the session ended: nothing to wipe, and the page says so", async () => {
    const { posted, post } = counting(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await endSessionFirst({ action: "/staff/logout", msgs, post, flush: async () => {}, waiting: async () => 0 })).toEqual({ refused: msgs.signOutOffline });
    expect(posted).toEqual(["/staff/logout"]);
    const failing = counting(async () => new Response("", { status: 503 }));
    expect(await endSessionFirst({ action: "/staff/logout", msgs, post: failing.post, flush: async () => {}, waiting: async () => 0 })).toEqual({ refused: msgs.signOutOffline });
  });

  it("once the server ended the session, goes where the server sent it", async () => {
    const { post } = counting(async () => new Response("ok"));
    expect(await endSessionFirst({ action: "/staff/logout", msgs, post, flush: async () => {}, waiting: async () => 0 })).toEqual({ next: "/staff/login" });
  });
});
