/**
 * The KPJ: the BPJS Ketenagakerjaan membership number ("Kartu Peserta
 * Jamsostek"), 11 characters. Cards issued by BPJS Ketenagakerjaan carry 11
 * digits; older Jamsostek cards mixed capital letters into the 11 characters,
 * so both are accepted. There is no public checksum.
 */

/** The number as written on the card, without spaces, dots or dashes, in capitals. */
export const compactKpj = (input: string) => input.replace(/[\s.\-]/g, "").toUpperCase();

/** True for 11 digits, or 11 digits and capital letters with at least one digit (old Jamsostek cards). */
export function isKpj(input: string): boolean {
  const kpj = compactKpj(input);
  return /^[0-9A-Z]{11}$/.test(kpj) && /\d/.test(kpj);
}

/** `*******7801`: the last four stay, for a person to recognise their card. */
export const maskKpj = (kpj: string) => `${"*".repeat(Math.max(0, kpj.length - 4))}${kpj.slice(-4)}`;
