/** "Which event?": the staff pages that work on one event at a time (the door, gate devices, booth kiosks) list the caller's events. */
import type { Event } from "../../db/schema";
import type { Lang } from "../../i18n";

/** Links to `base?event={slug}`, one per event. */
export function EventChooser(p: { lang: Lang; events: Event[]; base: string }) {
  return (
    <ul>
      {p.events.map((e) => (
        <li>
          <a href={`${p.base}?event=${e.slug}`}>{e.name}</a>
        </li>
      ))}
    </ul>
  );
}
