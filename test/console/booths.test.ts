/** Booths and their posters through the console. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeQrSvg } from "../qr-decode";
import { call, count, makeBooth, makeEvent, ORIGIN, staffGet, staffPost, staffSession } from "../helpers";

let admin: string;

beforeAll(async () => {
  admin = await staffSession();
  await makeEvent("bth-ev");
});

type ApiBooth = { code: string; name: string; exhibitor: string; signup_url: string };
const apiBooths = async (slug: string) => (await (await call(`/api/v1/events/${slug}/booths`)).json<{ booths: ApiBooth[] }>()).booths;

/** The SVGs of the posters on a page, in order, with the URL each declares. */
function posterQrs(html: string) {
  return [...html.matchAll(/<section class="sheet" data-url="([^"]+)">[\s\S]*?<figure class="pqr">(<svg[\s\S]*?<\/svg>)<\/figure>/g)].map((m) => ({ url: m[1]!, svg: m[2]! }));
}

describe("booths", () => {
  it("are added from the form (code made from the name when blank) and read back through the API", async () => {
    const res = await staffPost("/staff/events/bth-ev/booths", admin, { name: "BPJS Ketenagakerjaan", exhibitor: "Kantor Cabang Kupang", code: "" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/events/bth-ev/booths?done=boothCreated");
    expect((await staffPost("/staff/events/bth-ev/booths", admin, { name: "Tenun Ikat Sumba", code: "Tenun" })).status).toBe(303);
    expect(await apiBooths("bth-ev")).toEqual([
      { id: expect.any(Number), code: "bpjs-ketenagakerjaan", name: "BPJS Ketenagakerjaan", exhibitor: "Kantor Cabang Kupang", signup_url: `${ORIGIN}/e/bth-ev/bpjs-ketenagakerjaan` },
      { id: expect.any(Number), code: "tenun", name: "Tenun Ikat Sumba", exhibitor: "", signup_url: `${ORIGIN}/e/bth-ev/tenun` },
    ]);
    const list = await (await staffGet("/staff/events/bth-ev/booths?done=boothCreated", admin)).text();
    expect(list).toContain("Stan ditambahkan.");
    expect(list).toContain("fair.test/e/bth-ev/tenun");
  });

  it("show the form again on bad input, with the answers and the message beside the field", async () => {
    await makeBooth("bth-ev", "kopi", "Kopi Flores");
    const before = await count("booths");
    const dup = await staffPost("/staff/events/bth-ev/booths", admin, { name: "Kopi Lagi", code: "kopi" });
    expect(dup.status).toBe(409);
    const dupHtml = await dup.text();
    expect(dupHtml).toMatch(/id="f-code-err"[^>]*>Kode stan &quot;kopi&quot; sudah dipakai/);
    expect(dupHtml).toContain('value="Kopi Lagi"');
    const bad = await staffPost("/staff/events/bth-ev/booths", admin, { name: "", code: "privacy" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="f-name-err"[^>]*>Wajib diisi\./);
    expect(badHtml).toMatch(/id="f-code-err"[^>]*>Kode ini sudah dipakai sistem/);
    // a name with nothing to make a code from
    const empty = await staffPost("/staff/events/bth-ev/booths?lang=en", admin, { name: "!!!" });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/id="f-code-err"[^>]*>Only lower-case letters/);
    expect(await count("booths")).toBe(before);
  });

  it("are renamed from the edit form (the code stays), audited", async () => {
    await makeBooth("bth-ev", "musik", "Musik Sasando");
    const form = await (await staffGet("/staff/events/bth-ev/booths/musik", admin)).text();
    expect(form).toContain('value="Musik Sasando"');
    expect(form).not.toContain('name="code"');
    const res = await staffPost("/staff/events/bth-ev/booths/musik", admin, { name: "Sasando Rote", exhibitor: "Sanggar Rote" });
    expect(res.headers.get("location")).toBe("/staff/events/bth-ev/booths?done=boothSaved");
    expect((await apiBooths("bth-ev")).find((b) => b.code === "musik")).toMatchObject({ name: "Sasando Rote", exhibitor: "Sanggar Rote" });
    const audit = await env.DB.prepare("select subject, detail from audit_log where action = 'booth.update'").all<{ subject: string; detail: string }>();
    expect(audit.results).toEqual([{ subject: "booth:musik", detail: JSON.stringify({ fields: ["name", "exhibitor"] }) }]);
    const bad = await staffPost("/staff/events/bth-ev/booths/musik", admin, { name: " ", exhibitor: "x".repeat(201) });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/id="f-name-err"/);
    expect(html).toMatch(/id="f-exhibitor-err"[^>]*>Terlalu panjang/);
  });
});

describe("posters", () => {
  it("carry the booth name, the Indonesian call to action, the short link and a QR that decodes to the booth's URL", async () => {
    await makeEvent("bth-poster");
    await makeBooth("bth-poster", "bpjs", "BPJS Ketenagakerjaan");
    for (const size of ["a4", "a5"] as const) {
      const res = await staffGet(`/staff/events/bth-poster/booths/bpjs/poster?size=${size}`, admin);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`@page{size:${size.toUpperCase()} portrait`);
      expect(html).toContain('<h2 class="booth">BPJS Ketenagakerjaan</h2>');
      expect(html).toContain("Pindai untuk daftar &amp; dapatkan tiket");
      // written out, with line-break chances only at the slashes
      expect(html).toContain("<strong>fair.test<wbr/>/e<wbr/>/bth-poster<wbr/>/bpjs</strong>");
      const [qr, ...rest] = posterQrs(html);
      expect(rest).toEqual([]);
      expect(decodeQrSvg(qr!.svg)).toBe(`${ORIGIN}/e/bth-poster/bpjs`);
    }
    // an unknown size prints A4 rather than failing
    expect(await (await staffGet("/staff/events/bth-poster/booths/bpjs/poster?size=a0", admin)).text()).toContain("@page{size:A4");
  });

  it("print all in one document, one per page, each QR to its own booth", async () => {
    await makeEvent("bth-all");
    const codes = ["bpjs", "tenun", "kopi", "sasando"];
    for (const code of codes) await makeBooth("bth-all", code, `Stan ${code}`);
    const html = await (await staffGet("/staff/events/bth-all/posters?size=a5", admin)).text();
    expect(html).toContain("break-after:page");
    const qrs = posterQrs(html);
    expect(qrs).toHaveLength(codes.length);
    const decoded = qrs.map((q) => decodeQrSvg(q.svg));
    expect(decoded.sort()).toEqual(codes.map((c) => `${ORIGIN}/e/bth-all/${c}`).sort());
    for (const q of qrs) expect(decodeQrSvg(q.svg)).toBe(q.url);
  });

  it("point at a page that signs people up at that booth", async () => {
    await makeEvent("bth-live", { status: "open" });
    await makeBooth("bth-live", "bpjs", "BPJS Ketenagakerjaan");
    const html = await (await staffGet("/staff/events/bth-live/booths/bpjs/poster", admin)).text();
    const url = decodeQrSvg(posterQrs(html)[0]!.svg)!;
    const form = await call(new URL(url).pathname, { token: null });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Anda mendaftar di stan BPJS Ketenagakerjaan.");
  });
});
