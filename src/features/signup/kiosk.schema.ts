/** What an organiser sends to pair a booth kiosk (the staff page and the API alike). */
import { z } from "@hono/zod-openapi";

export const KioskCreateSchema = z.object({ booth: z.string().trim().min(1).max(40) }).openapi("KioskCreate");

export const KioskIdParam = z.object({
  slug: z.string().min(1).max(100).openapi({ param: { name: "slug", in: "path" } }),
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" } }),
});

export const KIOSK_STATUSES = ["waiting", "expired", "active", "revoked"] as const;
export type KioskStatus = (typeof KIOSK_STATUSES)[number];

/** Where a kiosk stands: waiting for its tablet, its code expired unused, paired and working, or revoked. */
export function kioskStatus(k: { pairedAt: Date | null; pairingExpiresAt: Date; revokedAt: Date | null }, now = new Date()): KioskStatus {
  if (k.revokedAt) return "revoked";
  if (k.pairedAt) return "active";
  return k.pairingExpiresAt > now ? "waiting" : "expired";
}
