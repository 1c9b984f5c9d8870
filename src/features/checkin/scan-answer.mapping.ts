/** A scan's outcome in words, in the reader's language: the API's `message` and the scanner page's banner. */
import { msg, translate, type Lang, type Msg } from "../../i18n";
import { formatTime } from "../../lib/time";
import type { ScanAnswer } from "./checkin.schema";
import type { ScanOutcome } from "./scan.service";

/** The message that says what a scan decided, with its values. */
export function outcomeMessage(o: ScanOutcome, tz: string): Msg {
  const name = o.attendee?.name ?? "";
  switch (o.status) {
    case "checked_in":
    case "checked_out":
      return msg(`checkin.${o.status}`, { name });
    case "already_checked_in":
      return msg("checkin.already_checked_in", { time: o.at ? formatTime(new Date(o.at), tz) : "", gate: o.gate ?? "" });
    case "wrong_event":
      return msg("checkin.wrong_event", { event: o.event?.name ?? "" });
    default:
      return msg(`checkin.${o.status}`);
  }
}

/** The answer as the API gives it: the outcome and its message in `lang`. */
export const withMessage = (o: ScanOutcome, lang: Lang, tz: string): ScanAnswer => ({ ...o, message: translate(lang, outcomeMessage(o, tz)) });

