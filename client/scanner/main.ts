/**
 * Door scanner (`/staff/checkin`, served as /checkin/scanner.js): camera, handheld
 * scanners (they type the code and Enter), a full-screen result with sound and
 * vibration, the last scans, guest search, and everything the door needs when the
 * network is gone: the event's ticket list (kept fresh by deltas), offline
 * decisions, provisional admissions and a queue, all in IndexedDB, and a service
 * worker that starts the page with no network (`sw.ts`).
 * This file is the page's wiring; the decisions live in the modules beside it.
 */
import { registerKeeping } from "../came-through-worker";
import { admittedAfter, clock, conflictAnswer, decideOffline, offlineAnswer, provisionalAnswer, readAdmitted, type AdmittedHow, type Answer, type ScannerMessages } from "./answers";
import { prepareDecoder } from "./decoder";
import { ticketCodeOf, ticketDigest } from "./digest";
import { doorCamera } from "./camera";
import { phoneStore, wipeDevice } from "./idb-store";
import { SCAN_TIMEOUT_MS, within } from "./net";
import { questionKeys } from "./question";
import { endSessionFirst, sessionCode } from "./session";
import { clientIds, scanQueue, storeQueue, type Scan } from "./queue";
import { addToLog, logEntry, type LogEntry } from "./scan-log";
import { KEYS, moveFromLocalStorage, storeItem } from "./storage";
import { applyChanges, listSize, sinceQuery, type TicketChanges, type TicketList } from "./ticket-list";
import { scannerScreen } from "./screen";

/** A guest found by search (`GET /events/{slug}/attendees?q=`). */
interface AttendeeHit {
  /** opaque: the search never hands out ticket codes */
  registration_id: number;
  name: string;
  phone: string;
  inside: boolean;
}

/** How often a phone asks for what changed in the ticket list, and sends what waits. */
const LIST_EVERY_MS = 30_000;
const FLUSH_EVERY_MS = 10_000;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

async function start(root: HTMLElement) {
  const event = root.dataset.event ?? "";
  const msgs = JSON.parse(root.dataset.msgs || "{}") as ScannerMessages;
  const api = `/api/v1/events/${encodeURIComponent(event)}`;
  const screen = scannerScreen(root, msgs);

  /** a ticket waiting for "admit provisionally?", and how the keys answer it */
  let asking: { scan: Scan; digest: string; key: ReturnType<typeof questionKeys> } | null = null;
  // the camera may start before the page is wired; it scans only once it is
  let wired!: () => void;
  // the decoder downloads now, while the volunteer chooses the gate
  const camera = doorCamera({
    video: $<HTMLVideoElement>("camera"),
    msgs,
    status: screen.cameraStatus,
    decoder: prepareDecoder(),
    wired: new Promise<void>((ok) => (wired = ok)),
    scanning: () => !asking,
    scan: (code) => submit(code),
  });
  const startCamera = () => (gate && !dead ? camera.start() : undefined);
  // the page starts offline next time: its worker keeps it (and asks for it now, if this visit came before the worker)
  registerKeeping("/staff/checkin-sw.js", "/staff/checkin", location.href);

  // the gate form works at once: a gate chosen while the phone's store opens is taken when it is open
  let chosenEarly = "";
  let chooseGate: ((g: string) => Promise<void>) | null = null;
  $<HTMLFormElement>("gate-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const g = $<HTMLInputElement>("gate-input").value.trim();
    if (!g) return;
    if (chooseGate) void chooseGate(g);
    else chosenEarly = g;
  });

  const phone = await phoneStore();
  const store = phone.store;
  try {
    await moveFromLocalStorage(localStorage, store, event);
  } catch {}
  const listItem = storeItem<TicketList | null>(store, KEYS.tickets(event), null);
  const admittedItem = storeItem<unknown>(store, KEYS.admitted(event), []);
  const logItem = storeItem<LogEntry[]>(store, KEYS.log(event), []);
  let list = await listItem.read();
  let admitted = readAdmitted(await admittedItem.read());
  let log = await logItem.read();
  /** how many scans wait: known here too, since a revoked phone's store may be gone before it can count them */
  let pendingCount = 0;
  const queue = scanQueue(storeQueue(store, event), (n) => {
    pendingCount = n;
    screen.pending(n);
  });
  const nextClientId = await clientIds(store, () => crypto.randomUUID());
  /** after a sign-out or a revocation nothing more is kept or sent */
  let dead = false;
  let signedIn = true;

  // --- gate, chosen once per device and event
  const fixedGate = root.dataset.fixedGate || "";
  let gate = fixedGate || (await store.get<string>(KEYS.gate(event))) || root.dataset.gate || "";
  chooseGate = async (g) => {
    await store.set(KEYS.gate(event), (gate = g));
    screen.showGate(gate);
    void startCamera();
  };
  if (chosenEarly && !fixedGate) await chooseGate(chosenEarly);
  else screen.showGate(gate);
  // a phone that knows its gate turns the camera on now, while the rest of the page gets ready
  if (gate) void startCamera();
  const change = $("change-gate");
  if (fixedGate) change.hidden = true;
  change.addEventListener("click", async () => {
    await store.delete(KEYS.gate(event));
    gate = "";
    screen.showGate(gate);
  });
  const direction = () => (document.querySelector<HTMLInputElement>("input[name=direction]:checked") || { value: "in" }).value;

  // --- answers: the popup, the list of the last scans
  function show(answer: Answer) {
    // a phone that forgot everything shows no guest again
    if (dead) return;
    if (!answer.quiet) screen.popup(answer);
    log = addToLog(log, logEntry(answer, new Date(), root.dataset.tz));
    screen.log(log);
    void logItem.write(log);
  }
  screen.log(log);
  screen.listSize(list ? msgs.listSize.replace("{n}", String(listSize(list))).replace("{time}", screen.time(list.at)) : "");

  // --- the session: ended (sign in again to send what waits), or revoked or signed out on the server (forget everything)
  async function sessionEnded(res: Response) {
    signedIn = false;
    const code = await sessionCode(res);
    if (code !== "session_ended") return forget(code === "signed_out" ? msgs.deviceSignedOut : msgs.deviceRevoked);
    if (!dead) screen.session(msgs.signedOut, true);
  }
  /**
   * This phone may no longer work the door: it forgets the ticket list, the names, the
   * scan list, the queue (its scans can no longer be sent: the server refuses a revoked
   * session's scans; the page says how many were lost), the kept pages and the worker.
   */
  async function forget(why: string) {
    if (dead) return;
    dead = true;
    const lost = pendingCount;
    list = null;
    admitted = [];
    log = [];
    asking = null;
    camera.stop();
    screen.forgetGuests();
    screen.listSize("");
    screen.pending(0);
    screen.showGate("");
    $("gate-form").hidden = true;
    screen.session(lost ? `${why} ${msgs.unsentLost.replace("{n}", String(lost))}` : why, false);
    await wipeDevice(phone.close);
  }

  // --- sending scans, with a queue for when the network (or the session) is gone
  /** A guest chosen from the search, checked in by registration id (online only: never queued). */
  type PersonCheckin = { registration_id: number; gate: string; direction: string; client_id: string };
  /**
   * Sends a check-in (a scan, or a guest chosen from the search); throws when there is no answer in
   * time (no network, a hanging one), a server error, or an ended session (acted on first: why it ended).
   */
  async function post(checkin: Scan | PersonCheckin): Promise<Answer> {
    const answer = await within(SCAN_TIMEOUT_MS, async (signal) => {
      const res = await fetch(`${api}/checkins`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(checkin),
        signal,
      });
      if (res.status === 401) return res;
      if (res.status >= 500) throw new Error(`server ${res.status}`);
      return (await res.json()) as Answer;
    });
    if (answer instanceof Response) {
      await sessionEnded(answer);
      throw new Error("signed out");
    }
    return answer;
  }
  async function remember(digest: string, dir: string, at: string, how: AdmittedHow) {
    admitted = admittedAfter(admitted, digest, dir, new Date(at), how);
    if (!dead) await admittedItem.write(admitted);
  }
  async function submit(text: string) {
    const ticket = (text || "").trim();
    if (!ticket || !gate || dead) return;
    asking = null;
    const scan: Scan = { ticket, gate, direction: direction(), client_id: await nextClientId(), scanned_at: new Date().toISOString() };
    const digest = await ticketDigest(ticketCodeOf(ticket));
    let answer: Answer;
    try {
      answer = signedIn ? await post(scan) : await Promise.reject(new Error("signed out"));
      if (answer.status === "checked_in" || answer.status === "checked_out") await remember(digest, scan.direction, scan.scanned_at, "online");
    } catch {
      if (dead) return;
      // decide here, exactly once (a scan that timed out was aborted: its late answer is never read): the ticket
      // list, the tickets this phone let in. A server that did receive it answers the queued retry (same client_id)
      // with its first answer, so nobody is admitted twice
      const d = decideOffline({ names: list?.names ?? null, digest, direction: scan.direction, admitted });
      if (d.queue) await queue.add(d.queue === "listed" ? { ...scan, offline: "listed" } : scan);
      if (d.queue) await remember(digest, scan.direction, scan.scanned_at, "listed");
      if (d.ask) asking = { scan, digest, key: questionKeys() };
      answer = offlineAnswer(msgs, d, (iso) => clock(iso, root.dataset.tz));
    }
    show(answer);
  }
  async function admit() {
    const a = asking;
    asking = null;
    if (!a || dead) return;
    // the volunteer checked the KTP: in now, checked by the server when the network is back
    await queue.add({ ...a.scan, offline: "provisional" });
    await remember(a.digest, "in", a.scan.scanned_at, "provisional");
    show(provisionalAnswer(msgs));
    screen.focusTicket();
  }
  function turnAway() {
    asking = null;
    screen.hidePopup();
    screen.focusTicket();
  }
  screen.answerWith({ admit: () => void admit(), turnAway, keys: () => asking?.key ?? null });

  /** A guest chosen from the search: checked in by registration id (online only, like the search itself; no ticket code reaches the phone). */
  async function submitPerson(registration_id: number) {
    if (!gate || dead) return;
    asking = null;
    let answer: Answer;
    try {
      answer = await post({ registration_id, gate, direction: direction(), client_id: await nextClientId() });
    } catch {
      // the session ended: the page already says why (and forgot everything if revoked)
      if (dead || !signedIn) return;
      // no network: the search needs it too, so nothing is queued; the volunteer tries again
      answer = offlineAnswer(msgs, { status: "offline", queue: false, admit: false, ask: false });
    }
    show(answer);
  }

  async function flush() {
    if (dead || !signedIn) return;
    await queue.drain(post, (answer, entry) => {
      // admitted here while offline, but the server says otherwise: report the conflict
      const conflict = conflictAnswer(msgs, entry, answer);
      if (conflict) show(conflict);
    });
  }

  // --- the ticket list: whole the first time, then only what changed
  async function refreshList() {
    if (dead || !signedIn) return;
    try {
      const res = await fetch(`${api}/tickets/digests${sinceQuery(list)}`, { credentials: "same-origin" });
      if (res.status === 401) return void (await sessionEnded(res));
      if (!res.ok) return;
      list = applyChanges(list, (await res.json()) as TicketChanges, new Date());
      if (dead) return;
      await listItem.write(list);
      screen.listSize(msgs.listSize.replace("{n}", String(listSize(list))).replace("{time}", screen.time(list.at)));
    } catch {}
  }
  addEventListener("online", () => void flush().then(refreshList));
  setInterval(flush, FLUSH_EVERY_MS);
  setInterval(refreshList, LIST_EVERY_MS);

  // --- signing out: send what waits first (a phone with scans waiting does not sign out: they hold admissions
  // nobody else can check), end the session on the server, and only then forget everything this phone kept
  const logout = document.querySelector<HTMLFormElement>('form[action="/staff/logout"]');
  logout?.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (dead) return logout.submit();
    // a session that merely ended cannot send what waits: signing in again can
    if (!signedIn && (await queue.size())) return screen.session(msgs.signedOut, true);
    const ended = await endSessionFirst({ action: logout.action, msgs, flush, waiting: () => queue.size() });
    if ("refused" in ended) return screen.session(ended.refused, false);
    dead = true;
    camera.stop();
    await wipeDevice(phone.close);
    location.assign(ended.next);
  });

  // --- handheld scanner or typing: the field keeps focus, Enter submits
  $("manual").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $<HTMLInputElement>("ticket");
    void submit(input.value);
    input.value = "";
    input.focus();
  });

  // --- camera
  $("camera-start").addEventListener("click", () => void startCamera());

  // --- search for guests without a ticket
  $("search").addEventListener("submit", async (e) => {
    e.preventDefault();
    const q = $<HTMLInputElement>("q").value.trim();
    if (q.length < 2) return;
    try {
      const res = await fetch(`${api}/attendees?q=${encodeURIComponent(q)}`, { credentials: "same-origin" });
      if (res.status === 401) return void (await sessionEnded(res));
      const body = (await res.json()) as { attendees?: AttendeeHit[]; errors?: Record<string, string>; detail?: string };
      // a refused search (too long for the database) says why, in the page's language
      if (!res.ok || !body.attendees) return void screen.hits(null, body.errors?.q ?? body.detail ?? msgs.noResults);
      screen.hits(body.attendees.map((a) => ({ text: `${a.name} · ${a.phone}${a.inside ? ` · ${msgs.inside}` : ""} `, scan: () => void submitPerson(a.registration_id) })));
    } catch {
      screen.hits(null, msgs.offline);
    }
  });

  void queue.size().then((n) => screen.pending(n));
  void flush();
  void refreshList();
  wired();
}

const root = document.getElementById("scanner");
if (root) void start(root);
