/** What the ticket's service worker keeps on a phone: the ticket and its QR, never the person's data pages. */
import { describe, expect, it } from "vitest";
import { erasedTicket, isTicketPage, KEEP_TICKETS, keptTicket, ticketsToDrop } from "../../client/ticket/paths";
import { newTicketCode } from "../../src/lib/ticket-code";

describe("the ticket's service worker paths", () => {
  const code = newTicketCode();

  it("keeps the ticket page and its QR images", () => {
    expect(isTicketPage(`/t/${code}`)).toBe(true);
    expect(keptTicket(`/t/${code}`)).toBe(code);
    expect(keptTicket(`/t/${code}/qr.png`)).toBe(code);
    expect(keptTicket(`/t/${code}/qr.svg`)).toBe(code);
  });

  it("never keeps the person's data, its download or anything else", () => {
    for (const path of [`/t/${code}/me`, `/t/${code}/me.json`, `/t/${code}/me/edit`, `/t/${code}/me/erase`, "/t/sw.js", "/t/ticket.js", `/t/${code}/`, `/e/fekk-2026`, `/t/${code.toUpperCase()}`]) {
      expect(keptTicket(path), path).toBeNull();
    }
    expect(isTicketPage(`/t/${code}/me`)).toBe(false);
  });

  it("knows the page that says a ticket's data was erased", () => {
    expect(erasedTicket(`/t/${code}/me/erased`)).toBe(code);
    expect(erasedTicket(`/t/${code}/me`)).toBeNull();
  });

  it("keeps the last few tickets opened on a phone, dropping the oldest", () => {
    expect(KEEP_TICKETS).toBe(3);
    expect(ticketsToDrop([], "a")).toEqual([]);
    expect(ticketsToDrop(["a", "b"], "c")).toEqual([]);
    expect(ticketsToDrop(["a", "b", "c"], "d")).toEqual(["a"]);
    // opening a kept ticket again makes it the newest, dropping nothing
    expect(ticketsToDrop(["a", "b", "c"], "a")).toEqual([]);
    expect(ticketsToDrop(["a", "b", "c", "d"], "e")).toEqual(["a", "b"]);
  });
});
