/** Validation messages say what is wrong, in both languages: a number out of range, not a missing value; a too-long text, not a missing one. */
import { beforeAll, describe, expect, it } from "vitest";
import { call, makeEvent } from "../helpers";
import { programmeInput } from "../enrollment/fixtures";

const errors = async (res: Response) => {
  expect(res.status).toBe(422);
  return (await res.json<{ errors: Record<string, string> }>()).errors;
};

beforeAll(async () => {
  await makeEvent("msg-ev");
});

describe("path ids", () => {
  it("calls an id past the safe range, or not a number, a bad number (not too long, not missing)", async () => {
    expect((await errors(await call("/api/v1/programmes/99999999999999999999"))).id).toBe("Isi angka bulat dalam batas yang diizinkan.");
    expect((await errors(await call("/api/v1/programmes/abc"))).id).toBe("Isi angka bulat dalam batas yang diizinkan.");
    expect((await errors(await call("/api/v1/programmes/abc", { headers: { "accept-language": "en" } }))).id).toBe("Enter a whole number within the allowed range.");
  });
});

describe("programme fields", () => {
  const create = (extra: Record<string, unknown>, lang = "id") => call("/api/v1/events/msg-ev/programmes", { json: programmeInput(extra), headers: { "accept-language": lang } });

  it("says a 5,000-character name is too long, and a missing one is required", async () => {
    expect((await errors(await create({ name: "x".repeat(5000) }))).name).toBe("Terlalu panjang (paling banyak 200 karakter).");
    expect((await errors(await create({ name: "x".repeat(5000) }, "en"))).name).toBe("Too long (at most 200 characters).");
    expect((await errors(await create({ name: undefined }))).name).toBe("Wajib diisi.");
    expect((await errors(await create({ name: "   " }))).name).toBe("Wajib diisi.");
  });

  it("refuses a yes/no that is neither, instead of reading it as no", async () => {
    expect((await errors(await create({ require_bpjs_none: "maybe" }))).require_bpjs_none).toBe("Isi ya atau tidak (true atau false).");
    expect((await errors(await create({ require_bpjs_none: 3 }, "en"))).require_bpjs_none).toBe("Answer yes or no (true or false).");
    const yes = await create({ require_bpjs_none: true });
    expect(yes.status).toBe(201);
    expect((await yes.json<{ require_bpjs_none: boolean }>()).require_bpjs_none).toBe(true);
    expect((await (await create({ require_bpjs_none: false })).json<{ require_bpjs_none: boolean }>()).require_bpjs_none).toBe(false);
  });
});

describe("the request itself", () => {
  it("answers a body that is not JSON with its own status and title, in the caller's language", async () => {
    const res = await call("/api/v1/events/msg-ev/programmes", { method: "POST", body: "name=x", headers: { "content-type": "text/plain" } });
    const body = await res.json<{ title: string; status: number; detail: string }>();
    expect(res.status).toBe(415);
    expect(body).toEqual({ type: "about:blank", title: "Unsupported Media Type", status: 415, detail: "Jenis isi tidak didukung: kirim JSON (Content-Type: application/json)." });
  });
});

describe("GET /contributions/breakdown", () => {
  it("refuses a base that is not a band in force (422 naming base) instead of answering for another band", async () => {
    expect((await errors(await call("/api/v1/contributions/breakdown?base=1300000&on=2026-06-01"))).base).toBe("Pilih salah satu golongan penghasilan yang berlaku pada tanggal itu.");
    const ok = await call("/api/v1/contributions/breakdown?base=1000000&on=2026-06-01");
    expect(ok.status).toBe(200);
    expect((await ok.json<{ base: number }>()).base).toBe(1000000);
    // without a base: the lowest band
    expect((await (await call("/api/v1/contributions/breakdown?on=2026-06-01")).json<{ base: number }>()).base).toBe(1000000);
  });
});
