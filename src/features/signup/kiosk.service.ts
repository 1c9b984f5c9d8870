/**
 * What a booth kiosk writes beside the registration: its audit entry, the
 * ticket message (when asked), and the one result its done page may show. The
 * result is kept on the kiosk's row under a one-time nonce (only its SHA-256)
 * until the next person's form opens, the next signup replaces it, or
 * `KIOSK_RESULT_MINUTES` pass: the Back button and the browser's history never
 * bring a previous person's QR back.
 */
import { and, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { auditInsert } from "../../base/audit/audit.service";
import { createKiosk } from "../../base/auth/kiosks.service";
import { findBooth } from "../../base/events/events.service";
import { invalid } from "../../base/http/problem";
import type { Principal } from "../../base/context/principal";
import { dispatch, outboxInsert, type NewMessage } from "../../base/messaging/outbox.service";
import type { Db } from "../../db/client";
import { registrations, tickets, type Booth, type Event } from "../../db/schema";
import { kiosks } from "../../db/schema/kiosks";
import { msg } from "../../i18n";
import { randomToken, sha256Hex } from "../../lib/crypto";

/** How long a signup's done page can be opened again (a reload) before the next person's form. */
export const KIOSK_RESULT_MINUTES = 10;

/** A one-time pairing for a kiosk at the booth `code` names; 422 on `booth` when the event has no such booth. */
export async function createBoothKiosk(db: Db, by: Principal, event: Event, code: string) {
  const booth = await findBooth(db, event.id, code);
  if (!booth) throw invalid({ booth: msg("kiosk.unknownBooth") });
  return { booth, ...(await createKiosk(db, by, event, booth)) };
}

type KioskCaller = Principal & { kiosk: { id: number; boothId: number } };

/**
 * After a kiosk signup (`known`: the person was registered already, nothing of
 * theirs changed): in one batch, the audit entry `registration.kiosk` (the
 * kiosk, event, booth; no personal data), the ticket message when asked, and the
 * done page's result. Returns the nonce of the done page's address (none for `known`).
 */
export async function recordKioskSignup(
  db: Db,
  queue: Queue<{ id: number }> | undefined,
  by: KioskCaller,
  event: Event,
  booth: Booth,
  done: { registrationId: number; known: boolean; message: NewMessage | null },
  now = new Date(),
): Promise<string | null> {
  const nonce = done.known ? null : randomToken(16);
  const audit = auditInsert(db, by, {
    action: "registration.kiosk",
    eventId: event.id,
    subject: `registration:${done.registrationId}`,
    detail: { kiosk: by.kiosk.id, booth: booth.code, ...(done.known ? { known: true } : {}) },
  });
  const result = db
    .update(kiosks)
    .set(
      nonce
        ? { resultRegistrationId: done.registrationId, resultNonceHash: await sha256Hex(nonce), resultAt: now, resultWhatsapp: done.message !== null }
        : { resultRegistrationId: null, resultNonceHash: null, resultAt: null, resultWhatsapp: null },
    )
    .where(eq(kiosks.id, by.kiosk.id));
  if (done.message) {
    const [, , rows] = await db.batch([audit, result, outboxInsert(db, done.message)]);
    await dispatch(db, queue, rows.map((r) => r.id));
  } else {
    await db.batch([audit, result]);
  }
  return nonce;
}

/** Forgets the kiosk's last result: the next person's form is open. */
export async function clearKioskResult(db: Db, kioskId: number): Promise<void> {
  await db
    .update(kiosks)
    .set({ resultRegistrationId: null, resultNonceHash: null, resultAt: null, resultWhatsapp: null })
    .where(and(eq(kiosks.id, kioskId), isNotNull(kiosks.resultNonceHash)));
}

/**
 * What the done page `nonce` may show, while it is the kiosk's current result:
 * the ticket code (for the QR), the name (the page prints its first word) and
 * whether the ticket was queued for WhatsApp. Undefined once it is gone.
 */
export async function kioskResult(db: Db, kioskId: number, nonce: string, now = new Date()) {
  if (!nonce) return undefined;
  const [row] = await db
    .select({ code: tickets.code, name: registrations.name, whatsapp: kiosks.resultWhatsapp })
    .from(kiosks)
    .innerJoin(registrations, eq(registrations.id, kiosks.resultRegistrationId))
    .innerJoin(tickets, eq(tickets.registrationId, registrations.id))
    .where(
      and(
        eq(kiosks.id, kioskId),
        isNull(kiosks.revokedAt),
        eq(kiosks.resultNonceHash, await sha256Hex(nonce)),
        gt(kiosks.resultAt, new Date(now.getTime() - KIOSK_RESULT_MINUTES * 60_000)),
        isNull(registrations.erasedAt),
        isNull(tickets.revokedAt),
      ),
    )
    .limit(1);
  return row;
}
