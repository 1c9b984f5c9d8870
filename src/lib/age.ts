/**
 * Age from a birth date or a NIK, on a calendar day. Children's data needs a
 * parent's or guardian's consent (UU 27/2022 "PDP" art. 25); a child is a
 * person under 18 (UU 35/2014 on child protection, art. 1).
 */
import { parseNik } from "./nik";

/** Below this age a person is a child in Indonesian law. */
export const ADULT_AGE = 18;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole years between `birthDate` and `day` (both `YYYY-MM-DD`); someone born on 29 February turns a year older on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const b = DAY.exec(birthDate);
  const d = DAY.exec(day);
  if (!b || !d) throw new RangeError("ageOn: dates must be YYYY-MM-DD");
  let age = Number(d[1]) - Number(b[1]);
  if (d[2]! + d[3]! < b[2]! + b[3]!) age -= 1;
  return age;
}

/** The birth date a person gave, or else the one inside their NIK; null when neither says. */
export function knownBirthDate(birthDate: string | null | undefined, nik: string | null | undefined, day: string): string | null {
  if (birthDate && DAY.test(birthDate)) return birthDate;
  if (!nik) return null;
  const info = parseNik(nik, new Date(`${day}T12:00:00Z`));
  return typeof info === "string" ? null : info.birthDate;
}

/** The age on `day` from a birth date or a NIK; null when unknown. */
export function ageFrom(birthDate: string | null | undefined, nik: string | null | undefined, day: string): number | null {
  const born = knownBirthDate(birthDate, nik, day);
  return born ? ageOn(born, day) : null;
}
