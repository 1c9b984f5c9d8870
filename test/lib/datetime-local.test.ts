import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { localToIso, localToUtc, utcToLocal } from "../../src/lib/datetime-local";

describe("datetime-local ⇄ UTC", () => {
  it("reads wall-clock time in Kupang (WITA, UTC+8, no daylight saving)", () => {
    expect(localToUtc("2026-12-05T09:00", "Asia/Makassar")?.toISOString()).toBe("2026-12-05T01:00:00.000Z");
    expect(localToIso("2026-12-05T09:00", "Asia/Makassar")).toBe("2026-12-05T09:00:00+08:00");
    // just after midnight local is the previous day in UTC
    expect(localToUtc("2026-12-06T00:30", "Asia/Makassar")?.toISOString()).toBe("2026-12-05T16:30:00.000Z");
    expect(utcToLocal(new Date("2026-12-05T16:30:00Z"), "Asia/Makassar")).toBe("2026-12-06T00:30");
  });

  it("reads the other Indonesian zones and odd offsets", () => {
    expect(localToIso("2026-12-05T09:00", "Asia/Jakarta")).toBe("2026-12-05T09:00:00+07:00");
    expect(localToIso("2026-12-05T09:00", "Asia/Jayapura")).toBe("2026-12-05T09:00:00+09:00");
    expect(localToIso("2026-12-05T09:00", "Asia/Kolkata")).toBe("2026-12-05T09:00:00+05:30");
    expect(localToIso("2026-12-05T09:00:30", "Pacific/Chatham")).toBe("2026-12-05T09:00:30+13:45");
    expect(localToIso("2026-12-05T09:00", "UTC")).toBe("2026-12-05T09:00:00+00:00");
  });

  it("handles daylight saving: the earlier instant in an overlap, a gap time moved back", () => {
    // New York falls back on 2026-11-01 at 02:00 EDT: 01:30 happens twice
    expect(localToIso("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T01:30:00-04:00");
    expect(localToIso("2026-07-01T12:00", "America/New_York")).toBe("2026-07-01T12:00:00-04:00");
    expect(localToIso("2026-01-15T12:00", "America/New_York")).toBe("2026-01-15T12:00:00-05:00");
    // 2026-03-08 02:30 does not exist there
    expect(localToIso("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T01:30:00-05:00");
    // and east of UTC the gap's time is read with the offset before the change: an hour later on the clock
    expect(localToIso("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T03:30:00+02:00");
    expect(localToIso("2026-10-04T12:00", "Australia/Sydney")).toBe("2026-10-04T12:00:00+11:00");
    // Berlin falls back on 2036-10-26 at 03:00 CEST: 02:00 happens twice, and the first guess (the offset at
    // 02:00 read as UTC) is already the later one's (a property run found it: seed 1512348380)
    expect(localToIso("2036-10-26T02:00", "Europe/Berlin")).toBe("2036-10-26T02:00:00+02:00");
    expect(localToIso("2036-10-26T02:59", "Europe/Berlin")).toBe("2036-10-26T02:59:00+02:00");
    expect(localToIso("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T02:30:00+02:00");
    // São Paulo, the other side of the world and of the year (no daylight saving since 2019; before it, at midnight)
    expect(localToIso("2018-02-17T23:30", "America/Sao_Paulo")).toBe("2018-02-17T23:30:00-02:00");
  });

  it("refuses what is not a date-time", () => {
    for (const bad of ["", "tomorrow", "2026-02-30T09:00", "2026-12-05T24:00", "2026-12-05 09:00", "2026-12-05T09:60", "2026-13-01T09:00"]) {
      expect(localToUtc(bad, "Asia/Makassar"), bad).toBeNull();
    }
  });

  it("round-trips any minute in any of these zones (the earlier one in a DST overlap)", () => {
    const zones = ["Asia/Makassar", "Asia/Jakarta", "Asia/Jayapura", "Asia/Kolkata", "Europe/Berlin", "America/Sao_Paulo"];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (tz, ms) => {
        const minute = new Date(Math.floor(ms / 60_000) * 60_000);
        const local = utcToLocal(minute, tz);
        const back = localToUtc(local, tz)!;
        // in an overlap the earlier instant is chosen; otherwise it is the same instant
        expect(utcToLocal(back, tz)).toBe(local);
        expect(back.getTime()).toBeLessThanOrEqual(minute.getTime());
      }),
      { numRuns: 300 },
    );
  });
});
