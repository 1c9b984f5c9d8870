/**
 * A least-recently-used map bounded by the total size of its values, for what
 * one isolate may keep in memory (drawn QR codes). A Map keeps insertion order,
 * so the first key is always the least recently used one.
 * @example const images = new Lru<Uint8Array>(2_000_000, (b) => b.byteLength)
 */
export class Lru<V> {
  #map = new Map<string, V>();
  #bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (v: V) => number,
  ) {}

  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v === undefined) return undefined;
    // used now: move to the back
    this.#map.delete(key);
    this.#map.set(key, v);
    return v;
  }

  set(key: string, v: V): void {
    const size = this.sizeOf(v);
    if (size > this.maxBytes) return;
    const old = this.#map.get(key);
    if (old !== undefined) {
      this.#bytes -= this.sizeOf(old);
      this.#map.delete(key);
    }
    this.#map.set(key, v);
    this.#bytes += size;
    for (const [k, oldest] of this.#map) {
      if (this.#bytes <= this.maxBytes) break;
      this.#map.delete(k);
      this.#bytes -= this.sizeOf(oldest);
    }
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#map.size;
  }
}
