/**
 * A zip archive written as a stream: each file is deflated by the platform's
 * `CompressionStream("deflate-raw")` while it is produced, and its CRC-32 and
 * sizes follow it in a data descriptor, so no file is ever held whole. Without
 * Zip64, files and the archive stay under 4 GiB (checked).
 */
import { concatBytes } from "./bytes";
import { crc32 } from "./crc32";

/** A file in the archive: its bytes, or chunks produced on demand. */
export type ZipEntry = { name: string; data: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array> };

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

/**
 * Deflates `source` chunk by chunk: each chunk goes into the compressor, and
 * what comes out is handed on before the next chunk goes in. (Piping into a
 * CompressionStream instead lets workerd feed it the whole source while the
 * output waits in its queue: memory would grow with the file.)
 */
async function* deflateRaw(source: Chunks, tap: (chunk: Uint8Array) => void): AsyncGenerator<Uint8Array, void, undefined> {
  const compressor = new CompressionStream("deflate-raw");
  const writer = compressor.writable.getWriter();
  const reader = compressor.readable.getReader();
  const out: Uint8Array[] = [];
  const drained = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      out.push(value);
    }
  })();
  // a failure is raised where `drained` is awaited, not as an unhandled rejection
  drained.catch(() => undefined);
  const take = () => concatBytes(out.splice(0));
  let finished = false;
  try {
    for (;;) {
      const next = await source.next();
      if (next.done) break;
      tap(next.value);
      await writer.write(next.value);
      // one turn of the event loop lets the compressor's output reach `out`
      await new Promise((r) => setTimeout(r, 0));
      if (out.length) yield take();
    }
    await writer.close();
    await drained;
    if (out.length) yield take();
    finished = true;
  } finally {
    // the consumer stopped early: stop the compressor and the producer now
    if (!finished) {
      await writer.abort().catch(() => undefined);
      await reader.cancel().catch(() => undefined);
      await source.return?.();
    }
  }
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
    for await (const piece of deflateRaw(iteratorOf(entry.data), (chunk) => {
      crc = crc32(chunk, crc);
      size += chunk.length;
    })) {
      compressed += piece.length;
      offset += piece.length;
      yield piece;
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
