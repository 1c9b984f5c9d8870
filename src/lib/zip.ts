/**
 * A zip archive written as a stream: each file is deflated by the platform's
 * `CompressionStream("deflate-raw")` while it is produced, and its CRC-32 and
 * sizes follow it in a data descriptor, so no file is ever held whole. Without
 * Zip64, files and the archive stay under 4 GiB (checked).
 */

/** A file in the archive: its bytes, or chunks produced on demand. */
export type ZipEntry = { name: string; data: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array> };

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (IEEE 802.3, as zip uses it); pass the previous result to continue over more bytes.
 * @example crc32(new TextEncoder().encode("123456789")) // 0xcbf43926
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let c = ~previous >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const LIMIT = 0xffffffff;
// bit 3: sizes in a data descriptor; bit 11: names are UTF-8
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((Math.max(d.getUTCFullYear(), 1980) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

function record(size: number, fill: (v: DataView) => void, name?: Uint8Array): Uint8Array {
  const out = new Uint8Array(size + (name?.length ?? 0));
  fill(new DataView(out.buffer));
  if (name) out.set(name, size);
  return out;
}

type Chunks = AsyncIterator<Uint8Array> | Iterator<Uint8Array>;

function iteratorOf(source: ZipEntry["data"]): Chunks {
  const iterable = source instanceof Uint8Array ? [source] : source;
  return Symbol.asyncIterator in iterable
    ? (iterable as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
    : (iterable as Iterable<Uint8Array>)[Symbol.iterator]();
}

/** Pulls `it` one chunk at a time, telling `tap` about each. */
function streamOf(it: Chunks, tap: (chunk: Uint8Array) => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await it.next();
        if (next.done) return controller.close();
        tap(next.value);
        controller.enqueue(next.value);
      },
      async cancel() {
        await it.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The archive's bytes, entry by entry, in order; an entry's data is only read
 * once the entries before it are written.
 */
export async function* zipChunks(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  modified = new Date(),
): AsyncGenerator<Uint8Array, void, undefined> {
  const { time, date } = dosDateTime(modified);
  const utf8 = new TextEncoder();
  const central: Uint8Array[] = [];
  let offset = 0;

  for await (const entry of entries) {
    const name = utf8.encode(entry.name);
    const start = offset;
    const local = record(
      30,
      (v) => {
        v.setUint32(0, 0x04034b50, true);
        v.setUint16(4, VERSION, true);
        v.setUint16(6, FLAGS, true);
        v.setUint16(8, DEFLATE, true);
        v.setUint16(10, time, true);
        v.setUint16(12, date, true);
        // crc and sizes (14..25) stay 0: they follow in the data descriptor
        v.setUint16(26, name.length, true);
      },
      name,
    );
    offset += local.length;
    yield local;

    let crc = 0;
    let size = 0;
    let compressed = 0;
    const source = iteratorOf(entry.data);
    const reader = streamOf(source, (chunk) => {
      crc = crc32(chunk, crc);
      size += chunk.length;
    })
      .pipeThrough(new CompressionStream("deflate-raw"))
      .getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        compressed += value.length;
        offset += value.length;
        yield value;
      }
      finished = true;
    } finally {
      // the consumer stopped early: stop the compressor and the producer now,
      // not whenever the cancellation reaches the producer through the pipe
      if (!finished) {
        await reader.cancel().catch(() => undefined);
        await source.return?.();
      }
    }
    if (size > LIMIT || compressed > LIMIT || offset > LIMIT) throw new RangeError("zip: over 4 GiB needs Zip64");

    const descriptor = record(16, (v) => {
      v.setUint32(0, 0x08074b50, true);
      v.setUint32(4, crc, true);
      v.setUint32(8, compressed, true);
      v.setUint32(12, size, true);
    });
    offset += descriptor.length;
    yield descriptor;

    central.push(
      record(
        46,
        (v) => {
          v.setUint32(0, 0x02014b50, true);
          v.setUint16(4, VERSION, true);
          v.setUint16(6, VERSION, true);
          v.setUint16(8, FLAGS, true);
          v.setUint16(10, DEFLATE, true);
          v.setUint16(12, time, true);
          v.setUint16(14, date, true);
          v.setUint32(16, crc, true);
          v.setUint32(20, compressed, true);
          v.setUint32(24, size, true);
          v.setUint16(28, name.length, true);
          v.setUint32(42, start, true);
        },
        name,
      ),
    );
  }

  const directoryStart = offset;
  for (const header of central) {
    offset += header.length;
    yield header;
  }
  if (offset > LIMIT || central.length > 0xffff) throw new RangeError("zip: too large without Zip64");
  yield record(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, central.length, true);
    v.setUint16(10, central.length, true);
    v.setUint32(12, offset - directoryStart, true);
    v.setUint32(16, directoryStart, true);
  });
}
