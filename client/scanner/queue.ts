/**
 * Scans that could not reach the server wait here, in order, and are sent when
 * the network returns, each exactly once (the server answers a retried
 * `client_id` with its first answer). Where they wait is a QueueStore: one value
 * of the phone's IndexedDB store.
 */
import { KEYS, storeItem, type Store } from "./storage";

/** A scan as `POST /events/{slug}/checkins` takes it. */
export interface Scan {
  /** what the scanner read: a ticket URL or the bare code */
  ticket: string;
  gate: string;
  direction: string;
  /** unique per scan: the server answers a retry with the first answer */
  client_id: string;
  scanned_at: string;
  /**
   * this phone already let the guest in while offline: the ticket was in its list
   * (`listed`), or the volunteer checked the KTP and admitted provisionally
   */
  offline?: "listed" | "provisional";
}

/** A waiting scan (`offline: true` in queues the localStorage scanner left: from its list). */
export type QueuedScan = Omit<Scan, "offline"> & { offline?: Scan["offline"] | true };

/** Where waiting scans are kept, oldest first. */
export interface QueueStore {
  load(): Promise<QueuedScan[]>;
  save(scans: readonly QueuedScan[]): Promise<void>;
}

/** The queue as one array under `queue:{event}` in the phone's store. */
export function storeQueue(store: Store, event: string): QueueStore {
  const item = storeItem<readonly QueuedScan[]>(store, KEYS.queue(event), []);
  return {
    load: async () => [...(await item.read())],
    save: (scans) => item.write(scans),
  };
}

/** What is sent for a waiting scan: as the API takes it. */
export function scanToSend(entry: QueuedScan): Scan {
  const { offline, ...scan } = entry;
  return offline ? { ...scan, offline: offline === true ? "listed" : offline } : scan;
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
 * kept (`device`), the counter too (`seq`), each written before its id is used.
 */
export async function clientIds(store: Store, newDeviceId: () => string): Promise<() => Promise<string>> {
  let device = await store.get<string>(KEYS.device);
  if (!device) {
    device = newDeviceId();
    await store.set(KEYS.device, device);
  }
  let seq = (await store.get<number>(KEYS.seq)) ?? 0;
  return async () => {
    seq += 1;
    const mine = seq;
    await store.set(KEYS.seq, mine);
    return `${device}:${mine}`;
  };
}
