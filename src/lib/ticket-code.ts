/** Ticket codes: 26 characters from 31 that cannot be mistaken for each other (no 0/o, 1/l/i). */
export const TICKET_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
export const TICKET_CODE_LENGTH = 26; // 26 × log2(31) ≈ 128.8 bits

export function newTicketCode(): string {
  const out: string[] = [];
  while (out.length < TICKET_CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      // rejection sampling keeps every character equally likely
      if (byte < 248 && out.length < TICKET_CODE_LENGTH) out.push(TICKET_ALPHABET[byte % 31]!);
    }
  }
  return out.join("");
}

const CODE_RE = new RegExp(`^[${TICKET_ALPHABET}]{${TICKET_CODE_LENGTH}}$`);

export function isTicketCode(text: string): boolean {
  return CODE_RE.test(text);
}

/** The code inside what a scanner read: a bare code or a ticket URL (`…/t/{code}`). */
export function ticketCodeFrom(scanned: string): string | null {
  const text = scanned.trim();
  const m = /\/t\/([^/?#\s]+)/.exec(text);
  const code = (m ? m[1]! : text).toLowerCase();
  return isTicketCode(code) ? code : null;
}
