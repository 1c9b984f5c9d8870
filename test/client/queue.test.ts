import { describe, expect, it } from "vitest";
import { clientIds, scanQueue, scanToSend, storeQueue, type QueuedScan, type Scan } from "../../client/scanner/queue";
import { KEYS, memoryStore } from "../../client/scanner/storage";

const EVENT = "gate-ev";
const scan = (n: number, extra: Partial<QueuedScan> = {}): QueuedScan => ({
  ticket: `code-${n}`,
  gate: "Pintu 1",
  direction: "in",
  client_id: `dev:${n}`,
  scanned_at: `2026-12-05T02:00:0${n}.000Z`,
  ...extra,
});

async function setup(initial: QueuedScan[] = []) {
  const store = memoryStore();
  if (initial.length) await store.set(KEYS.queue(EVENT), initial);
  const counts: number[] = [];
  const queue = scanQueue(storeQueue(store, EVENT), (n) => counts.push(n));
  /** what the phone's store holds */
  const stored = async () => (await store.get<QueuedScan[]>(KEYS.queue(EVENT))) ?? [];
  return { store, queue, counts, stored };
}

describe("the scan queue", () => {
  it("keeps scans in order in the phone's store, and says how many wait", async () => {
    const { queue, counts, stored } = await setup();
    await queue.add(scan(1));
    await queue.add(scan(2, { offline: "listed" }));
    expect(await stored()).toEqual([scan(1), scan(2, { offline: "listed" })]);
    expect(await queue.size()).toBe(2);
    expect(counts).toEqual([1, 2]);
  });

  it("drains each waiting scan exactly once, oldest first, telling the server which the phone already let in", async () => {
    const { queue, counts, stored } = await setup([scan(1), scan(2, { offline: "listed" }), scan(3, { offline: "provisional" })]);
    const sentScans: Scan[] = [];
    const answered: string[] = [];
    const drained = await queue.drain(
      async (s) => {
        sentScans.push(s);
        return `answer ${s.client_id}`;
      },
      (answer, entry) => answered.push(`${answer} for ${entry.client_id}${entry.offline ? ` (${entry.offline})` : ""}`),
    );
    expect(drained).toBe(true);
    expect(sentScans).toEqual([scan(1), scan(2, { offline: "listed" }), scan(3, { offline: "provisional" })]);
    expect("offline" in sentScans[0]!).toBe(false);
    expect(answered).toEqual(["answer dev:1 for dev:1", "answer dev:2 for dev:2 (listed)", "answer dev:3 for dev:3 (provisional)"]);
    expect(await stored()).toEqual([]);
    expect(counts).toEqual([2, 1, 0]);
    // nothing left to send twice
    expect(await queue.drain(async () => expect.unreachable(), () => {})).toBe(true);
  });

  it("stops at a scan that cannot be sent and keeps it, then sends it and the rest once the network is back", async () => {
    const { queue, stored } = await setup([scan(1), scan(2), scan(3)]);
    const tries: string[] = [];
    let online = true;
    const send = async (s: Scan) => {
      tries.push(s.client_id);
      if (!online || s.client_id === "dev:2") {
        online = false;
        throw new TypeError("Failed to fetch");
      }
      return "ok";
    };
    expect(await queue.drain(send, () => {})).toBe(false);
    expect(tries).toEqual(["dev:1", "dev:2"]);
    expect(await stored()).toEqual([scan(2), scan(3)]);
    expect(await queue.drain(send, () => {})).toBe(false);
    expect(await stored()).toEqual([scan(2), scan(3)]);

    online = true;
    tries.length = 0;
    expect(await queue.drain(async (s) => (tries.push(s.client_id), "ok"), () => {})).toBe(true);
    expect(tries).toEqual(["dev:2", "dev:3"]);
    expect(await stored()).toEqual([]);
  });

  it("holds each scan once: a scan queued again under the same client_id is not added", async () => {
    const { queue, stored } = await setup();
    await queue.add(scan(1, { offline: "listed" }));
    await queue.add(scan(2));
    await queue.add(scan(1));
    expect(await stored()).toEqual([scan(1, { offline: "listed" }), scan(2)]);
  });

  it("keeps a scan queued while another is being sent, and sends it too", async () => {
    const { queue, stored } = await setup([scan(1)]);
    const sentIds: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const drain = queue.drain(
      async (s) => {
        sentIds.push(s.client_id);
        if (s.client_id === "dev:1") await slow;
        return "ok";
      },
      () => {},
    );
    // the door goes on scanning while the first upload hangs on a bad network
    await queue.add(scan(2, { offline: "listed" }));
    release();
    expect(await drain).toBe(true);
    expect(sentIds).toEqual(["dev:1", "dev:2"]);
    expect(await stored()).toEqual([]);
  });

  it("sends each scan once when drains overlap (the online event, the timer and the page load at once)", async () => {
    const { queue, stored } = await setup([scan(1), scan(2), scan(3)]);
    const sends = new Map<string, number>();
    const conflicts: string[] = [];
    const send = async (s: Scan) => {
      sends.set(s.client_id, (sends.get(s.client_id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 1));
      return "ok";
    };
    const results = await Promise.all([1, 2, 3].map(() => queue.drain(send, (_, entry) => conflicts.push(entry.client_id))));
    expect(results).toEqual([true, true, true]);
    expect([...sends]).toEqual([
      ["dev:1", 1],
      ["dev:2", 1],
      ["dev:3", 1],
    ]);
    expect(conflicts).toEqual(["dev:1", "dev:2", "dev:3"]);
    expect(await stored()).toEqual([]);
  });

  it("reads an absent queue as empty", async () => {
    expect(await scanQueue(storeQueue(memoryStore(), EVENT)).size()).toBe(0);
  });

  it("sends a waiting scan as the API takes it; the old queue's `offline: true` was an admission from the list", () => {
    expect(scanToSend(scan(1))).toEqual({ ticket: "code-1", gate: "Pintu 1", direction: "in", client_id: "dev:1", scanned_at: "2026-12-05T02:00:01.000Z" });
    expect(scanToSend(scan(1, { offline: true }))).toEqual({ ...scan(1), offline: "listed" });
    expect(scanToSend(scan(1, { offline: "provisional" }))).toEqual({ ...scan(1), offline: "provisional" });
  });
});

describe("scan ids", () => {
  it("are the phone's id and a counter, both kept across reloads", async () => {
    const store = memoryStore();
    let made = 0;
    const newId = () => `device-${++made}`;
    const next = await clientIds(store, newId);
    expect([await next(), await next()]).toEqual(["device-1:1", "device-1:2"]);
    // a reload keeps the phone's id and goes on counting
    const again = await clientIds(store, newId);
    expect(await again()).toBe("device-1:3");
    expect(made).toBe(1);
    expect(await store.get(KEYS.device)).toBe("device-1");
    expect(await store.get(KEYS.seq)).toBe(3);
  });
});
