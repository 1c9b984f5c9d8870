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
  /** queues a scan at the end */
  add(scan: QueuedScan): Promise<void>;
  /** how many scans wait */
  size(): Promise<number>;
  /**
   * Sends the waiting scans oldest first, each removed once the server answered it
   * (any answer: a refusal is an answer too). Stops at the first that cannot be
   * sent (`send` throws: no network, or a server error), which stays queued.
   * True when nothing is left waiting.
   */
  drain<A>(send: (scan: Scan) => Promise<A>, sent: (answer: A, entry: QueuedScan) => void): Promise<boolean>;
}

/** `changed` hears the number of waiting scans after every change. */
export function scanQueue(store: QueueStore, changed: (pending: number) => void = () => {}): ScanQueue {
  const save = async (scans: readonly QueuedScan[]) => {
    await store.save(scans);
    changed(scans.length);
  };
  return {
    add: async (scan) => save([...(await store.load()), scan]),
    size: async () => (await store.load()).length,
    async drain(send, sent) {
      let waiting = await store.load();
      while (waiting.length) {
        const entry = waiting[0]!;
        let answer;
        try {
          answer = await send(scanToSend(entry));
        } catch {
          return false;
        }
        sent(answer, entry);
        waiting = waiting.slice(1);
        await save(waiting);
      }
      return true;
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
