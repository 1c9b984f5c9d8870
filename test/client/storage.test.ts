import { describe, expect, it } from "vitest";
import { KEYS, memoryStore, moveFromLocalStorage, storeItem } from "../../client/scanner/storage";
import { memoryStorage } from "./memory-storage";

describe("the phone's store", () => {
  it("gives back copies, and a fallback for what it does not hold", async () => {
    const store = memoryStore();
    const value = { a: [1] };
    await store.set("x", value);
    value.a.push(2);
    expect(await store.get("x")).toEqual({ a: [1] });
    expect(await storeItem(store, "y", "none").read()).toBe("none");
    await store.delete("x");
    expect(await store.get("x")).toBeUndefined();
  });
});

describe("moving from localStorage", () => {
  const scan = (n: number, extra = {}) => ({ ticket: `t${n}`, gate: "Pintu 1", direction: "in", client_id: `old:${n}`, scanned_at: "2026-12-05T02:00:00.000Z", ...extra });

  it("moves the waiting scans, the gate, the admitted tickets and the scan list, losing nothing and doubling nothing", async () => {
    const local = memoryStorage({
      "kf_queue:ev": JSON.stringify([scan(1), scan(2, { offline: true })]),
      "kf_gate:ev": "Pintu Utara",
      "kf_offline_in:ev": JSON.stringify(["aaaaaaaaaaaa"]),
      "kf_log:ev": JSON.stringify([{ t: "10.00.00", s: "checked_in", m: "Silakan masuk" }]),
      "kf_digests:ev": JSON.stringify(["aaaaaaaaaaaa"]),
      "kf_queue:other": JSON.stringify([scan(9)]),
    });
    const store = memoryStore();
    // a scan the store already holds (a move interrupted halfway, say) stays once
    await store.set(KEYS.queue("ev"), [scan(1)]);
    await moveFromLocalStorage(local, store, "ev");
    expect(await store.get(KEYS.queue("ev"))).toEqual([scan(1), scan(2, { offline: "listed" })]);
    expect(await store.get(KEYS.gate("ev"))).toBe("Pintu Utara");
    expect(await store.get(KEYS.admitted("ev"))).toEqual(["aaaaaaaaaaaa"]);
    expect(await store.get(KEYS.log("ev"))).toHaveLength(1);
    // the old digests had no names: dropped, the next sync brings the list
    expect(await store.get(KEYS.tickets("ev"))).toBeUndefined();
    expect([...local.data.keys()]).toEqual(["kf_queue:other"]);
    // a second start finds nothing more to move
    await moveFromLocalStorage(local, store, "ev");
    expect(await store.get(KEYS.queue("ev"))).toHaveLength(2);
  });

  it("survives what an old phone may hold: nothing, or text that is not JSON", async () => {
    const store = memoryStore();
    await moveFromLocalStorage(memoryStorage({ "kf_queue:ev": "{oops", "kf_offline_in:ev": "" }), store, "ev");
    expect(await store.get(KEYS.queue("ev"))).toBeUndefined();
  });
});
