/**
 * The restore drill, automated on a local D1: `npm run backup` exports a
 * database holding a fair, the file is executed into an empty database, and
 * the restored database exports to the very same SQL (every table, every row,
 * accents and quotes included), with its migrations recorded, so the app can
 * migrate it onward. Node side: wrangler as an operator runs it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const cli = join(root, "node_modules/wrangler/bin/wrangler.js");
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_UPDATE_NOTIFIER: "1" };

/** A project folder of its own (wrangler.toml, migrations, seed): its local D1 lives in its .wrangler/. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "kf-drill-"));
  cpSync(join(root, "wrangler.toml"), join(dir, "wrangler.toml"));
  cpSync(join(root, "migrations"), join(dir, "migrations"), { recursive: true });
  cpSync(join(root, "seed"), join(dir, "seed"), { recursive: true });
  return dir;
}

function run(cwd: string, args: string[], node = [cli]): string {
  const r = spawnSync(process.execPath, [...node, ...args], { cwd, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const query = (cwd: string, sql: string) =>
  (JSON.parse(run(cwd, ["d1", "execute", "DB", "--local", "--json", "--command", sql])) as { results: Record<string, unknown>[] }[])[0]!.results;

let live: string;
let restored: string;
beforeAll(() => {
  live = project();
  restored = project();
  run(live, ["d1", "migrations", "apply", "DB", "--local"]);
  run(live, ["d1", "execute", "DB", "--local", "--file", "seed/demo.sql"]);
  // a person whose data must come back exactly: accents, an apostrophe, a ticket, a scan
  run(live, [
    "d1",
    "execute",
    "DB",
    "--local",
    "--command",
    `insert into registrations (event_id, name, search_name, phone, regency, occupation, consent_at, consent_purposes, notice_version, answers)
       values ((select id from events where slug = 'fekk-2026'), 'Maria D''Souza Ñúñez Bili', 'maria d''souza nunez bili', '+6281234567801', '53.71', 'kriya', 1796432400000, '["event_registration"]', '1', '{"experience":"gt1"}');
     insert into tickets (registration_id, event_id, code) select id, event_id, 'abcdefghjkmnpqrstuvwxyz234' from registrations where phone = '+6281234567801';
     insert into checkins (ticket_id, event_id, seq, direction, gate, scanned_at, client_id) select id, event_id, 1, 'in', 'Pintu 1', 1796434000000, 'gate1:0001' from tickets`,
  ]);
}, 600_000);

afterAll(() => {
  for (const dir of [live, restored]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore drill", () => {
  // a dozen wrangler runs, each a few seconds on a busy machine: a bound far above, never a race
  it("npm run backup exports a dated SQL file that restores into an empty database exactly", { timeout: 600_000 }, () => {
    const out = join(live, "backups");
    const said = run(root, [join(root, "scripts/backup.ts"), "--local", "--cwd", live, "--out", out], []);
    const [file] = readdirSync(out);
    expect(file).toMatch(/^kupang-fair-\d{4}-\d{2}-\d{2}T\d{6}Z\.sql$/);
    expect(said).toContain("sha256");
    const backup = readFileSync(join(out, file!), "utf8");
    expect(backup).toContain("CREATE TABLE");
    expect(backup).toContain("Ñúñez");

    run(restored, ["d1", "execute", "DB", "--local", "--file", join(out, file!)]);

    // wrangler's own export of both databases: the same, byte for byte
    const exported = (dir: string) => {
      run(dir, ["d1", "export", "DB", "--local", "--output", join(dir, "export.sql"), "--skip-confirmation"]);
      return readFileSync(join(dir, "export.sql"), "utf8");
    };
    expect(exported(restored)).toBe(exported(live));

    expect(query(restored, "select name, answers from registrations where phone = '+6281234567801'")).toEqual([{ name: "Maria D'Souza Ñúñez Bili", answers: '{"experience":"gt1"}' }]);
    const counts = `select ${["events", "booths", "registrations", "tickets", "checkins", "d1_migrations"].map((t) => `(select count(*) from ${t}) as ${t}`).join(", ")}`;
    expect(query(restored, counts)).toEqual(query(live, counts));
    // the restored database knows its migrations: applying them again changes nothing
    expect(run(restored, ["d1", "migrations", "apply", "DB", "--local"])).toMatch(/No migrations to apply/i);
  });
});
