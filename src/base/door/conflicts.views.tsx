/** The open door conflicts, as the door page and the organiser's dashboard list them; plain forms resolve them. */
import { t, type Lang } from "../../i18n";
import { firstName } from "../../lib/first-name";
import { formatTime } from "../../lib/time";
import type { OpenConflict } from "./conflicts.service";

/** Where a resolve button posts (checkin feature, `door.manage`). */
export const resolveAction = (id: number) => `/staff/checkin/conflicts/${id}/resolve`;

export function conflictText(lang: Lang, tz: string, c: OpenConflict, names: "full" | "first"): string {
  const name = (names === "full" ? c.name : firstName(c.name)) || t(lang, "checkin.conflictNoName");
  const time = formatTime(c.scannedAt, tz);
  switch (c.kind) {
    case "double_admission":
      return t(lang, "checkin.conflict.double_admission", {
        name,
        gate: c.gate,
        time,
        otherGate: c.otherGate ?? "",
        otherTime: c.otherAt ? formatTime(c.otherAt, tz) : "",
      });
    case "revoked_ticket":
      return t(lang, "checkin.conflict.revoked_ticket", { name, gate: c.gate, time });
    default:
      return t(lang, `checkin.conflict.${c.kind}`, { gate: c.gate, time });
  }
}

/**
 * The list, under its heading; nothing when there is none. `names`: the dashboard shows
 * the full name, the door page (kept by gate phones for offline use) the first name only.
 * With `resolve`, each has a button that posts the event's slug and `back` (where to return).
 */
export function ConflictList(p: { lang: Lang; tz: string; conflicts: OpenConflict[]; names: "full" | "first"; resolve?: { event: string; back: string } }) {
  const { lang } = p;
  if (!p.conflicts.length) return null;
  return (
    <section id="conflicts" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">
        {t(lang, "checkin.conflicts")} ({p.conflicts.length})
      </h2>
      <p class="muted">{t(lang, "checkin.conflictsIntro")}</p>
      <ul class="conflicts">
        {p.conflicts.map((c) => (
          <li data-conflict={c.kind}>
            {conflictText(lang, p.tz, c, p.names)}
            {c.provisional ? ` (${t(lang, "checkin.conflictProvisional")})` : ""}
            {p.resolve ? (
              <form method="post" action={resolveAction(c.id)}>
                <input type="hidden" name="event" value={p.resolve.event} />
                <input type="hidden" name="back" value={p.resolve.back} />
                <button type="submit" class="btn alt">
                  {t(lang, "checkin.resolve")}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
