/** WhatsApp's webhook, read: its signature, and the status reports in its payload. */
import type { StatusReport } from "../../base/messaging/outbox.service";

const encoder = new TextEncoder();

/** True when `header` is `sha256=<hex>` of HMAC-SHA-256 of `raw` under `secret` (verified by WebCrypto, constant time). */
export async function validSignature(secret: string, raw: Uint8Array, header: string | undefined): Promise<boolean> {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "");
  if (!m) return false;
  const mac = new Uint8Array(m[1]!.match(/../g)!.map((h) => parseInt(h, 16)));
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  return crypto.subtle.verify("HMAC", key, mac, raw);
}

const KNOWN = ["sent", "delivered", "read", "failed"] as const;
type Known = (typeof KNOWN)[number];

/** The first error code of a failed status (`errors[0].code`, a whole number), if any. */
function errorCode(errors: unknown): number | undefined {
  const code = Array.isArray(errors) ? (errors[0] as { code?: unknown } | undefined)?.code : undefined;
  return Number.isSafeInteger(code) && (code as number) >= 0 ? (code as number) : undefined;
}

/** `entry[].changes[].value.statuses[]` as (message id, status, a failure's code); anything else in the payload is ignored. */
export function statusReports(payload: unknown): StatusReport[] {
  const out: StatusReport[] = [];
  const entries = (payload as { entry?: unknown })?.entry;
  if (!Array.isArray(entries)) return out;
  for (const entry of entries) {
    const changes = (entry as { changes?: unknown })?.changes;
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const statuses = (change as { value?: { statuses?: unknown } })?.value?.statuses;
      if (!Array.isArray(statuses)) continue;
      for (const s of statuses as { id?: unknown; status?: unknown; errors?: unknown }[]) {
        if (typeof s?.id !== "string" || s.id.length > 200 || !(KNOWN as readonly unknown[]).includes(s.status)) continue;
        const status = s.status as Known;
        const code = status === "failed" ? errorCode(s.errors) : undefined;
        out.push(code === undefined ? { providerId: s.id, status } : { providerId: s.id, status, code });
      }
    }
  }
  return out.slice(0, 500);
}
