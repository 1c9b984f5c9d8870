/** What the ticket's service worker keeps on a phone: the ticket and its QR, never the person's data pages. */
import { describe, expect, it } from "vitest";
import { erasedTicket, isTicketPage, KEEP_TICKETS, keptTicket, ticketsToDrop, keepable, type SeenResponse } from "../../client/ticket/paths";
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

describe("what the ticket's worker keeps", () => {
  const origin = "https://fair.test";
  const code = "abcdefghjkmnpqrstuvwxyz234";
  const page = `/t/${code}`;
  const ours = (path: string, type: string, extra: Partial<SeenResponse> = {}): SeenResponse => ({
    status: 200,
    redirected: false,
    type: "basic",
    url: `${origin}${path}`,
    headers: new Headers({ "content-type": type }),
    ...extra,
  });

  it("keeps our own answer for the ticket page and its QR images", () => {
    expect(keepable(ours(page, "text/html; charset=UTF-8"), page, origin)).toBe(true);
    expect(keepable(ours(`${page}?lang=en`, "text/html; charset=UTF-8"), page, origin)).toBe(true);
    expect(keepable(ours(`${page}/qr.svg`, "image/svg+xml"), `${page}/qr.svg`, origin)).toBe(true);
    expect(keepable(ours(`${page}/qr.png`, "image/png"), `${page}/qr.png`, origin)).toBe(true);
  });

  it("never keeps a captive portal's page, a redirect, an error, another origin's answer or the wrong kind of content", () => {
    // the request was sent on to a Wi-Fi sign-in page, on our origin or another
    expect(keepable(ours("/wifi-login", "text/html", { redirected: true }), page, origin)).toBe(false);
    expect(keepable(ours(page, "text/html", { redirected: true }), page, origin)).toBe(false);
    expect(keepable(ours(page, "text/html", { url: `http://portal.example${page}` }), page, origin)).toBe(false);
    expect(keepable(ours(page, "text/html", { type: "opaqueredirect", status: 0, url: "" }), page, origin)).toBe(false);
    expect(keepable(ours(page, "text/html", { type: "cors" }), page, origin)).toBe(false);
    // an answer for another path, or an error
    expect(keepable(ours(`${page}/me`, "text/html"), page, origin)).toBe(false);
    expect(keepable(ours(page, "text/html", { status: 203 }), page, origin)).toBe(false);
    expect(keepable(ours(page, "text/html", { status: 500 }), page, origin)).toBe(false);
    // a portal answering the QR's address with its HTML, a page without a type, a page as a picture
    expect(keepable(ours(`${page}/qr.png`, "text/html"), `${page}/qr.png`, origin)).toBe(false);
    expect(keepable(ours(page, ""), page, origin)).toBe(false);
    expect(keepable(ours(page, "image/png"), page, origin)).toBe(false);
    expect(keepable(ours(`${page}/qr.svg`, "image/png"), `${page}/qr.svg`, origin)).toBe(false);
  });
});
