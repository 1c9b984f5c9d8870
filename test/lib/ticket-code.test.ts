import { describe, expect, it } from "vitest";
import { newTicketCode, TICKET_ALPHABET, TICKET_CODE_LENGTH, ticketCodeFrom } from "../../src/lib/ticket-code";

describe("ticket codes", () => {
  it("carry at least 128 bits and avoid look-alike characters", () => {
    expect(TICKET_CODE_LENGTH * Math.log2(TICKET_ALPHABET.length)).toBeGreaterThanOrEqual(128);
    for (const c of "01ilo") expect(TICKET_ALPHABET).not.toContain(c);
    const codes = new Set(Array.from({ length: 2000 }, newTicketCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[2-9a-hjkmnp-z]{26}$/);
  });

  it("spreads characters evenly (no modulo bias)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const ch of newTicketCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = (2000 * 26) / 31;
    for (const ch of TICKET_ALPHABET) expect(Math.abs(counts.get(ch)! - expected) / expected).toBeLessThan(0.15);
  });

  it("finds the code in what a scanner read", () => {
    const code = newTicketCode();
    expect(ticketCodeFrom(code)).toBe(code);
    expect(ticketCodeFrom(`https://fair.example/t/${code}`)).toBe(code);
    expect(ticketCodeFrom(` https://fair.example/t/${code.toUpperCase()}?x=1\n`)).toBe(code);
    expect(ticketCodeFrom("https://fair.example/t/short")).toBeNull();
    expect(ticketCodeFrom("")).toBeNull();
  });
});
