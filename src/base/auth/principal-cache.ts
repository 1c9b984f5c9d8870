/**
 * Staff accounts kept in this isolate's memory for the door's scan route, the
 * one staff route hot enough to matter: a phone at the gate scans every few
 * seconds. A copy lives at most `PRINCIPAL_CACHE_MS`; revoking an account drops
 * it here at once (`forgetStaff`), and the scan's own statement checks the
 * account again inside its transaction (features/checkin/scan.service.ts), so a
 * revoked device is refused at once in every isolate. Other routes read the
 * account from D1 on every request.
 */
import type { Principal } from "../context/principal";

export const PRINCIPAL_CACHE_MS = 30_000;
const MAX_ENTRIES = 2_000;

type Kept = Principal;
const byKey = new Map<string, { p: Kept; at: number }>();

/** The account kept under `key` (`token:{hash}`, or `session:{hash}` for a signed-in browser), while fresh. */
export function recallPrincipal(key: string, now = Date.now()): Kept | undefined {
  const entry = byKey.get(key);
  return entry && now - entry.at < PRINCIPAL_CACHE_MS ? entry.p : undefined;
}

export function rememberPrincipal(key: string, p: Kept, now = Date.now()): void {
  if (byKey.size >= MAX_ENTRIES) byKey.clear();
  byKey.set(key, { p, at: now });
}

/** Drops every copy of account `id` (after it was revoked, or a scan found it no longer allowed). */
export function forgetStaff(id: number): void {
  for (const [key, entry] of byKey) if (entry.p.id === id) byKey.delete(key);
}

/** Drops one copy (a session that was signed out here). */
export function forgetKey(key: string): void {
  byKey.delete(key);
}
