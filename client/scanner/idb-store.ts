/**
 * The phone's Store in IndexedDB (database `kupang-fair-door`, one object store):
 * it survives reloads, closed tabs and restarts, unlike a page's memory, and
 * holds more than localStorage would. Writes are `strict`: on disk when they resolve.
 */
import { memoryStore, type Store } from "./storage";

const DB_NAME = "kupang-fair-door";
const OBJECTS = "kv";

function open(): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(OBJECTS);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
    req.onblocked = () => fail(new Error("indexedDB blocked"));
  });
}

export function idbStore(): Store & { close(): Promise<void> } {
  let db: Promise<IDBDatabase> | undefined;
  const run = <T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>) =>
    (db ??= open()).then(
      (d) =>
        new Promise<T>((ok, fail) => {
          const tx = d.transaction(OBJECTS, mode, { durability: "strict" });
          const req = work(tx.objectStore(OBJECTS));
          tx.oncomplete = () => ok(req.result);
          tx.onerror = () => fail(tx.error);
          tx.onabort = () => fail(tx.error);
        }),
    );
  return {
    get: <T>(key: string) => run<T | undefined>("readonly", (s) => s.get(key) as IDBRequest<T | undefined>),
    set: async (key, value) => void (await run("readwrite", (s) => s.put(value, key))),
    delete: async (key) => void (await run("readwrite", (s) => s.delete(key))),
    close: async () => {
      if (db) (await db.catch(() => undefined))?.close();
      db = undefined;
    },
  };
}

/** Opens the IndexedDB store, or the memory one when IndexedDB cannot be used here. */
export async function phoneStore(): Promise<{ store: Store; close(): Promise<void>; durable: boolean }> {
  try {
    const store = idbStore();
    await store.get("device");
    return { store, close: store.close, durable: true };
  } catch {
    return { store: memoryStore(), close: async () => {}, durable: false };
  }
}

/**
 * Forgets everything the door kept on this phone: the store (ticket list, names,
 * queue, scan list), the cached scanner and decoder, the service worker. What a
 * sign-out or a revoked session does (the server also sends Clear-Site-Data).
 */
export async function wipeDevice(close: () => Promise<void>): Promise<void> {
  await close();
  await new Promise<void>((ok) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => ok();
  });
  if ("caches" in self) for (const name of await caches.keys()) if (name.startsWith("kf-door-")) await caches.delete(name);
  const reg = await navigator.serviceWorker?.getRegistration("/staff/checkin");
  await reg?.unregister();
}
