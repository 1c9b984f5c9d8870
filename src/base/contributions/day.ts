/** The calendar day contribution figures are computed for. */
import type { Env } from "../context/env";
import { dayInZone, isCalendarDay } from "../../lib/time";

/**
 * Today in `tz`, or the day `on` names when the deployment allows it
 * (`DATE_OVERRIDE=allow`: tests and demos show a figure on a chosen day
 * without racing the clock). Anything else is ignored: today it is.
 */
export function calculationDay(env: Pick<Env, "DATE_OVERRIDE">, on: string | undefined, tz: string, now = new Date()): string {
  if (on && env.DATE_OVERRIDE === "allow" && isCalendarDay(on)) return on;
  return dayInZone(now, tz);
}
