/**
 * Erased means gone from the database file as far as SQLite on D1 allows:
 * after an erasure (through the real API, on wrangler's local D1) and a
 * checkpoint of SQLite's write-ahead log, the file holds none of the values the
 * erasure cleared: the name, folded name, email, answers, masked NIK, the staff
 * note, the door's cached answer naming the guest. Another person's name is still
 * there (the search sees what it looks for). Without the erasure's same-size
 * overwrite, SQLite leaves cleared values in the free space of the table's pages.
 *
 * What this does not reach, and the README says so: a copy that an earlier,
 * size-changing edit of the row left behind (the second person's name, from
 * before the staff note was added), the phone's entry in the unique index, and
 * D1's Time Travel history.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer, type LocalServer } from "./local-server";

let server: LocalServer;
const ids: Record<"unedited" | "noted", number> = { unedited: 0, noted: 0 };

const UNEDITED = {
  name: "Zakharia Kewuan Penghapusan",
  folded: "zakharia kewuan penghapusan",
  email: "zakharia.hapus@example.com",
  answer: "TenunIkatJawabanRahasia",
  masked: "5371********0002",
};
const NOTE = "CatatanStafRahasiaQ7";
const KEPT = "Veronika Tetap Tersimpan";

beforeAll(async () => {
  server = await startLocalServer();
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json", ...init.headers } });
  const event = await api("/events", {
    method: "POST",
    body: JSON.stringify({
      slug: "disk",
      name: "Festival Disk",
      venue: "Taman Budaya",
      city: "Kota Kupang",
      starts_at: "2026-11-20T09:00:00+08:00",
      ends_at: "2026-12-31T21:00:00+08:00",
      status: "open",
      questions: [{ key: "karya", type: "text", label: { id: "Karya", en: "Work" } }],
    }),
  });
  expect(event.status).toBe(201);
  const signup = async (fields: Record<string, string>) => {
    const res = await fetch(`${server.url}/e/disk`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ regency: "53.71", occupation: "kriya", consent: "yes", contact_ok: "yes", ...fields }),
    });
    expect(res.status).toBe(303);
    return res.headers.get("location")!.split("/").pop()!;
  };
  const code = await signup({ name: UNEDITED.name, phone: "0813-9090-1001", email: UNEDITED.email, karya: UNEDITED.answer, nik: "5371015203900002", birth_date: "1990-03-12" });
  await signup({ name: "Yosef Catatan Hapus", phone: "0813-9090-1003" });
  await signup({ name: KEPT, phone: "0813-9090-1002" });
  const leads = await (await api("/events/disk/leads")).json<{ leads: { id: number; name: string }[] }>();
  ids.unedited = leads.leads.find((l) => l.name === UNEDITED.name)!.id;
  ids.noted = leads.leads.find((l) => l.name === "Yosef Catatan Hapus")!.id;
  // the door's cached answer names the first guest; the second gets a staff note (kept in the lead's row and its history)
  expect((await api("/events/disk/checkins", { method: "POST", body: JSON.stringify({ ticket: code, gate: "Pintu 1", client_id: "door:1" }) })).status).toBe(200);
  expect((await api(`/leads/${ids.noted}`, { method: "PATCH", body: JSON.stringify({ note: NOTE }) })).status).toBe(200);
  for (const id of Object.values(ids)) {
    expect((await api(`/registrations/${id}`, { method: "DELETE" })).status).toBe(204);
  }
  await server.stop({ keepState: true });
}, 180_000);

afterAll(async () => {
  if (server) rmSync(server.state, { recursive: true, force: true });
});

/** The local D1's SQLite file, its write-ahead log folded in (as SQLite does at a checkpoint). */
function databaseBytes(state: string): string {
  const dir = join(state, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")!;
  const db = new DatabaseSync(join(dir, file));
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.close();
  return readFileSync(join(dir, file)).toString("latin1");
}

describe("an erased registration, on disk", () => {
  it("leaves none of the values the erasure cleared in the database file", () => {
    const bytes = databaseBytes(server.state);
    // the search sees what it looks for
    expect(bytes).toContain(KEPT);
    for (const [what, value] of Object.entries({ ...UNEDITED, note: NOTE })) expect(bytes.includes(value), what).toBe(false);
  });
});
