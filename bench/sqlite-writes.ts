/**
 * How many signups one database can write per second, from the database's side:
 * D1 runs one database's queries one at a time, so its write throughput is
 * 1 ÷ the time one signup's transaction takes inside SQLite. This runs the
 * signup's three statements (as register.service.ts sends them) in SQLite
 * itself (node:sqlite, WAL, synchronous=NORMAL) on the million-registration
 * database of bench:scale, one transaction each, and prints the time per
 * transaction. It measures SQLite, not D1's network or durability: a floor for
 * D1's time per write, a ceiling for its writes per second.
 *
 *   npm run bench:writes                 (N=5000 transactions)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { fairSql } from "./seed.ts";

const N = Number(process.env.N ?? 5000);
const root = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "kf-writes-"));
try {
  const db = new DatabaseSync(join(dir, "db.sqlite"));
  db.exec("pragma journal_mode = wal");
  db.exec("pragma synchronous = normal");
  for (const f of readdirSync(join(root, "migrations")).filter((f) => f.endsWith(".sql")).sort()) {
    for (const q of readFileSync(join(root, "migrations", f), "utf8").split("--> statement-breakpoint")) if (q.trim()) db.exec(q);
  }
  for (const s of fairSql({ slug: "bench", registrations: 10_000, booths: 100, others: 99, otherRegistrations: 990_000, otherBooths: 900, scanEvery: 11 })) db.exec(s);

  const current = "exists (select 1 from events where id = 1 and version = 1)";
  const person = db.prepare(`insert into registrations (event_id, name, search_name, phone, regency, occupation, bpjs_status, interests, answers, lang, first_booth_id, consent_at, consent_purposes, notice_version, contact_consent_at)
    select 1, ?, ?, ?, '53.71', 'kriya', 'none', '["jkk"]', '{}', 'id', 5, 1, '["event_registration","enrollment_contact"]', '1', 1 where ${current}
    on conflict (event_id, phone) do update set name = excluded.name, search_name = excluded.search_name, updated_at = 2 returning id`);
  const ticket = db.prepare(`insert into tickets (registration_id, event_id, code, created_at) select id, event_id, ?, 1 from registrations
    where event_id = 1 and phone = ? and ${current} on conflict (registration_id) do update set code = code returning code`);
  const visit = db.prepare(`insert into booth_visits (registration_id, booth_id, created_at)
    select (select id from registrations where event_id = 1 and phone = ?), 5, 1 where ${current} on conflict do nothing`);

  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const phone = `+62899${String(i).padStart(8, "0")}`;
    db.exec("begin");
    person.all(`Peserta ${i}`, `peserta ${i}`, phone);
    ticket.all(`w${String(i).padStart(25, "z")}`, phone);
    visit.run(phone);
    db.exec("commit");
  }
  const ms = (performance.now() - t0) / N;
  console.log(`${new Date().toISOString()} · load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`one signup transaction in SQLite, 1,000,000 registrations: ${ms.toFixed(3)} ms → at most ${Math.floor(1000 / ms)} signups a second per database`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
