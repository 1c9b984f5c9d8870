/// <reference types="vite/client" />
/** NIK at rest: AES-GCM under DATA_KEY, a keyed hash for lookups, and the plain number nowhere in the database. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { decrypt, keyedHash } from "../../src/lib/crypto";
import { call, codeFrom, formBody, makeBooth, makeEvent, ORIGIN, postForm, validSignup } from "../helpers";

const NIK = "5371015203900002";
const NEW_NIK = "5371010104910003";
let code: string;

beforeAll(async () => {
  await makeEvent("nik");
  await makeBooth("nik", "bpjs");
  // typed with spaces, as people copy it from the card
  code = codeFrom(await postForm("/e/nik/bpjs", validSignup({ phone: "081388880001", nik: "5371 0152 0390 0002", birth_date: "1990-03-12" })));
  // every path that touches the registration writes something somewhere: view, download, check-in, a correction, a walk-in
  await call(`/t/${code}/me`, { token: null });
  await call(`/t/${code}/me.json`, { token: null });
  await call("/api/v1/events/nik/checkins", { json: { ticket: code, gate: "Pintu 1", client_id: "g:1" } });
  const walkin = await call("/api/v1/events/nik/walkins", { json: { ...validSignup({ phone: "081388880002", nik: NEW_NIK, birth_date: "1991-04-01" }), gate: "Pintu 1" } });
  expect(walkin.status).toBe(201);
  const fix = await call(`/t/${code}/me/edit`, {
    token: null,
    method: "POST",
    body: formBody({ name: "Maria Bili", phone: "081388880001", regency: "53.71", occupation: "kriya", bpjs_status: "none", birth_date: "1990-03-12", nik: NIK }),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
  });
  expect(fix.status).toBe(303);
});

type Row = Record<string, unknown>;

/** Every row of every table of ours, as text. */
async function wholeDatabase(): Promise<string> {
  const tables = await env.DB.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%'").all<{ name: string }>();
  expect(tables.results.map((t) => t.name)).toEqual(expect.arrayContaining(["registrations", "audit_log", "tickets", "checkins", "scan_replies"]));
  const dumps = await Promise.all(tables.results.map(async ({ name }) => JSON.stringify((await env.DB.prepare(`select * from "${name}"`).all()).results)));
  return dumps.join("\n");
}

describe("NIK at rest", () => {
  it("stores AES-GCM ciphertext that decrypts with DATA_KEY (and only with it), a keyed hash, and a mask", async () => {
    const row = (await env.DB.prepare("select nik_cipher, nik_hash, nik_masked from registrations where phone = ?").bind("+6281388880001").first<Row>())!;
    expect(row.nik_cipher).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await decrypt(env.DATA_KEY!, row.nik_cipher as string)).toBe(NIK);
    await expect(decrypt("another-key", row.nik_cipher as string)).rejects.toThrow();
    expect(row.nik_hash).toBe(await keyedHash(env.DATA_KEY!, `nik:${NIK}`));
    expect(row.nik_masked).toBe("5371********0002");
    // a fresh IV each time: the same NIK never gives the same ciphertext
    const walkin = (await env.DB.prepare("select nik_cipher from registrations where phone = ?").bind("+6281388880002").first<Row>())!;
    expect(await decrypt(env.DATA_KEY!, walkin.nik_cipher as string)).toBe(NEW_NIK);
  });

  it("leaves no plain NIK, nor its hidden birth-date digits, in any table: registrations, audit log, anywhere", async () => {
    const everything = await wholeDatabase();
    for (const nik of [NIK, NEW_NIK]) {
      expect(everything).not.toContain(nik);
      expect(everything).not.toContain(nik.slice(4, 12)); // the digits the mask hides
    }
    // the check can see what it looks for: the masked form is there
    expect(everything).toContain("5371********0002");
  });
});

describe("no personal data in logs", () => {
  // the source as text, bundled at test time
  const sources = import.meta.glob("../../src/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

  it("has exactly one console call in src: lib/log.ts, writing fields that hold no personal data", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    const calls = Object.entries(sources).flatMap(([file, text]) =>
      text.split("\n").flatMap((line, i) => (/\bconsole\s*\.\s*\w+\s*\(/.test(line) ? [`${file.replace("../../", "")}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^src\/lib\/log\.ts:\d+: console\.error\(JSON\.stringify\(line\)\);$/);
    // a line is made only of these fields: kinds, route patterns, setting names
    expect(sources["../../src/lib/log.ts"]).toContain("type LogLine = { level: \"error\"; msg: string; name?: string; where?: string; setting?: string; problem?: string };");
    // and the name it writes is the error's kind, never its message
    expect(sources["../../src/lib/log.ts"]).toContain("const name = err instanceof Error ? err.name : typeof err;");
  });
});
