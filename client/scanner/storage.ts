/**
 * What the scanner keeps on the phone goes through a `Store`: IndexedDB in the
 * browser (`idb-store.ts`), a Map in tests. The old scanner kept it in
 * localStorage; `moveFromLocalStorage` carries that over once, losing nothing.
 */

/** Values under string keys, kept across reloads, closed tabs and restarts. */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A store in memory: the tests' store, and the page's when the browser refuses IndexedDB (the door works while the page stays open). */
export function memoryStore(): Store {
  const data = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => structuredClone(data.get(key)) as T | undefined,
    set: async (key, value) => void data.set(key, structuredClone(value)),
    delete: async (key) => void data.delete(key),
  };
}

/** The keys the scanner uses, per event where it matters. */
export const KEYS = {
  device: "device",
  seq: "seq",
  gate: (event: string) => `gate:${event}`,
  queue: (event: string) => `queue:${event}`,
  tickets: (event: string) => `tickets:${event}`,
  admitted: (event: string) => `admitted:${event}`,
  log: (event: string) => `log:${event}`,
};

/** One value of a store, with a fallback when absent. */
export interface StoreItem<T> {
  read(): Promise<T>;
  write(value: T): Promise<void>;
  remove(): Promise<void>;
}

/**
 * @example
 * const log = storeItem<LogEntry[]>(store, KEYS.log("fekk-2026"), []);
 * await log.write([entry, ...(await log.read())]);
 */
export function storeItem<T>(store: Store, key: string, fallback: T): StoreItem<T> {
  return {
    read: async () => (await store.get<T>(key)) ?? fallback,
    write: (value) => store.set(key, value),
    remove: () => store.delete(key),
  };
}

/** The part of the Web Storage API the old scanner used: `localStorage`. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function parse<T>(text: string | null): T | undefined {
  try {
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

type LegacyScan = { client_id: string; offline?: unknown };

/**
 * Moves what the localStorage scanner kept for `event` into the store: waiting scans
 * (added after those already in the store, each client_id once), the gate, the
 * tickets admitted offline, the scan list. The old digest
 * list is dropped (it had no names; the next sync brings a new one). Each key is
 * removed from localStorage once its value is safe in the store.
 */
export async function moveFromLocalStorage(local: KeyValueStorage, store: Store, event: string): Promise<void> {
  const old = parse<LegacyScan[]>(local.getItem(`kf_queue:${event}`));
  if (old?.length) {
    const queue = (await store.get<LegacyScan[]>(KEYS.queue(event))) ?? [];
    const have = new Set(queue.map((s) => s.client_id));
    // the old queue marked a scan admitted offline `offline: true`: from its list
    const moved = old.filter((s) => !have.has(s.client_id)).map((s) => (s.offline === true ? { ...s, offline: "listed" } : s));
    await store.set(KEYS.queue(event), [...queue, ...moved]);
  }
  local.removeItem(`kf_queue:${event}`);

  const gate = local.getItem(`kf_gate:${event}`);
  if (gate && !(await store.get(KEYS.gate(event)))) await store.set(KEYS.gate(event), gate);
  const admitted = parse<string[]>(local.getItem(`kf_offline_in:${event}`));
  if (admitted?.length) await store.set(KEYS.admitted(event), [...new Set([...((await store.get<string[]>(KEYS.admitted(event))) ?? []), ...admitted])]);
  const log = parse<unknown[]>(local.getItem(`kf_log:${event}`));
  if (log?.length && !(await store.get(KEYS.log(event)))) await store.set(KEYS.log(event), log);
  // the store makes its own device id: a page of the old scanner still open in another
  // tab goes on counting under the old one, so the two can never make the same scan id
  for (const key of [`kf_gate:${event}`, `kf_offline_in:${event}`, `kf_log:${event}`, `kf_digests:${event}`]) local.removeItem(key);
}
