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

/**
 * The ticket code that follows `code` for the submission whose secret is `salt` (SHA-256 of both): as
 * unguessable as a new code to anyone without the salt (it travels sealed in the submission's token, and
 * in the queue), and the same every time. A submission sent again whose own code another person holds
 * now (its answers changed) moves on to it, so each of its runs still picks the same code and finds its
 * own ticket (register.service.ts).
 */
export async function nextTicketCode(code: string, salt: string): Promise<string> {
  const out: string[] = [];
  for (let block = 0; out.length < TICKET_CODE_LENGTH; block++) {
    const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`next-ticket:${block}:${salt}:${code}`)));
    for (const byte of bytes) if (byte < 248 && out.length < TICKET_CODE_LENGTH) out.push(TICKET_ALPHABET[byte % 31]!);
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
