/**
 * The server side of the door without a network: the ticket list by deltas, scans a
 * phone admitted offline (from its list or provisionally), the conflicts they raise,
 * and a revoked gate phone told to forget what it kept.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CONFLICTS_PER_DEVICE_HOUR } from "../../src/base/door/conflicts.service";
import { ticketDigest } from "../../src/base/registration/tickets.service";
import { call, codeFrom, count, formBody, makeEvent, makeStaff, ORIGIN, postForm, staffGet, staffPost, staffSession, validSignup } from "../helpers";

// the event is on now: an offline phone's scan time must lie within a day of it (scanWindow). Scan times are
// minutes after a base half an hour ago, written in the event's zone (WITA) as a phone sends them
const HOUR = 3600_000;
const onNow = { starts_at: new Date(Date.now() - HOUR).toISOString(), ends_at: new Date(Date.now() + 12 * HOUR).toISOString() };
const BASE = Math.floor((Date.now() - HOUR / 2) / 60_000) * 60_000;
const wita = (minutes: number) => `${new Date(BASE + minutes * 60_000 + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
const hhmm = (minutes: number) => wita(minutes).slice(11, 16);

let door: string;
let organiser: string;

type Digests = { cursor: string; full: boolean; digests: string[]; names: string[]; removed: string[] };
const digests = async (since?: string, event = "offline-ev") => {
  const res = await call(`/api/v1/events/${event}/tickets/digests${since === undefined ? "" : `?since=${since}`}`, { token: door });
  expect(res.status).toBe(200);
  return res.json<Digests>();
};
const signup = async (phone: string, name: string) => codeFrom(await postForm("/e/offline-ev", validSignup({ phone, name })));
const scan = (body: Record<string, unknown>) => call("/api/v1/events/offline-ev/checkins", { token: door, json: { gate: "Pintu 1", ...body } });

beforeAll(async () => {
  await makeEvent("offline-ev", onNow);
  await makeEvent("offline-other", { name: "Pameran Lain" });
  door = (await makeStaff("checkin", ["offline-ev", "offline-other"])).token;
  organiser = (await makeStaff("organiser", ["offline-ev"])).token;
});

describe("the ticket list by deltas", () => {
  it("gives the whole list with first names first, then only what changed since the cursor", async () => {
    const maria = await signup("081700000001", "Maria Goreti Bili");
    const whole = await digests();
    expect(whole.full).toBe(true);
    const at = whole.digests.indexOf(await ticketDigest(maria));
    expect(at).toBeGreaterThanOrEqual(0);
    // the least a volunteer needs: the first name, never the rest of the name nor the phone
    expect(whole.names[at]).toBe("Maria");
    expect(JSON.stringify(whole)).not.toContain("Bili");
    expect(whole.names).toHaveLength(whole.digests.length);

    // nothing changed: an empty delta at the same cursor
    expect(await digests(whole.cursor)).toEqual({ ...whole, full: false, digests: [], names: [], removed: [], generated_at: expect.any(String) });

    const baru = await signup("081700000002", "Yohanes Baru");
    const delta = await digests(whole.cursor);
    expect(delta).toMatchObject({ full: false, digests: [await ticketDigest(baru)], names: ["Yohanes"], removed: [] });
    expect(Number(delta.cursor)).toBeGreaterThan(Number(whole.cursor));
    expect(await digests(delta.cursor)).toMatchObject({ digests: [], removed: [] });
  });

  it("sends revoked and erased tickets as removed, and renamed ones again", async () => {
    const gone = await signup("081700000003", "Akan Dihapus");
    const renamed = await signup("081700000004", "Lama Nama");
    const start = await digests();
    // the person erases their data from "Data saya"
    const erase = await call(`/t/${gone}/me/erase`, { token: null, method: "POST", body: new URLSearchParams({ confirm: "yes" }), headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" } });
    expect(erase.status).toBe(303);
    // the holder corrects their name in "Data saya" (another name in the signup form would be another person)
    const fix = await call(`/t/${renamed}/me/edit`, {
      token: null,
      method: "POST",
      body: formBody(validSignup({ phone: "081700000004", name: "Baru Nama" })),
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(fix.status).toBe(303);
    const delta = await digests(start.cursor);
    expect(delta.removed).toEqual([await ticketDigest(gone)]);
    expect(delta.digests).toEqual([await ticketDigest(renamed)]);
    expect(delta.names).toEqual(["Baru"]);
    // and the whole list no longer has the erased one
    expect((await digests()).digests).not.toContain(await ticketDigest(gone));
  });

  it("starts again with the whole list for a cursor it never gave, and refuses one that is not a number", async () => {
    const ahead = await digests("999999999");
    expect(ahead.full).toBe(true);
    expect(ahead.digests.length).toBeGreaterThan(0);
    const bad = await call("/api/v1/events/offline-ev/tickets/digests?since=abc", { token: door });
    expect(bad.status).toBe(422);
    expect((await bad.json<{ errors: Record<string, string> }>()).errors.since).toBeTruthy();
  });

  it("counts per event: another event's signups are no change here", async () => {
    const start = await digests();
    await postForm("/e/offline-other", validSignup({ phone: "081700000005", name: "Lain" }));
    expect((await digests(start.cursor)).digests).toEqual([]);
  });
});

describe("scans a phone admitted offline", () => {
  it("admits a provisional admission of a valid ticket (issued after the phone's copy) without a conflict", async () => {
    const code = await signup("081700000010", "Sesudah Salinan");
    const res = await scan({ ticket: code, client_id: "phone-a:1", scanned_at: wita(5), offline: "provisional" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "checked_in", attendee: { name: "Sesudah Salinan" } });
    expect(await count("checkin_conflicts", "client_id = ?", "phone-a:1")).toBe(0);
  });

  it("records a guest admitted by two offline gates as one conflict, even when the sync is retried", async () => {
    const code = await signup("081700000011", "Dua Gerbang");
    expect((await scan({ ticket: code, gate: "Pintu Utara", client_id: "phone-b:1", scanned_at: wita(2), offline: "listed" })).status).toBe(200);
    const second = { ticket: code, gate: "Pintu Selatan", client_id: "phone-c:1", scanned_at: wita(4), offline: "listed" };
    const res = await scan(second);
    expect(res.status).toBe(409);
    expect(await scan(second).then((r) => r.json())).toMatchObject({ status: "already_checked_in", gate: "Pintu Utara" });
    const rows = await env.DB.prepare("select kind, gate, other_gate, provisional, ticket_id is not null as has_ticket from checkin_conflicts where client_id = ?").bind("phone-c:1").all();
    expect(rows.results).toEqual([{ kind: "double_admission", gate: "Pintu Selatan", other_gate: "Pintu Utara", provisional: 0, has_ticket: 1 }]);
  });

  it("reports provisional admissions of unknown, revoked and other events' tickets; a plain scan raises none", async () => {
    const revoked = await signup("081700000012", "Dicabut");
    await env.DB.prepare("update tickets set revoked_at = 1 where code = ?").bind(revoked).run();
    const other = codeFrom(await postForm("/e/offline-other", validSignup({ phone: "081700000013", name: "Lain" })));
    const cases: [string, string, string][] = [
      ["abcdefghjkmnpqrstuvwxyz234", "phone-d:1", "unknown_ticket"],
      [revoked, "phone-d:2", "revoked_ticket"],
      [other, "phone-d:3", "wrong_event"],
    ];
    for (const [ticket, client_id, kind] of cases) {
      await scan({ ticket, client_id, scanned_at: wita(6), offline: "provisional" });
      expect(await count("checkin_conflicts", "client_id = ? and kind = ? and provisional = 1", client_id, kind), kind).toBe(1);
    }
    await scan({ ticket: "abcdefghjkmnpqrstuvwxyz234", client_id: "phone-d:4" });
    // an exit the phone queued is not an admission
    await scan({ ticket: revoked, client_id: "phone-d:5", direction: "out", offline: "listed" });
    expect(await count("checkin_conflicts", "client_id in ('phone-d:4', 'phone-d:5')")).toBe(0);
    // the unknown code itself is never stored: only that a ticket was unknown
    const stored = await env.DB.prepare("select * from checkin_conflicts where client_id = 'phone-d:1'").first();
    expect(JSON.stringify(stored)).not.toContain("abcdefghjkmnpqrstuvwxyz234");
  });

  it("records the conflict when the phone never heard the refusal of its first try and admitted offline (its retry says so), once", async () => {
    const code = await signup("081700000014", "Tak Terdengar");
    expect((await scan({ ticket: code, gate: "Pintu Utara", client_id: "late-x:1", scanned_at: wita(7) })).status).toBe(200);
    // the phone's first try reached the server and was refused, but its answer never came back
    expect((await scan({ ticket: code, gate: "Pintu Lambat", client_id: "late-y:1", scanned_at: wita(8) })).status).toBe(409);
    expect(await count("checkin_conflicts", "client_id = 'late-y:1'")).toBe(0);
    // so it decided offline (from its list), and its queue sends the same scan marked as admitted
    const retry = { ticket: code, gate: "Pintu Lambat", client_id: "late-y:1", scanned_at: wita(8), offline: "listed" };
    expect(await (await scan(retry)).json()).toMatchObject({ status: "already_checked_in", gate: "Pintu Utara" });
    expect((await scan(retry)).status).toBe(409);
    const rows = await env.DB.prepare("select kind, gate, other_gate, ticket_id is not null as has_ticket from checkin_conflicts where client_id = 'late-y:1'").all();
    expect(rows.results).toEqual([{ kind: "double_admission", gate: "Pintu Lambat", other_gate: "Pintu Utara", has_ticket: 1 }]);
  });

  it("refuses an unknown offline mark with 422", async () => {
    const res = await scan({ ticket: "x", client_id: "phone-e:1", offline: "yes" });
    expect(res.status).toBe(422);
  });
});

describe("door conflicts for organisers", () => {
  it("are listed by the API, on the dashboard and on the door page, and resolved once (audited)", async () => {
    const code = await signup("081700000020", "Konflik Terlihat");
    await scan({ ticket: code, gate: "Pintu Barat", client_id: "phone-f:1", offline: "listed", scanned_at: wita(10) });
    await scan({ ticket: code, gate: "Pintu Timur", client_id: "phone-g:1", offline: "listed", scanned_at: wita(11) });
    const list = await (await call("/api/v1/events/offline-ev/conflicts", { token: organiser })).json<{ conflicts: { id: number; kind: string; name: string | null; gate: string; scanned_at: string }[] }>();
    const mine = list.conflicts.find((c) => c.gate === "Pintu Timur")!;
    expect(mine).toMatchObject({ kind: "double_admission", name: "Konflik Terlihat", scanned_at: wita(11) });
    expect((await call("/api/v1/events/offline-ev/conflicts", { token: door })).status).toBe(403);

    const org = await staffSession(organiser);
    const dashboard = await (await staffGet("/staff/events/offline-ev/dashboard", org)).text();
    expect(dashboard).toContain(`Konflik Terlihat: masuk di Pintu Timur pukul ${hhmm(11)} (offline), padahal sudah masuk di Pintu Barat pukul ${hhmm(10)}`);
    // the door page (kept by gate phones for offline use) shows the first name only
    const volunteer = await staffSession(door);
    const doorPage = await (await staffGet("/staff/checkin?event=offline-ev", volunteer)).text();
    expect(doorPage).toContain(`Konflik: masuk di Pintu Timur pukul ${hhmm(11)}`);
    expect(doorPage).not.toContain("Konflik Terlihat");
    // a volunteer sees it but cannot resolve it
    expect(doorPage).not.toContain(`/staff/checkin/conflicts/${mine.id}/resolve`);
    expect((await staffPost(`/staff/checkin/conflicts/${mine.id}/resolve`, volunteer, { event: "offline-ev", back: "/staff/checkin" })).status).toBe(403);

    const done = await staffPost(`/staff/checkin/conflicts/${mine.id}/resolve`, org, { event: "offline-ev", back: "/staff/events/offline-ev/dashboard" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/staff/events/offline-ev/dashboard?done=conflictResolved");
    expect(await count("audit_log", "action = 'checkin.conflict_resolve' and subject = ?", `conflict:${mine.id}`)).toBe(1);
    expect((await call(`/api/v1/events/offline-ev/conflicts/${mine.id}/resolve`, { token: organiser, method: "POST" })).status).toBe(409);
    expect(await count("audit_log", "action = 'checkin.conflict_resolve' and subject = ?", `conflict:${mine.id}`)).toBe(1);
    const after = await (await staffGet("/staff/events/offline-ev/dashboard?done=conflictResolved", org)).text();
    expect(after).toContain("Konflik di pintu ditandai selesai.");
    expect(after).not.toContain(`Pintu Timur pukul ${hhmm(11)}`);
    // a resolve form cannot send the organiser to another site
    const other = await scan({ ticket: code, gate: "Pintu X", client_id: "phone-h:1", offline: "listed" });
    expect(other.status).toBe(409);
    const id = (await (await call("/api/v1/events/offline-ev/conflicts", { token: organiser })).json<{ conflicts: { id: number; gate: string }[] }>()).conflicts.find((c) => c.gate === "Pintu X")!.id;
    const away = await staffPost(`/staff/checkin/conflicts/${id}/resolve`, org, { event: "offline-ev", back: "//evil.example/x" });
    expect(away.headers.get("location")).toBe("/staff/checkin?done=conflictResolved");
    expect((await call("/api/v1/events/offline-ev/conflicts/99999/resolve", { token: organiser, method: "POST" })).status).toBe(404);
  });
});

describe("door conflicts cannot be flooded", () => {
  type Listed = { conflicts: { id: number; kind: string; name: string | null; gate: string }[] };
  const conflictsOf = async () => (await call("/api/v1/events/offline-ev/conflicts", { token: organiser })).json<Listed>();

  it("keeps one open conflict per ticket: more offline admissions of it raise none until it is resolved", async () => {
    const { id, token } = await makeStaff("checkin", ["offline-ev"]);
    const code = await signup("081700000030", "Banyak Kali");
    const ticketConflicts = () => count("checkin_conflicts", "ticket_id = (select id from tickets where code = ?)", code);
    const openOnes = () => count("checkin_conflicts", "ticket_id = (select id from tickets where code = ?) and resolved_at is null", code);
    const again = (n: number) => call("/api/v1/events/offline-ev/checkins", { token, json: { ticket: code, gate: "Pintu Banjir", client_id: `flood-a:${n}`, scanned_at: wita(12), offline: "listed" } });
    expect((await again(0)).status).toBe(200);
    for (let n = 1; n <= 5; n++) expect((await again(n)).status).toBe(409);
    expect(await ticketConflicts()).toBe(1);
    // the answers are all kept for their client_ids all the same
    expect(await count("scan_replies", "client_id like 'flood-a:%'")).toBe(6);
    const open = (await conflictsOf()).conflicts.filter((c) => c.gate === "Pintu Banjir");
    expect(open).toHaveLength(1);
    expect((await call(`/api/v1/events/offline-ev/conflicts/${open[0]!.id}/resolve`, { token: organiser, method: "POST" })).status).toBe(200);
    expect((await again(6)).status).toBe(409);
    expect(await ticketConflicts()).toBe(2);
    expect(await openOnes()).toBe(1);
    expect(await count("checkin_conflicts", "staff_id = ?", id)).toBe(2);
  });

  it("lets one device raise at most CONFLICTS_PER_DEVICE_HOUR an hour, unknown codes included; another device still can", async () => {
    const { id, token } = await makeStaff("checkin", ["offline-ev"]);
    const codes = Array.from({ length: CONFLICTS_PER_DEVICE_HOUR + 3 }, (_, n) => `floodunknowncode${String(n).padStart(10, "0")}`.slice(0, 26));
    for (const [n, ticket] of codes.entries()) {
      const res = await call("/api/v1/events/offline-ev/checkins", { token, json: { ticket, gate: "Pintu Banjir 2", client_id: `flood-b:${n}`, scanned_at: wita(13), offline: "provisional" } });
      expect(res.status).toBe(404);
    }
    expect(await count("checkin_conflicts", "staff_id = ?", id)).toBe(CONFLICTS_PER_DEVICE_HOUR);
    const other = await makeStaff("checkin", ["offline-ev"]);
    await call("/api/v1/events/offline-ev/checkins", { token: other.token, json: { ticket: codes[0], gate: "Pintu Banjir 3", client_id: "flood-c:1", scanned_at: wita(13), offline: "provisional" } });
    expect(await count("checkin_conflicts", "staff_id = ?", other.id)).toBe(1);
  });
});

describe("another event's ticket at this door", () => {
  it("names its holder by the first name only, in the answer and in the conflicts", async () => {
    const code = codeFrom(await postForm("/e/offline-other", validSignup({ phone: "081700000031", name: "Petrus Acara Lain" })));
    const res = await scan({ ticket: code, gate: "Pintu Lain", client_id: "other-ev:1", scanned_at: wita(14), offline: "provisional" });
    expect(res.status).toBe(422);
    const answer = await res.text();
    expect(answer).toContain("wrong_event");
    expect(answer).not.toContain("Petrus");
    const listed = await (await call("/api/v1/events/offline-ev/conflicts", { token: organiser })).json<{ conflicts: { kind: string; name: string | null; gate: string }[] }>();
    expect(listed.conflicts.find((c) => c.gate === "Pintu Lain")).toMatchObject({ kind: "wrong_event", name: "Petrus" });
    expect(JSON.stringify(listed)).not.toContain("Acara Lain");
    const org = await staffSession(organiser);
    expect(await (await staffGet("/staff/events/offline-ev/dashboard", org)).text()).not.toContain("Petrus Acara Lain");
  });
});

describe("a gate phone signed out or revoked", () => {
  it("is told to forget the site's data when its revoked session calls the API or opens the scanner", async () => {
    const device = await makeStaff("checkin", ["offline-ev"], "Pintu 3");
    const cookie = await staffSession(device.token);
    expect((await call("/api/v1/events/offline-ev/tickets/digests", { token: null, headers: { cookie } })).status).toBe(200);
    expect((await call(`/api/v1/staff/${device.id}`, { method: "DELETE" })).status).toBe(204);
    const api = await call("/api/v1/events/offline-ev/tickets/digests", { token: null, headers: { cookie } });
    expect(api.status).toBe(401);
    expect(api.headers.get("clear-site-data")).toBe('"cache", "storage"');
    expect(api.headers.get("set-cookie")).toMatch(/kf_session=;/);
    const page = await staffGet("/staff/checkin?event=offline-ev", cookie);
    expect(page.status).toBe(303);
    expect(page.headers.get("clear-site-data")).toBe('"cache", "storage"');
  });

  it("is not wiped for a session that merely ended (the queue waits for the next sign-in)", async () => {
    const res = await call("/api/v1/events/offline-ev/tickets/digests", { token: null, headers: { cookie: "kf_session=nonsense" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("clear-site-data")).toBeNull();
    // the page cannot read Clear-Site-Data: the body says what happened, in a word a script acts on
    expect(await res.json()).toMatchObject({ status: 401, code: "session_ended" });
    expect((await call("/api/v1/events/offline-ev/tickets/digests", { token: "kf_wrong" })).headers.get("clear-site-data")).toBeNull();
  });

  it("tells the page in the body why: revoked, or signed out on the server, also when the scan took the account from memory", async () => {
    const sessionScan = (cookie: string, client_id: string) =>
      call("/api/v1/events/offline-ev/checkins", { token: null, json: { ticket: "abcdefghjkmnpqrstuvwxyz234", gate: "x", client_id }, headers: { cookie, origin: ORIGIN } });
    const expectWipe = async (res: Response, code: string) => {
      expect(res.status).toBe(401);
      expect(res.headers.get("clear-site-data")).toBe('"cache", "storage"');
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 401, code });
    };

    const digestsWith = (cookie: string) => call("/api/v1/events/offline-ev/tickets/digests", { token: null, headers: { cookie } });
    /** a gate phone signed in that has scanned once (this isolate keeps its account), then `change` happens in D1 */
    const afterChange = async (gate: string, change: string) => {
      const device = await makeStaff("checkin", ["offline-ev"], gate);
      const cookie = await staffSession(device.token);
      expect((await sessionScan(cookie, `${gate}:1`)).status).toBe(404);
      await env.DB.prepare(change).bind(device.id).run();
      return { cookie, scan: () => sessionScan(cookie, `${gate}:2`) };
    };

    // revoked elsewhere (straight in D1) while this isolate holds the account from an earlier scan
    const revoked = await afterChange("Pintu 4", `update staff set revoked_at = ${Date.now()} where id = ?`);
    await expectWipe(await revoked.scan(), "device_revoked");
    await expectWipe(await digestsWith(revoked.cookie), "device_revoked");
    // the session ended on the server (the account is still good): signed out, not revoked
    const ended = await afterChange("Pintu 5", `update staff_sessions set ended_at = ${Date.now()} where staff_id = ?`);
    await expectWipe(await ended.scan(), "signed_out");
    await expectWipe(await digestsWith(ended.cookie), "signed_out");
    // the account lost this event elsewhere: this phone's access to it is revoked
    await expectWipe(await (await afterChange("Pintu 6", "delete from staff_events where staff_id = ?")).scan(), "device_revoked");
    // an expired session is merely ended: nothing wiped
    const gone = await (await afterChange("Pintu 7", `update staff_sessions set expires_at = ${Date.now() - 1000} where staff_id = ?`)).scan();
    expect(gone.status).toBe(401);
    expect(gone.headers.get("clear-site-data")).toBeNull();
    expect(await gone.json()).toMatchObject({ code: "session_ended" });
  });

  it("forgets everything when signing out", async () => {
    const cookie = await staffSession(door);
    const out = await staffPost("/staff/logout", cookie, {});
    expect(out.status).toBe(303);
    expect(out.headers.get("clear-site-data")).toBe('"cache", "storage"');
  });

  it("marks the plain scanner page as the one its service worker may keep, never one with search results or an answer", async () => {
    const cookie = await staffSession(door);
    expect((await staffGet("/staff/checkin?event=offline-ev", cookie)).headers.get("kf-door-shell")).toBe("1");
    expect((await staffGet("/staff/checkin?event=offline-ev&q=maria", cookie)).headers.get("kf-door-shell")).toBeNull();
    expect((await staffPost("/staff/checkin/scan", cookie, { event: "offline-ev", gate: "Pintu 1", ticket: "x" })).headers.get("kf-door-shell")).toBeNull();
  });
});
