/** WhatsApp's webhook, read: its signature, and the status reports in its payload. */

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

/** `entry[].changes[].value.statuses[]` as (message id, status); anything else in the payload is ignored. */
export function statusReports(payload: unknown): { providerId: string; status: Known }[] {
  const out: { providerId: string; status: Known }[] = [];
  const entries = (payload as { entry?: unknown })?.entry;
  if (!Array.isArray(entries)) return out;
  for (const entry of entries) {
    const changes = (entry as { changes?: unknown })?.changes;
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const statuses = (change as { value?: { statuses?: unknown } })?.value?.statuses;
      if (!Array.isArray(statuses)) continue;
      for (const s of statuses as { id?: unknown; status?: unknown }[]) {
        if (typeof s?.id === "string" && s.id.length <= 200 && (KNOWN as readonly unknown[]).includes(s.status)) out.push({ providerId: s.id, status: s.status as Known });
      }
    }
  }
  return out.slice(0, 500);
}
