/**
 * Fairs for the benchmarks, written as SQL with recursive CTEs so a million
 * rows load in seconds (statements for `startLocalServer({ sql })`, which runs
 * them on the fresh local D1 before the server starts).
 *
 * The first event (`slug`) is the one measured: `registrations` people, `booths`
 * booths, door scans for 80% of its tickets (30% also went out again). `others`
 * more events share `otherBooths` booths and `otherRegistrations` people, with
 * one scan in for every `scanEvery`-th ticket, as a national programme would
 * hold beside it.
 */
export type Fair = {
  slug: string;
  registrations: number;
  booths: number;
  others?: number;
  otherRegistrations?: number;
  otherBooths?: number;
  scanEvery?: number;
};

export const FAIR_START = Date.UTC(2026, 11, 5, 1);

/** The ticket code the seed gives registration `id` (a valid code: 26 characters of the ticket alphabet). */
export const seedTicketCode = (id: number) => `cc${String(id).padStart(24, "0").replace(/0/g, "z").replace(/1/g, "y")}`;

export function fairSql(f: Fair): string[] {
  const start = FAIR_START;
  const event = `(select id from events where slug = '${f.slug}')`;
  const others = f.others ?? 0;
  const sql = [
    // the ceiling of signups a minute raised as an organiser would for a very big fair: the benches sign up
    // hundreds in a row and measure the signup, not its refusal
    `insert into events (slug, name, venue, city, starts_at, ends_at, status, signups_per_minute) values ('${f.slug}', 'Bench fair', 'Taman Budaya', 'Kupang', ${start}, ${start + 36 * 3600_000}, 'open', 100000)`,
    `with recursive n(i) as (select 0 union all select i+1 from n where i < ${f.booths - 1}) insert into booths (event_id, code, name) select ${event}, 'b' || i, 'Stan nomor ' || i from n`,
    // the measured event: five regencies, half opted in to contact, a seventh enrolled, one signup every 3 s
    `insert into registrations (event_id, name, search_name, phone, regency, occupation, first_booth_id, consent_at, consent_purposes, notice_version, contact_consent_at, followup_status, created_at)
      with recursive n(i) as (select 1 union all select i+1 from n where i < ${f.registrations})
      select ${event}, 'Peserta ' || i, 'peserta ' || i, '+62811' || i, case i % 5 when 0 then '53.71' when 1 then '53.01' when 2 then '53.04' when 3 then 'other' else '53.11' end, 'kriya',
        (select id from booths where event_id = ${event} and code = 'b' || (i % ${f.booths})), ${start}, '["event_registration"]', '1', case when i % 2 = 0 then ${start} end,
        case i % 7 when 0 then 'enrolled' when 1 then 'contacted' else 'new' end, ${start} + i * 3000 from n`,
  ];
  if (others > 0) {
    const per = Math.ceil((f.otherRegistrations ?? 0) / others);
    sql.push(
      `with recursive n(i) as (select 1 union all select i+1 from n where i < ${others}) insert into events (slug, name, venue, city, starts_at, ends_at, status)
        select 'other-' || i, 'Pameran ' || i, 'Gedung', 'Kota', ${start} - i * 86400000, ${start} - i * 86400000 + 36 * 3600000, 'closed' from n`,
      `with recursive n(i) as (select 0 union all select i+1 from n where i < ${(f.otherBooths ?? others) - 1}) insert into booths (event_id, code, name)
        select (select id from events where slug = 'other-' || (1 + i % ${others})), 'b' || i, 'Stan ' || i from n`,
      // one statement per chunk keeps each statement's work bounded
      ...Array.from({ length: others }, (_, k) => {
        const slug = `other-${k + 1}`;
        const ev = `(select id from events where slug = '${slug}')`;
        return `insert into registrations (event_id, name, search_name, phone, regency, occupation, first_booth_id, consent_at, consent_purposes, notice_version, contact_consent_at, followup_status, created_at)
          with recursive n(i) as (select 1 union all select i+1 from n where i < ${per})
          select ${ev}, 'Orang ' || i, 'orang ' || i, '+62812' || i, '53.71', 'musik', (select min(id) from booths where event_id = ${ev}), ${start}, '["event_registration"]', '1',
            case when i % 2 = 0 then ${start} end, 'new', ${start} - ${k + 1} * 86400000 + i * 1000 from n`;
      }),
    );
  }
  sql.push(
    `insert into tickets (registration_id, event_id, code) select id, event_id, 'cc' || replace(replace(printf('%024d', id), '0', 'z'), '1', 'y') from registrations`,
    `insert into booth_visits (registration_id, booth_id, created_at) select id, first_booth_id, created_at from registrations where first_booth_id is not null and id % 3 = 0`,
    `insert into checkins (ticket_id, event_id, seq, direction, gate, scanned_at) select id, event_id, 1, 'in', 'G', ${start} from tickets where event_id = ${event} and id % 10 < 8`,
    `insert into checkins (ticket_id, event_id, seq, direction, gate, scanned_at) select id, event_id, 2, 'out', 'G', ${start} + 3600000 from tickets where event_id = ${event} and id % 10 < 3`,
  );
  if (others > 0 && f.scanEvery) {
    sql.push(`insert into checkins (ticket_id, event_id, seq, direction, gate, scanned_at) select id, event_id, 1, 'in', 'G', ${start} from tickets where event_id != ${event} and id % ${f.scanEvery} = 0`);
  }
  return sql;
}

/** Signs in on the staff pages of a local server with a token; the session cookie. */
export async function staffCookie(base: string, token: string): Promise<string> {
  const login = await fetch(`${base}/staff/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ token }),
  });
  return /kf_session=[^;]+/.exec(login.headers.get("set-cookie") ?? "")![0];
}
