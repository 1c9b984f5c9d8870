/** Programmes for the enrollment tests, with dates around today in the event's zone (never a fixed date that ages). */
import { dayInZone } from "../../src/lib/time";
import { call } from "../helpers";

/** `YYYY-MM-DD` in Kupang, `days` from today. */
export function dayFromToday(days: number): string {
  return dayInZone(new Date(Date.now() + days * 86_400_000), "Asia/Makassar");
}

export type ProgrammeAnswer = { id: number; quota: number; allocated: number; enrolled: number; remaining: number; progress: number | null; event: string | null };

export const programmeInput = (extra: Record<string, unknown> = {}) => ({
  name: "Perlindungan Pekerja Kreatif Kota Kupang",
  sponsor: "Pemerintah Kota Kupang",
  funder: "apbd",
  months: 3,
  quota: 500,
  target: 500,
  starts_on: dayFromToday(-30),
  ends_on: dayFromToday(365),
  ...extra,
});

export async function makeProgramme(event: string | null, extra: Record<string, unknown> = {}, token?: string): Promise<ProgrammeAnswer> {
  const res = await call(event ? `/api/v1/events/${event}/programmes` : "/api/v1/programmes", { json: programmeInput(extra), token });
  if (res.status !== 201) throw new Error(`programme: ${res.status} ${await res.text()}`);
  return res.json();
}

export const allocate = (lead: number, programme: number, token?: string) => call(`/api/v1/leads/${lead}/allocation`, { json: { programme_id: programme }, token });
