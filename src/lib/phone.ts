/**
 * Indonesian mobile numbers: `08xx…`, `+62 8xx…`, `62 8xx…`, with spaces,
 * dots, dashes or brackets. Stored as E.164 (`+628…`): 9 to 12 digits after +62,
 * starting with 8. Operator prefixes are not checked (they change).
 */
export function normalizePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, "");
  let national: string;
  if (compact.startsWith("+62")) national = compact.slice(3);
  else if (compact.startsWith("62")) national = compact.slice(2);
  else if (compact.startsWith("0")) national = compact.slice(1);
  else return null;
  return /^8\d{8,11}$/.test(national) ? `+62${national}` : null;
}

/** `https://wa.me/628…`, optionally with a prefilled message. */
export function whatsappLink(e164: string, text?: string): string {
  const base = `https://wa.me/${e164.replace(/\D/g, "")}`;
  return text ? `${base}?text=${encodeURIComponent(text)}` : base;
}

/**
 * `https://wa.me/?text=…`: WhatsApp opens with the message and the person picks
 * the chat (their own, or a relative's), so the link names no number (a
 * screenshot of the ticket page must not leak one).
 */
export function whatsappShareLink(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}

/** Least data shown, as people write numbers: `0812-****-7801`. */
export function maskPhone(e164: string): string {
  const n = e164.replace(/^\+62/, "");
  return `0${n.slice(0, 3)}-****-${n.slice(-4)}`;
}

/** `+6281234567801` as Indonesians write it: `0812-3456-7801`. */
export function localPhone(e164: string): string {
  const n = e164.replace(/^\+62/, "");
  return `0${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
}
