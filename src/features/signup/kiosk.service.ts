/**
 * What a booth kiosk writes beside the registration: its audit entry, the
 * ticket message (when asked), and the one result its done page may show. The
 * result is kept on the kiosk's row under a one-time nonce (only its SHA-256)
 * until the next person's form opens, the next signup replaces it, or
 * `KIOSK_RESULT_MINUTES` pass: the Back button and the browser's history never
 * bring a previous person's QR back.
 */
import { and, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import { auditRegistrationOnce } from "../../base/audit/audit.service";
import { createKiosk } from "../../base/auth/kiosks.service";
import { findBooth } from "../../base/events/events.service";
import { invalid } from "../../base/http/problem";
import type { Principal } from "../../base/context/principal";
import type { Db } from "../../db/client";
import { registrations, tickets, type Booth, type Event } from "../../db/schema";
import { kiosks } from "../../db/schema/kiosks";
import { msg } from "../../i18n";
import { sha256Hex } from "../../lib/crypto";

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
 * What a kiosk signup writes in the registering batch (`SignupWrite.also`), given `mine` (the person
 * it registered, or null) and `person` (the person with that phone and name): the audit entry
 * `registration.kiosk` (the kiosk, event, booth; no personal data; `known: true` for a person
 * registered already, of whom nothing changed), once per submission (its time `at`); and the done
 * page's result under the hash of its one-time nonce, from `now` (cleared for `known`). The ticket's
 * message is the registering batch's own. All or nothing with the person and their ticket.
 */
export function kioskSignupWrites(db: Db, by: KioskCaller, event: Event, booth: Booth, r: { nonceHash: string; whatsapp: boolean; at: Date; now: Date }) {
  return ({ mine, person }: { mine: SQL; person: SQL }) => {
    const detail = { kiosk: by.kiosk.id, booth: booth.code };
    const thisKiosk = eq(kiosks.id, by.kiosk.id);
    return [
      auditRegistrationOnce(db, by, { action: "registration.kiosk", eventId: event.id, detail }, mine, r.at, sql`${mine} is not null`),
      auditRegistrationOnce(db, by, { action: "registration.kiosk", eventId: event.id, detail: { ...detail, known: true } }, person, r.at, sql`${mine} is null and ${person} is not null`),
      db
        .update(kiosks)
        .set({ resultRegistrationId: sql`${mine}`, resultNonceHash: r.nonceHash, resultAt: r.now, resultWhatsapp: r.whatsapp })
        .where(and(thisKiosk, sql`${mine} is not null`)),
      db
        .update(kiosks)
        // no result, but the time of this turn: an earlier person's form sent again is no longer theirs (kioskTakesSubmission)
        .set({ resultRegistrationId: null, resultNonceHash: null, resultAt: r.now, resultWhatsapp: null })
        .where(and(thisKiosk, sql`${mine} is null`)),
    ];
  };
}

/** Forgets the kiosk's last result: the next person's form is open. */
export async function clearKioskResult(db: Db, kioskId: number, now = new Date()): Promise<void> {
  // `result_at` without a result: when the next person's form opened (kioskTakesSubmission)
  await db.update(kiosks).set({ resultRegistrationId: null, resultNonceHash: null, resultAt: now, resultWhatsapp: null }).where(eq(kiosks.id, kioskId));
}

/**
 * Whether a kiosk form sent again (its token opened) is still the turn of the person it was made for. Once
 * the next person's turn began (their form opened, or their signup is the kiosk's result) it is not: a
 * post from the history (Back) is then a new submission, which shows nothing of the earlier person
 * ("already registered") instead of their done page. The earlier person's own "Coba lagi" is: nothing
 * happened on the kiosk since their submission, or its result is their own registration.
 */
export async function kioskTakesSubmission(db: Db, kioskId: number, seed: { code: string; at: Date }): Promise<boolean> {
  const [row] = await db
    .select({ at: kiosks.resultAt, code: tickets.code })
    .from(kiosks)
    .leftJoin(tickets, eq(tickets.registrationId, kiosks.resultRegistrationId))
    .where(eq(kiosks.id, kioskId))
    .limit(1);
  if (!row) return false;
  return row.at === null || row.at.getTime() <= seed.at.getTime() || row.code === seed.code;
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
