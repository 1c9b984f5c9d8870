/**
 * Scans that could not reach the server wait here, in order, and are sent when
 * the network returns. Where they wait is a QueueStore: localStorage today;
 * an IndexedDB store only has to implement the same two methods.
 */
import { jsonItem, type KeyValueStorage } from "./storage";

/** A scan as `POST /events/{slug}/checkins` takes it. */
export interface Scan {
  /** what the scanner read: a ticket URL or the bare code */
  ticket: string;
  gate: string;
  direction: string;
  /** unique per scan: the server answers a retry with the first answer */
  client_id: string;
  scanned_at: string;
}

/** A waiting scan; `offline` when this phone already let the guest in on its own. */
export type QueuedScan = Scan & { offline?: true };

/** Where waiting scans are kept, oldest first. */
export interface QueueStore {
  load(): Promise<QueuedScan[]>;
  save(scans: readonly QueuedScan[]): Promise<void>;
}

/** The queue as one JSON array under `key` (`kf_queue:{event}`), the format phones already hold. */
export function localQueueStore(storage: KeyValueStorage, key: string): QueueStore {
  const item = jsonItem<readonly QueuedScan[]>(storage, key, []);
  return {
    load: async () => [...item.read()],
    save: async (scans) => item.write(scans),
  };
}

/** What is sent for a waiting scan: the scan without the phone's own `offline` mark. */
export function scanToSend(entry: QueuedScan): Scan {
  const { offline: _, ...scan } = entry;
  return scan;
}

export interface ScanQueue {
  /** queues a scan at the end, unless a scan with its client_id already waits */
  add(scan: QueuedScan): Promise<void>;
  /** how many scans wait */
  size(): Promise<number>;
  /**
   * Sends the waiting scans oldest first, each removed once the server answered it
   * (any answer: a refusal is an answer too). Stops at the first that cannot be
   * sent (`send` throws: no network, or a server error), which stays queued.
   * Scans queued meanwhile are sent too. A drain already under way is joined,
   * not doubled. True when nothing is left waiting.
   */
  drain<A>(send: (scan: Scan) => Promise<A>, sent: (answer: A, entry: QueuedScan) => void): Promise<boolean>;
}

/** `changed` hears the number of waiting scans after every change. */
export function scanQueue(store: QueueStore, changed: (pending: number) => void = () => {}): ScanQueue {
  // one read-change-write at a time, each on what the previous one saved
  let last: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = last.then(work);
    last = run.catch(() => {});
    return run;
  };
  const update = (change: (scans: QueuedScan[]) => QueuedScan[]) =>
    exclusive(async () => {
      const scans = change(await store.load());
      await store.save(scans);
      changed(scans.length);
    });
  let draining: Promise<boolean> | undefined;

  async function drainOnce<A>(send: (scan: Scan) => Promise<A>, sent: (answer: A, entry: QueuedScan) => void) {
    for (;;) {
      const [entry] = await exclusive(() => store.load());
      if (!entry) return true;
      let answer: A;
      try {
        answer = await send(scanToSend(entry));
      } catch {
        return false;
      }
      sent(answer, entry);
      await update((scans) => scans.filter((s) => s.client_id !== entry.client_id));
    }
  }

  return {
    add: (scan) => update((scans) => (scans.some((s) => s.client_id === scan.client_id) ? scans : [...scans, scan])),
    size: () => exclusive(async () => (await store.load()).length),
    drain(send, sent) {
      draining ??= drainOnce(send, sent).finally(() => (draining = undefined));
      return draining;
    },
  };
}

/**
 * Scan ids unique to this phone, `{device}:{n}`: the device id is made once and
 * kept (`kf_device`), the counter too (`kf_seq`).
 */
export function clientIds(storage: KeyValueStorage, newDeviceId: () => string): () => string {
  let device = storage.getItem("kf_device");
  if (!device) {
    device = newDeviceId();
    storage.setItem("kf_device", device);
  }
  let seq = Number(storage.getItem("kf_seq") || 0);
  return () => {
    seq += 1;
    storage.setItem("kf_seq", String(seq));
    return `${device}:${seq}`;
  };
}
