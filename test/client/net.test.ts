/** The scanner's patience: a request that neither answers nor fails is given up, once, and its late answer never read. */
import { describe, expect, it } from "vitest";
import { within } from "../../client/scanner/net";

/** A request that never answers: it ends only when its signal aborts, as fetch does. */
const hanging = (signal: AbortSignal) => new Promise<never>((_, fail) => signal.addEventListener("abort", () => fail(signal.reason)));

describe("a request with a time limit", () => {
  it("rejects a request that never answers, aborting it", async () => {
    let seen: AbortSignal | undefined;
    const gaveUp = await within(1, (signal) => ((seen = signal), hanging(signal))).catch((e: unknown) => e);
    expect(gaveUp).toBeInstanceOf(DOMException);
    expect((gaveUp as DOMException).name).toBe("TimeoutError");
    expect(seen?.aborted).toBe(true);
  });

  it("gives the answer that came in time, and never aborts it afterwards", async () => {
    let seen: AbortSignal | undefined;
    expect(await within(60_000, async (signal) => ((seen = signal), "checked_in"))).toBe("checked_in");
    expect(seen?.aborted).toBe(false);
  });

  it("passes a failure through as it is (no network is not a timeout)", async () => {
    await expect(within(60_000, () => Promise.reject(new TypeError("Failed to fetch")))).rejects.toThrow("Failed to fetch");
  });
});
