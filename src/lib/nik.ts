/**
 * NIK, the 16-digit national ID: `PPKKCC DDMMYY SSSS` (province, regency,
 * district, birth date with 40 added to the day for women, serial). There is
 * no checksum, and district codes are not checked (they were re-coded).
 */
export type NikInfo = {
  province: string;
  regency: string;
  birthDate: string; // YYYY-MM-DD
  sex: "male" | "female";
};

export type NikError = "format" | "date";

export function parseNik(input: string, today = new Date()): NikInfo | NikError {
  const nik = input.replace(/[\s.\-]/g, "");
  if (!/^\d{16}$/.test(nik) || nik.startsWith("00")) return "format";
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = day > 40 ? "female" : "male";
  if (day > 40) day -= 40;
  // two-digit year: a year after this one belongs to the last century
  const century = yy > today.getUTCFullYear() % 100 ? 1900 : 2000;
  const year = century + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    return "date";
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    province: nik.slice(0, 2),
    regency: `${nik.slice(0, 2)}.${nik.slice(2, 4)}`,
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    sex,
  };
}

export function compactNik(input: string): string {
  return input.replace(/[\s.\-]/g, "");
}

/** `5371********0001`: area and serial stay, the birth date is hidden. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}********${nik.slice(-4)}`;
}

/** False only when both are given and the birth date (`YYYY-MM-DD`) differs from the one inside the NIK. */
export function nikMatchesBirthDate(nik: string | undefined, birthDate: string | undefined): boolean {
  if (!nik || !birthDate) return true;
  const info = parseNik(nik);
  // the NIK holds DDMMYY; compare without guessing its century
  return typeof info === "string" || info.birthDate.slice(2) === birthDate.slice(2);
}
