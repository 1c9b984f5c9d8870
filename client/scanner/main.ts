/**
 * Door scanner (`/staff/checkin`, served as /checkin/scanner.js): camera (native
 * BarcodeDetector, else the zxing ponyfill), handheld scanners (they type the
 * code and Enter), a full-screen result with sound and vibration, the last
 * scans, guest search, and a queue that survives a dead network.
 * This file is the page's wiring; the decisions live in the modules beside it.
 */
import { answerKind, conflictAnswer, decideOffline, offlineAnswer, pendingText, type Answer, type ScannerMessages } from "./answers";
import { ticketCodeOf, ticketDigest } from "./digest";
import { clientIds, localQueueStore, scanQueue, type Scan } from "./queue";
import { addToLog, logEntry, type LogEntry } from "./scan-log";
import { isRepeat, NO_SIGHTING } from "./sighting";
import { jsonItem, type KeyValueStorage } from "./storage";

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}
/** the global that /vendor/barcode-detector.js (the `barcode-detector` ponyfill, iife build) defines */
interface BarcodeDetectionApi {
  BarcodeDetector: BarcodeDetectorClass;
  prepareZXingModule(options: { overrides: { locateFile: (path: string, prefix: string) => string } }): unknown;
}
declare global {
  interface Window {
    BarcodeDetector?: BarcodeDetectorClass;
    BarcodeDetectionAPI?: BarcodeDetectionApi;
  }
}

/** A guest found by search (`GET /events/{slug}/attendees?q=`). */
interface AttendeeHit {
  /** opaque: the search never hands out ticket codes */
  registration_id: number;
  name: string;
  phone: string;
  inside: boolean;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function start(root: HTMLElement) {
  const event = root.dataset.event ?? "";
  const msgs = JSON.parse(root.dataset.msgs || "{}") as ScannerMessages;
  const api = `/api/v1/events/${encodeURIComponent(event)}`;
  const storage: KeyValueStorage = localStorage;
  const gateKey = `kf_gate:${event}`;
  const log = jsonItem<LogEntry[]>(storage, `kf_log:${event}`, []);
  const digests = jsonItem<string[] | null>(storage, `kf_digests:${event}`, null);
  const admitted = jsonItem<string[]>(storage, `kf_offline_in:${event}`, []);
  const queue = scanQueue(localQueueStore(storage, `kf_queue:${event}`), showPending);
  const nextClientId = clientIds(storage, () => crypto.randomUUID());

  // --- gate, chosen once per device and event
  const fixedGate = root.dataset.fixedGate || "";
  const gate = () => fixedGate || storage.getItem(gateKey) || root.dataset.gate || "";
  const gateForm = $<HTMLFormElement>("gate-form");
  const scanArea = $("scan-area");
  function showGate() {
    const g = gate();
    gateForm.hidden = Boolean(g);
    scanArea.hidden = !g;
    $("gate-name").textContent = g;
    for (const el of document.querySelectorAll<HTMLInputElement>("input[name=gate]")) el.value = g;
    if (g) $("ticket").focus();
  }
  gateForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const g = $<HTMLInputElement>("gate-input").value.trim();
    if (g) storage.setItem(gateKey, g);
    showGate();
    void startCamera();
  });
  const change = $("change-gate");
  if (fixedGate) change.hidden = true;
  change.addEventListener("click", () => {
    storage.removeItem(gateKey);
    root.dataset.gate = "";
    showGate();
  });
  const direction = () => (document.querySelector<HTMLInputElement>("input[name=direction]:checked") || { value: "in" }).value;

  // --- result: colour, words, sound, vibration
  let audio: AudioContext | undefined;
  function beep(ok: boolean) {
    try {
      audio = audio || new AudioContext();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = ok ? 880 : 220;
      osc.type = ok ? "sine" : "square";
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + (ok ? 0.15 : 0.5));
    } catch {}
    navigator.vibrate?.(ok ? 80 : [300, 100, 300]);
  }
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  function show(answer: Answer) {
    if (!answer.quiet) popup(answer);
    log.write(addToLog(log.read(), logEntry(answer, new Date(), root.dataset.tz)));
    renderLog();
  }
  function popup(answer: Answer) {
    const box = $("result");
    const kind = answerKind(answer.status);
    box.className = `result ${kind}`;
    box.dataset.status = answer.status;
    box.querySelector("strong")!.textContent = answer.message;
    box.querySelector("span")!.textContent = answer.attendee ? answer.attendee.name : "";
    box.hidden = false;
    beep(kind === "ok");
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => (box.hidden = true), 2500);
  }
  $("result").addEventListener("click", () => ($("result").hidden = true));
  function renderLog() {
    $("log").replaceChildren(
      ...log.read().map((x) => {
        const li = document.createElement("li");
        li.className = answerKind(x.s);
        li.textContent = `${x.t} · ${x.m}`;
        return li;
      }),
    );
  }
  function showPending(n: number) {
    $("pending").textContent = pendingText(msgs, n);
  }

  // --- sending scans, with a queue for when the network is gone
  async function post(scan: Scan): Promise<Answer> {
    const res = await fetch(`${api}/checkins`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(scan),
    });
    if (res.status >= 500) throw new Error(`server ${res.status}`);
    return (await res.json()) as Answer;
  }
  async function submit(text: string) {
    const ticket = (text || "").trim();
    if (!ticket || !gate()) return;
    const client_id = nextClientId();
    const scan: Scan = { ticket, gate: gate(), direction: direction(), client_id, scanned_at: new Date().toISOString() };
    try {
      show(await post(scan));
    } catch {
      show(await offlineVerdict(scan));
    }
  }

  /** A guest chosen from the search: checked in by registration id (online only, like the search itself). */
  async function submitPerson(registration_id: number) {
    if (!gate()) return;
    try {
      const res = await fetch(`${api}/checkins`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ registration_id, gate: gate(), direction: direction(), client_id: nextClientId() }),
      });
      show((await res.json()) as Answer);
    } catch {
      // no network: the search needs it too, so nothing is queued; the volunteer tries again
      show(offlineAnswer(msgs, { status: "offline", queue: "plain", admit: false }));
    }
  }

  // --- offline: recognise the event's tickets by digest, admit each once per phone, sync later
  async function refreshDigests() {
    try {
      const res = await fetch(`${api}/tickets/digests`, { credentials: "same-origin" });
      if (res.ok) digests.write(((await res.json()) as { digests: string[] }).digests);
    } catch {}
  }
  async function offlineVerdict(scan: Scan): Promise<Answer> {
    const known = digests.read();
    const digest = known ? await ticketDigest(ticketCodeOf(scan.ticket)) : "";
    const admittedHere = admitted.read();
    const decision = decideOffline({ known, digest, direction: scan.direction, admitted: admittedHere });
    if (decision.admit) admitted.write([...admittedHere, digest]);
    if (decision.queue) await queue.add(decision.queue === "offline" ? { ...scan, offline: true } : scan);
    return offlineAnswer(msgs, decision);
  }
  async function flush() {
    const drained = await queue.drain(post, (answer, entry) => {
      // admitted here while offline, but the server says otherwise: report the conflict
      const conflict = conflictAnswer(msgs, entry, answer);
      if (conflict) show(conflict);
    });
    if (drained) admitted.remove();
  }
  addEventListener("online", flush);
  setInterval(flush, 10000);
  setInterval(refreshDigests, 5 * 60000);

  // --- handheld scanner or typing: the field keeps focus, Enter submits
  $("manual").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $<HTMLInputElement>("ticket");
    void submit(input.value);
    input.value = "";
    input.focus();
  });

  // --- camera
  let detector: BarcodeDetectorLike | undefined;
  async function makeDetector(): Promise<BarcodeDetectorLike> {
    if ("BarcodeDetector" in window) {
      const formats = await window.BarcodeDetector!.getSupportedFormats();
      if (formats.includes("qr_code")) return new window.BarcodeDetector!({ formats: ["qr_code"] });
    }
    await new Promise((ok, fail) => {
      const s = document.createElement("script");
      s.src = "/vendor/barcode-detector.js";
      s.onload = ok;
      s.onerror = fail;
      document.head.append(s);
    });
    const lib = window.BarcodeDetectionAPI!;
    lib.prepareZXingModule({ overrides: { locateFile: (path, prefix) => (path.endsWith(".wasm") ? `/vendor/${path}` : prefix + path) } });
    return new lib.BarcodeDetector({ formats: ["qr_code"] });
  }
  let cameraOn = false;
  let seen = NO_SIGHTING;
  async function startCamera() {
    if (cameraOn || !gate()) return;
    const video = $<HTMLVideoElement>("camera");
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      await video.play();
      cameraOn = true;
      $("camera-status").textContent = msgs.ready;
      const found = (detector = detector || (await makeDetector()));
      const tick = async () => {
        try {
          if (video.readyState >= 2) {
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
      $("camera-status").textContent = msgs.cameraUnavailable;
    }
  }
  $("camera-start").addEventListener("click", startCamera);

  // --- search for guests without a ticket
  $("search").addEventListener("submit", async (e) => {
    e.preventDefault();
    const q = $<HTMLInputElement>("q").value.trim();
    const hits = $("hits");
    if (q.length < 2) return;
    try {
      const res = await fetch(`${api}/attendees?q=${encodeURIComponent(q)}`, { credentials: "same-origin" });
      const body = (await res.json()) as { attendees?: AttendeeHit[]; errors?: Record<string, string>; detail?: string };
      const attendees = body.attendees;
      // a refused search (too long for the database) says why, in the page's language
      if (!res.ok || !attendees) {
        hits.textContent = body.errors?.q ?? body.detail ?? msgs.noResults;
        return;
      }
      if (!attendees.length) {
        hits.textContent = msgs.noResults;
        return;
      }
      hits.replaceChildren(
        ...attendees.map((a) => {
          const row = document.createElement("p");
          row.textContent = `${a.name} · ${a.phone}${a.inside ? ` · ${msgs.inside}` : ""} `;
          const b = document.createElement("button");
          b.type = "button";
          b.textContent = msgs.checkinButton;
          b.addEventListener("click", () => submitPerson(a.registration_id));
          row.append(b);
          return row;
        }),
      );
    } catch {
      hits.textContent = msgs.offline;
    }
  });

  showGate();
  renderLog();
  void queue.size().then(showPending);
  void flush();
  void refreshDigests();
  if (gate()) void startCamera();
}

const root = document.getElementById("scanner");
if (root) start(root);
