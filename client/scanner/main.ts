/**
 * Door scanner (`/staff/checkin`, served as /checkin/scanner.js): camera, handheld
 * scanners (they type the code and Enter), a full-screen result with sound and
 * vibration, the last scans, guest search, and everything the door needs when the
 * network is gone: the event's ticket list (kept fresh by deltas), offline
 * decisions, provisional admissions and a queue, all in IndexedDB, and a service
 * worker that starts the page with no network (`sw.ts`).
 * This file is the page's wiring; the decisions live in the modules beside it.
 */
import { cameThroughWorker } from "../came-through-worker";
import { admittedAfter, conflictAnswer, decideOffline, offlineAnswer, provisionalAnswer, type Answer, type ScannerMessages } from "./answers";
import { prepareDecoder } from "./decoder";
import { ticketCodeOf, ticketDigest } from "./digest";
import { phoneStore, wipeDevice } from "./idb-store";
import { clientIds, scanQueue, storeQueue, type Scan } from "./queue";
import { addToLog, logEntry, type LogEntry } from "./scan-log";
import { isRepeat, NO_SIGHTING } from "./sighting";
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

  // the decoder downloads now, while the volunteer chooses the gate
  const decoder = prepareDecoder();
  let decoderState: "preparing" | "ready" | "failed" = "preparing";
  let cameraOn = false;
  let cameraStarting = false;
  /** the last code the camera saw */
  let seen = NO_SIGHTING;
  /** a ticket waiting for "admit provisionally?" */
  let asking: { scan: Scan; digest: string } | null = null;
  // the camera may start before the page is wired; it scans only once it is
  let wired!: () => void;
  const pageWired = new Promise<void>((ok) => (wired = ok));
  const cameraStatus = () =>
    screen.cameraStatus(decoderState === "failed" ? msgs.cameraUnavailable : decoderState === "preparing" ? msgs.preparing : cameraOn ? msgs.ready : "");
  cameraStatus();
  decoder.then(
    () => ((decoderState = "ready"), cameraStatus()),
    () => ((decoderState = "failed"), cameraStatus()),
  );
  // the page starts offline next time: its worker keeps it (and asks for it now, if this visit came before the worker)
  const sw = navigator.serviceWorker;
  const kept = cameThroughWorker();
  sw?.register("/staff/checkin-sw.js", { scope: "/staff/checkin" })
    .then(() => sw.ready)
    .then((reg) => {
      if (!kept) reg.active?.postMessage({ keep: location.href });
    })
    .catch(() => {});

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
  const admittedItem = storeItem<string[]>(store, KEYS.admitted(event), []);
  const logItem = storeItem<LogEntry[]>(store, KEYS.log(event), []);
  let list = await listItem.read();
  let admitted = await admittedItem.read();
  let log = await logItem.read();
  const queue = scanQueue(storeQueue(store, event), (n) => screen.pending(n));
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
    if (!answer.quiet) screen.popup(answer);
    log = addToLog(log, logEntry(answer, new Date(), root.dataset.tz));
    screen.log(log);
    if (!dead) void logItem.write(log);
  }
  screen.log(log);
  screen.listSize(list ? msgs.listSize.replace("{n}", String(listSize(list))).replace("{time}", screen.time(list.at)) : "");

  // --- the session: ended (sign in again to send what waits) or revoked (forget everything)
  async function sessionEnded(res: Response) {
    signedIn = false;
    if (!res.headers.has("clear-site-data")) return screen.session(msgs.signedOut, true);
    dead = true;
    list = null;
    admitted = [];
    log = [];
    screen.log(log);
    screen.listSize("");
    screen.pending(0);
    await wipeDevice(phone.close);
    screen.session(msgs.deviceRevoked, false);
    screen.showGate("");
    $("gate-form").hidden = true;
  }

  // --- sending scans, with a queue for when the network (or the session) is gone
  async function post(scan: Scan): Promise<Answer> {
    const res = await fetch(`${api}/checkins`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(scan),
    });
    if (res.status === 401) {
      await sessionEnded(res);
      throw new Error("signed out");
    }
    if (res.status >= 500) throw new Error(`server ${res.status}`);
    return (await res.json()) as Answer;
  }
  async function remember(digest: string, dir: string) {
    admitted = admittedAfter(admitted, digest, dir);
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
      if (answer.status === "checked_in" || answer.status === "checked_out") await remember(digest, scan.direction);
    } catch {
      if (dead) return;
      // decide here: the ticket list, the tickets this phone let in
      const d = decideOffline({ names: list?.names ?? null, digest, direction: scan.direction, admitted });
      if (d.queue) await queue.add(d.queue === "listed" ? { ...scan, offline: "listed" } : scan);
      if (d.queue) await remember(digest, scan.direction);
      if (d.ask) asking = { scan, digest };
      answer = offlineAnswer(msgs, d);
    }
    show(answer);
  }
  $("admit").addEventListener("click", async (e) => {
    e.stopPropagation();
    const a = asking;
    asking = null;
    if (!a || dead) return;
    // the volunteer checked the KTP: in now, checked by the server when the network is back
    await queue.add({ ...a.scan, offline: "provisional" });
    await remember(a.digest, "in");
    show(provisionalAnswer(msgs));
  });
  $("turn-away").addEventListener("click", (e) => {
    e.stopPropagation();
    asking = null;
    screen.hidePopup();
  });
  $("result").addEventListener("click", () => {
    asking = null;
    screen.hidePopup();
  });

  /** A guest chosen from the search: checked in by registration id (online only, like the search itself; no ticket code reaches the phone). */
  async function submitPerson(registration_id: number) {
    if (!gate || dead) return;
    asking = null;
    let answer: Answer;
    try {
      const res = await fetch(`${api}/checkins`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ registration_id, gate, direction: direction(), client_id: await nextClientId() }),
      });
      if (res.status >= 500) throw new Error(`server ${res.status}`);
      answer = (await res.json()) as Answer;
    } catch {
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

  // --- signing out: send what waits first, then forget everything this phone kept
  const logout = document.querySelector<HTMLFormElement>('form[action="/staff/logout"]');
  logout?.addEventListener("submit", async (e) => {
    e.preventDefault();
    await flush();
    const n = await queue.size();
    if (n && !confirm(msgs.unsent.replace("{n}", String(n)))) return;
    dead = true;
    await wipeDevice(phone.close);
    logout.submit();
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
  async function startCamera() {
    if (cameraOn || cameraStarting || !gate || dead) return;
    cameraStarting = true;
    const video = $<HTMLVideoElement>("camera");
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      await video.play();
      cameraOn = true;
      cameraStatus();
      const [found] = await Promise.all([decoder, pageWired]);
      const tick = async () => {
        try {
          if (video.readyState >= 2 && !asking) {
            const codes = await found.detect(video);
            const value = codes[0]?.rawValue;
            // the camera sees a ticket many times a second: scan it once while it stays in view
            if (value && !isRepeat(seen, value, Date.now())) await submit(value);
            if (value) seen = { code: value, at: Date.now() };
          }
        } catch {}
        setTimeout(tick, 200);
      };
      void tick();
    } catch {
      screen.cameraStatus(msgs.cameraUnavailable);
    } finally {
      cameraStarting = false;
    }
  }
  $("camera-start").addEventListener("click", startCamera);

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
