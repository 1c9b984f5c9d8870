/**
 * D1 read replication: Drizzle works through a D1 session, and the bookmark of
 * a person's write comes back to them (cookie after a form post, header on the
 * API) and starts the session of their next read, so they read their own write.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { BOOKMARK_COOKIE, BOOKMARK_HEADER } from "../../src/base/context/db-sessions";
import { createDb } from "../../src/db/client";
import { events } from "../../src/db/schema";
import { signed, unsigned } from "../../src/lib/crypto";
import { call, codeFrom, makeEvent, postForm, validSignup } from "../helpers";

const KEY = `d1-bookmark:${env.SESSION_SECRET}`;
/** The bookmark D1 is at now, as a new session on the primary sees it. */
async function bookmarkNow(): Promise<string> {
  const s = env.DB.withSession("first-primary");
  await s.prepare("select 1").first();
  return s.getBookmark()!;
}
const cookieOf = (res: Response) => new RegExp(`${BOOKMARK_COOKIE}=([^;]+)`).exec(res.headers.get("set-cookie") ?? "")?.[1];

beforeAll(async () => {
  await makeEvent("bmk");
});

describe("Drizzle through a D1 session", () => {
  it("reads, writes with returning, batches and finds, like through D1 itself", async () => {
    const db = createDb(env.DB.withSession("first-primary"));
    const [row] = await db
      .insert(events)
      .values({ slug: "bm-drizzle", name: "N", venue: "V", city: "C", startsAt: new Date(1), endsAt: new Date(2) })
      .returning({ id: events.id });
    const [found, all] = await db.batch([db.select().from(events).where(eq(events.id, row!.id)), db.select({ id: events.id }).from(events)]);
    expect(found[0]?.slug).toBe("bm-drizzle");
    expect(all.length).toBeGreaterThan(1);
    expect((await db.query.events.findFirst({ where: eq(events.slug, "bm-drizzle") }))?.id).toBe(row!.id);
    const replica = createDb(env.DB.withSession("first-unconstrained"));
    expect((await replica.select().from(events).where(eq(events.slug, "bm-drizzle")))[0]?.id).toBe(row!.id);
  });
});

describe("the bookmark round trip", () => {
  it("a signup's answer carries the bookmark of its write, signed, and the ticket page read from it shows the new registration", async () => {
    const before = await bookmarkNow();
    const res = await postForm("/e/bmk", validSignup({ name: "Agustina Bait", phone: "081388880001" }));
    const code = codeFrom(res);
    const after = await bookmarkNow();
    const carried = cookieOf(res);
    expect(carried).toBeDefined();
    const bookmark = await unsigned(KEY, decodeURIComponent(carried!));
    expect(bookmark).not.toBeNull();
    // the write's bookmark: past what D1 was at before it, not past what it is at after
    expect(bookmark! > before).toBe(true);
    expect(bookmark! <= after).toBe(true);
    expect(res.headers.get("set-cookie")).toMatch(/kf_bm=[^;]+;.*HttpOnly/i);

    const page = await call(`/t/${code}`, { token: null, headers: { cookie: `${BOOKMARK_COOKIE}=${carried}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Agustina Bait");
  });

  it("the API hands the bookmark back in x-d1-bookmark after a write, and a read sent with it answers with the write", async () => {
    const write = await call("/api/v1/events/bmk", { method: "PATCH", json: { name: "Pameran Bookmark" } });
    expect(write.status).toBe(200);
    const given = write.headers.get(BOOKMARK_HEADER);
    expect(given).toBeTruthy();
    expect(await unsigned(KEY, given!)).not.toBeNull();
    const read = await call("/api/v1/events/bmk/stats", { headers: { [BOOKMARK_HEADER]: given! } });
    expect(read.status).toBe(200);
    const back = read.headers.get(BOOKMARK_HEADER);
    // the read's session started at the given bookmark: what comes back is never older
    if (back) expect((await unsigned(KEY, back))! >= (await unsigned(KEY, given!))!).toBe(true);
  });

  it("starts the read at the bookmark given, and ignores one whose MAC does not hold", async () => {
    const now = await bookmarkNow();
    // a point D1 has not reached: a session started there reports it back unchanged
    const ahead = `${now.slice(0, 9)}7fffffff${now.slice(17)}`;
    const valid = await signed(KEY, ahead);
    const kept = await call("/api/v1/events/bmk/stats", { headers: { [BOOKMARK_HEADER]: valid } });
    expect(kept.status).toBe(200);
    expect(kept.headers.get(BOOKMARK_HEADER)).toBeNull(); // nothing newer than what was given

    const forged = `${ahead}.${"A".repeat(22)}`;
    const ignored = await call("/api/v1/events/bmk/stats", { headers: { [BOOKMARK_HEADER]: forged } });
    expect(ignored.status).toBe(200);
    const back = await unsigned(KEY, ignored.headers.get(BOOKMARK_HEADER)!);
    expect(back! < ahead).toBe(true); // a session of its own, at D1's real point
  });

  it("answers a garbled bookmark cookie or header like none at all, never with a 5xx", async () => {
    const code = codeFrom(await postForm("/e/bmk", validSignup({ phone: "081388880002" })));
    for (const junk of ["x", "garbage.garbage", "%%%", "a".repeat(5000), ".", "00000000-00000001-00000000-00000000000000000000000000000000"]) {
      expect((await call(`/t/${code}`, { token: null, headers: { cookie: `${BOOKMARK_COOKIE}=${junk}` } })).status, junk).toBe(200);
      expect((await call("/api/v1/events/bmk/stats", { headers: { [BOOKMARK_HEADER]: junk } })).status, junk).toBe(200);
    }
  });
});
