/** "Simpan tiket": the card PNG decodes to the ticket URL, carries the person's text, and is named after the event and the person. */
import { decode } from "fast-png";
import { beforeAll, describe, expect, it } from "vitest";
import { cardFileName, cardText, ticketCardPng } from "../../src/lib/ticket-card";
import { call, codeFrom, makeEvent, ORIGIN, postForm, validSignup } from "../helpers";
import { decodeQrPng } from "../qr-decode";

beforeAll(async () => {
  await makeEvent("kartu", { name: "Festival Ekonomi Kreatif Kupang 2026" });
});

describe("GET /t/{code}/card.png", () => {
  it("is a PNG whose QR decodes to the ticket URL, named after the event and the person", async () => {
    const code = codeFrom(await postForm("/e/kartu", validSignup({ phone: "0812-3000-0001", name: "Agustínus da Costa" })));
    const res = await call(`/t/${code}/card.png`, { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="tiket-kartu-agustinus-da-costa.png"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(decodeQrPng(bytes)).toBe(`${ORIGIN}/t/${code}`);
    const img = decode(bytes);
    expect(img.width).toBe(720);
    // text above the QR: dark pixels in the top band
    let dark = 0;
    for (let i = 0; i < img.width * 150; i++) if (Number(img.data[i * img.channels]) < 128) dark++;
    expect(dark).toBeGreaterThan(2000);
    // a separate request: the ticket page links it, and stays within its budget (test/signup/budget.test.ts)
    expect(await (await call(`/t/${code}`, { token: null })).text()).toContain(`href="/t/${code}/card.png"`);
  });

  it("is not served for an unknown or revoked ticket", async () => {
    expect((await call("/t/abcdefghjkmnpqrstuvwxyz234/card.png", { token: null })).status).toBe(404);
  });
});

describe("the card's pieces", () => {
  it("folds text to what the bitmap font draws, and keeps file names safe", async () => {
    expect(cardText("Ñúñez · Ina")).toBe("Nunez ? Ina");
    expect(cardFileName("fek-2026", "Maria Goreti O'Bili")).toBe("tiket-fek-2026-maria-goreti-o-bili.png");
    expect(cardFileName("fek-2026", "王")).toBe("tiket-fek-2026-tamu.png");
    // a long event name and name wrap, and the QR still reads
    const url = "https://fair.test/t/abcdefghjkmnpqrstuvwxyz234";
    const png = await ticketCardPng({ event: "Festival ".repeat(20), name: "Nama ".repeat(30), when: "Sabtu, 5 Desember 2026 09.00 WITA", venue: "Taman Budaya Gerson Poyk, Kota Kupang", url });
    expect(decodeQrPng(png)).toBe(url);
  });
});
