/**
 * What every download shares: a pull-driven stream that produces the next
 * chunk only when the client is ready for it (so memory holds a page, whatever
 * the number of rows), CSV written page by page, and an audit entry opened
 * before the first byte and completed however the stream ends.
 */
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema/audit";
import { CSV_BOM, csvRow, type CsvValue } from "../../lib/csv";
import { isoInZone } from "../../lib/time";
import { auditComplete, auditInsert, type AuditEntry } from "../audit/audit.service";
import type { Principal } from "../context/principal";

export type ExportFormat = "csv" | "xlsx";
export type Cell = string | number | null;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8; header=present",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A CSV file: the byte order mark and header first, then each page of rows as it comes. */
export async function* csvChunks(header: readonly string[], pages: AsyncIterable<Cell[][]>): AsyncGenerator<Uint8Array, void, undefined> {
  const utf8 = new TextEncoder();
  yield utf8.encode(CSV_BOM + csvRow(header));
  for await (const page of pages) {
    let text = "";
    for (const row of page) text += csvRow(row as CsvValue[]);
    yield utf8.encode(text);
  }
}

export type End = { state: "complete" | "cancelled" } | { state: "failed"; error: string };

/**
 * A pull-driven stream over `chunks`; `settle` runs once, however the stream
 * ends. A failure breaks the stream with `failureMessage`, which quotes nothing
 * (a query's own message may quote its parameters, such as a searched name).
 */
export function streamOf(
  chunks: AsyncGenerator<Uint8Array, void, undefined>,
  settle: (end: End) => Promise<void>,
  waitUntil: (p: Promise<unknown>) => void,
  failureMessage: string,
): ReadableStream<Uint8Array> {
  let settled = false;
  const once = (end: End) => {
    if (settled) return Promise.resolve();
    settled = true;
    return settle(end);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // let the chunk before this one go out first: a write is flushed only
          // when the event loop turns, and the next page may keep it busy
          await new Promise((r) => setTimeout(r, 0));
          const next = await chunks.next();
          if (next.done) {
            await once({ state: "complete" });
            controller.close();
          } else controller.enqueue(next.value);
        } catch (err) {
          // the audit entry records the failure by its kind only: a message may quote data
          await once({ state: "failed", error: (err as Error)?.name ?? "Error" }).catch(() => undefined);
          controller.error(new Error(failureMessage));
        }
      },
      cancel() {
        waitUntil(Promise.allSettled([chunks.return(undefined), once({ state: "cancelled" })]));
      },
    },
    { highWaterMark: 0 },
  );
}

/** `{prefix}-{slug}-20261206-1430.{format}`, stamped in `tz`. */
export function exportFileName(prefix: string, format: ExportFormat, tz: string, now: Date): string {
  const stamp = isoInZone(now, tz).slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `${prefix}-${stamp}.${format}`;
}

/**
 * Opens an export's audit entry (state `started`) and returns how to complete
 * it: with the base detail, the rows counted in `progress`, and how it ended.
 */
export async function auditedExport(db: Db, by: Principal, entry: AuditEntry & { detail: Record<string, unknown> }, progress: { rows: number }) {
  const [row] = await auditInsert(db, by, { ...entry, detail: { ...entry.detail, rows: 0, state: "started" } }).returning({ id: auditLog.id });
  return async (end: End) => {
    await auditComplete(db, row!.id, { ...entry.detail, rows: progress.rows, ...end });
  };
}

/** The download response: a file, never cached, never sniffed. */
export function fileResponse(body: ReadableStream<Uint8Array>, format: ExportFormat, fileName: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
