/** The scanner's offline digests must be the server's, or every ticket is "unknown" while offline. */
import { describe, expect, it } from "vitest";
import { ticketCodeOf, ticketDigest } from "../../client/scanner/digest";
import { ticketDigest as serverTicketDigest } from "../../src/base/registration/tickets.service";
import { newTicketCode, ticketCodeFrom } from "../../src/lib/ticket-code";

describe("the scanner's ticket digest", () => {
  it("is the first 12 hex digits of SHA-256", async () => {
    // SHA-256("abc") = ba7816bf8f01cfea…
    expect(await ticketDigest("abc")).toBe("ba7816bf8f01");
  });

  it("equals the server's for the same code", async () => {
    for (let i = 0; i < 50; i++) {
      const code = newTicketCode();
      expect(await ticketDigest(code)).toBe(await serverTicketDigest(code));
    }
  });

  it("finds the code in what a scanner read, as the server does", async () => {
    const code = newTicketCode();
    for (const read of [code, code.toUpperCase(), ` ${code}\n`, `https://fair.example/t/${code}`, `https://fair.example/t/${code.toUpperCase()}?utm=poster#top`]) {
      expect(ticketCodeOf(read)).toBe(ticketCodeFrom(read));
      expect(await ticketDigest(ticketCodeOf(read))).toBe(await serverTicketDigest(code));
    }
  });
});
