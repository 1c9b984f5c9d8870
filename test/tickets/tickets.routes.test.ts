import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, makeBooth, makeEvent, ORIGIN, postForm, validSignup } from "../helpers";
import { decodeQrPng, decodeQrSvg } from "../qr-decode";

let code: string;

beforeAll(async () => {
  await makeEvent("tkt", {
    starts_at: "2026-12-05T09:00:00+08:00",
    literacy: { id: "Iuran JKK dan JKM mulai Rp 16.800 per bulan.", en: "JKK and JKM from Rp 16,800 a month." },
  });
  await makeBooth("tkt", "bpjs", "BPJS Ketenagakerjaan");
  code = codeFrom(await postForm("/e/tkt/bpjs", validSignup({ name: "Ina Ndolu", phone: "081322220001" })));
});

describe("the ticket page", () => {
  it("shows the event, the name, the time in the event's zone, the QR, save and WhatsApp, and the literacy text", async () => {
    const res = await call(`/t/${code}`, { token: null });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Festival tkt");
    expect(html).toContain("Ina Ndolu");
    expect(html).toMatch(/5 Desember 2026.*09[.:]00 WITA/);
    expect(html).toContain("<svg");
    // "Simpan tiket" saves the card (test/tickets/card.test.ts), named after the event and the person
    expect(html).toMatch(new RegExp(`href="/t/${code}/card.png" download="tiket-[a-z0-9-]+-[a-z0-9-]+\\.png"`));
    const wa = /href="(https:\/\/wa\.me\/[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    expect(wa).toBeDefined();
    const waUrl = new URL(wa!);
    // the person picks the chat: the link names no number (a screenshot of the ticket must not leak it)
    expect(waUrl.pathname).toBe("/");
    expect(html).not.toContain("81322220001");
    expect(waUrl.searchParams.get("text")).toContain(`${ORIGIN}/t/${code}`);
    expect(html).toContain("Iuran JKK dan JKM mulai Rp 16.800 per bulan.");
    expect(html).toContain("BPJS Ketenagakerjaan");
  });

  it("inlines a QR that decodes to the absolute ticket URL on the request's host", async () => {
    const html = await (await call(`/t/${code}`, { token: null })).text();
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
    expect(decodeQrSvg(svg)).toBe(`${ORIGIN}/t/${code}`);
  });

  it("serves qr.svg and qr.png that decode to the ticket URL", async () => {
    const svg = await call(`/t/${code}/qr.svg`, { token: null });
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(decodeQrSvg(await svg.text())).toBe(`${ORIGIN}/t/${code}`);
    const png = await call(`/t/${code}/qr.png`, { token: null });
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(decodeQrPng(new Uint8Array(await png.arrayBuffer()))).toBe(`${ORIGIN}/t/${code}`);
  });

  it("draws each QR once: cached in the Cache API, immutable in browsers, 304 on revalidation", async () => {
    const url = `${ORIGIN}/t/${code}`;
    const first = await call(`/t/${code}/qr.png`, { token: null });
    expect(first.headers.get("cache-control")).toContain("immutable");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"qr-png-/);
    const cached = await caches.default.match(`https://qr.cache.internal/png?t=${encodeURIComponent(url)}`);
    expect(cached).toBeDefined();
    expect(new Uint8Array(await cached!.arrayBuffer())).toEqual(new Uint8Array(await first.arrayBuffer()));
    const again = await call(`/t/${code}/qr.png`, { token: null, headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
  });

  it("answers unknown codes with 404", async () => {
    for (const path of ["/t/abcdefghjkmnpqrstuvwxyz234", "/t/nope", "/t/abcdefghjkmnpqrstuvwxyz234/qr.svg", "/t/nope/qr.png"]) {
      expect((await call(path, { token: null })).status, path).toBe(404);
    }
  });
});
