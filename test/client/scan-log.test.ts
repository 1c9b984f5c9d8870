import { describe, expect, it } from "vitest";
import { addToLog, logEntry, type LogEntry } from "../../client/scanner/scan-log";
import { isRepeat, NO_SIGHTING, REPEAT_MS } from "../../client/scanner/sighting";

const entry = (n: number): LogEntry => ({ t: `10.00.0${n}`, s: "checked_in", m: `Silakan masuk: ${n}` });

describe("the last scans", () => {
  it("list the newest first and keep the last ten", () => {
    let log: LogEntry[] = [];
    for (let n = 1; n <= 12; n++) log = addToLog(log, entry(n));
    expect(log).toHaveLength(10);
    expect(log[0]).toEqual(entry(12));
    expect(log.at(-1)).toEqual(entry(3));
  });

  it("tell the time in the event's zone", () => {
    const when = new Date("2026-12-05T02:03:04Z");
    const line = logEntry({ status: "checked_in", message: "Silakan masuk: Maria" }, when, "Asia/Makassar");
    expect(line).toEqual({ t: expect.stringMatching(/^10[.:]03[.:]04$/), s: "checked_in", m: "Silakan masuk: Maria" });
    expect(logEntry({ status: "not_found", message: "" }, when, "Asia/Jayapura").t).toMatch(/^11[.:]03[.:]04$/);
  });
});

describe("the scan list kept on the phone", () => {
  it("keeps the first name only, whatever the server's message said", () => {
    const when = new Date("2026-12-05T02:03:04Z");
    const line = logEntry({ status: "checked_in", message: "Silakan masuk: Fransiska Nenobais Tefa", attendee: { name: "Fransiska Nenobais Tefa" } }, when, "Asia/Makassar");
    expect(line.m).toBe("Silakan masuk: Fransiska");
    expect(logEntry({ status: "checked_in", message: "Silakan masuk: Maria", attendee: { name: "Maria" } }, when, "").m).toBe("Silakan masuk: Maria");
  });
});

describe("the camera", () => {
  it("scans a code once while it stays in view, and again once it was out of view long enough", () => {
    expect(isRepeat(NO_SIGHTING, "a", 0)).toBe(false);
    const seen = { code: "a", at: 10_000 };
    expect(isRepeat(seen, "a", 10_000 + REPEAT_MS - 1)).toBe(true);
    expect(isRepeat(seen, "a", 10_000 + REPEAT_MS)).toBe(false);
    expect(isRepeat(seen, "b", 10_001)).toBe(false);
  });
});
