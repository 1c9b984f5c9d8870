/**
 * What the scanner keeps on the phone goes through this: `localStorage` today,
 * something else (IndexedDB) later, an in-memory fake in tests.
 */

/** The part of the Web Storage API the scanner uses; `localStorage` is one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A JSON value kept under one key. */
export interface JsonItem<T> {
  /** the value, or `fallback` when the key is absent or empty */
  read(): T;
  write(value: T): void;
  remove(): void;
}

/**
 * @example
 * const log = jsonItem<LogEntry[]>(localStorage, "kf_log:fekk-2026", []);
 * log.write([entry, ...log.read()]);
 */
export function jsonItem<T>(storage: KeyValueStorage, key: string, fallback: T): JsonItem<T> {
  return {
    read: () => {
      const text = storage.getItem(key);
      return text ? (JSON.parse(text) as T) : fallback;
    },
    write: (value) => storage.setItem(key, JSON.stringify(value)),
    remove: () => storage.removeItem(key),
  };
}
