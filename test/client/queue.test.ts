import { describe, expect, it } from "vitest";
import { clientIds, localQueueStore, scanQueue, scanToSend, type QueuedScan, type Scan } from "../../client/scanner/queue";
import { memoryStorage } from "./memory-storage";

const KEY = "kf_queue:gate-ev";
const scan = (n: number, extra: Partial<QueuedScan> = {}): QueuedScan => ({
  ticket: `code-${n}`,
  gate: "Pintu 1",
  direction: "in",
  client_id: `dev:${n}`,
  scanned_at: `2026-12-05T02:00:0${n}.000Z`,
  ...extra,
});

function setup(initial: QueuedScan[] = []) {
  const storage = memoryStorage(initial.length ? { [KEY]: JSON.stringify(initial) } : {});
  const counts: number[] = [];
  const queue = scanQueue(localQueueStore(storage, KEY), (n) => counts.push(n));
  const stored = () => JSON.parse(storage.data.get(KEY) ?? "[]") as QueuedScan[];
  return { storage, queue, counts, stored };
}

describe("the scan queue", () => {
  it("keeps scans in order in the format phones already hold, and says how many wait", async () => {
    const { queue, counts, stored } = setup();
    await queue.add(scan(1));
    await queue.add(scan(2, { offline: true }));
    expect(stored()).toEqual([scan(1), scan(2, { offline: true })]);
    expect(await queue.size()).toBe(2);
    expect(counts).toEqual([1, 2]);
  });

  it("drains each waiting scan exactly once, oldest first, without the phone's offline mark", async () => {
    const { queue, counts, stored } = setup([scan(1), scan(2, { offline: true }), scan(3)]);
    const sentScans: Scan[] = [];
    const answered: string[] = [];
    const drained = await queue.drain(
      async (s) => {
        sentScans.push(s);
        return `answer ${s.client_id}`;
      },
      (answer, entry) => answered.push(`${answer} for ${entry.client_id}${entry.offline ? " (offline)" : ""}`),
    );
    expect(drained).toBe(true);
    expect(sentScans).toEqual([scan(1), scan(2), scan(3)]);
    expect(sentScans.every((s) => !("offline" in s))).toBe(true);
    expect(answered).toEqual(["answer dev:1 for dev:1", "answer dev:2 for dev:2 (offline)", "answer dev:3 for dev:3"]);
    expect(stored()).toEqual([]);
    expect(counts).toEqual([2, 1, 0]);
    // nothing left to send twice
    expect(await queue.drain(async () => expect.unreachable(), () => {})).toBe(true);
  });

  it("stops at a scan that cannot be sent and keeps it, then sends it and the rest once the network is back", async () => {
    const { queue, stored } = setup([scan(1), scan(2), scan(3)]);
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
    expect(stored()).toEqual([scan(2), scan(3)]);
    expect(await queue.drain(send, () => {})).toBe(false);
    expect(stored()).toEqual([scan(2), scan(3)]);

    online = true;
    tries.length = 0;
    expect(await queue.drain(async (s) => (tries.push(s.client_id), "ok"), () => {})).toBe(true);
    expect(tries).toEqual(["dev:2", "dev:3"]);
    expect(stored()).toEqual([]);
  });

  it("holds each scan once: a scan queued again under the same client_id is not added", async () => {
    const { queue, stored } = setup();
    await queue.add(scan(1, { offline: true }));
    await queue.add(scan(2));
    await queue.add(scan(1));
    expect(stored()).toEqual([scan(1, { offline: true }), scan(2)]);
  });

  it("keeps a scan queued while another is being sent, and sends it too", async () => {
    const { queue, stored } = setup([scan(1)]);
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
    await queue.add(scan(2, { offline: true }));
    release();
    expect(await drain).toBe(true);
    expect(sentIds).toEqual(["dev:1", "dev:2"]);
    expect(stored()).toEqual([]);
  });

  it("sends each scan once when drains overlap (the online event, the timer and the page load at once)", async () => {
    const { queue, stored } = setup([scan(1), scan(2), scan(3)]);
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
    expect(stored()).toEqual([]);
  });

  it("reads an empty or absent queue as empty", async () => {
    expect(await scanQueue(localQueueStore(memoryStorage(), KEY)).size()).toBe(0);
    expect(await scanQueue(localQueueStore(memoryStorage({ [KEY]: "" }), KEY)).size()).toBe(0);
  });

  it("sends a waiting scan as the API takes it", () => {
    expect(scanToSend(scan(1, { offline: true }))).toEqual({ ticket: "code-1", gate: "Pintu 1", direction: "in", client_id: "dev:1", scanned_at: "2026-12-05T02:00:01.000Z" });
  });
});

describe("scan ids", () => {
  it("are the phone's id and a counter, both kept across reloads", () => {
    const storage = memoryStorage();
    let made = 0;
    const newId = () => `device-${++made}`;
    const next = clientIds(storage, newId);
    expect([next(), next()]).toEqual(["device-1:1", "device-1:2"]);
    // a reload keeps the phone's id and goes on counting
    const again = clientIds(storage, newId);
    expect(again()).toBe("device-1:3");
    expect(made).toBe(1);
    expect(storage.getItem("kf_device")).toBe("device-1");
    expect(storage.getItem("kf_seq")).toBe("3");
  });
});
