// Door scanner: camera (native BarcodeDetector, else the zxing ponyfill), handheld
// scanners (they type the code and Enter), a full-screen result with sound and
// vibration, the last scans, guest search, and a queue that survives a dead network.
(() => {
  "use strict";
  const root = document.getElementById("scanner");
  if (!root) return;
  const event = root.dataset.event;
  const msgs = JSON.parse(root.dataset.msgs || "{}");
  const api = `/api/v1/events/${encodeURIComponent(event)}`;
  const $ = (id) => document.getElementById(id);
  const gateKey = `kf_gate:${event}`;
  const queueKey = `kf_queue:${event}`;
  const logKey = `kf_log:${event}`;
  const deviceId = localStorage.kf_device || (localStorage.kf_device = crypto.randomUUID());
  let seq = Number(localStorage.kf_seq || 0);

  // --- gate, chosen once per device and event
  const fixedGate = root.dataset.fixedGate || "";
  const gate = () => fixedGate || localStorage.getItem(gateKey) || root.dataset.gate || "";
  const gateForm = $("gate-form");
  const scanArea = $("scan-area");
  function showGate() {
    const g = gate();
    gateForm.hidden = Boolean(g);
    scanArea.hidden = !g;
    $("gate-name").textContent = g;
    for (const el of document.querySelectorAll("input[name=gate]")) el.value = g;
    if (g) $("ticket").focus();
  }
  gateForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const g = $("gate-input").value.trim();
    if (g) localStorage.setItem(gateKey, g);
    showGate();
    startCamera();
  });
  const change = $("change-gate");
  if (fixedGate) change.hidden = true;
  change.addEventListener("click", () => {
    localStorage.removeItem(gateKey);
    root.dataset.gate = "";
    showGate();
  });
  const direction = () => (document.querySelector("input[name=direction]:checked") || { value: "in" }).value;

  // --- result: colour, words, sound, vibration
  const COLOURS = {
    checked_in: "ok",
    checked_out: "ok",
    offline_ok: "ok",
    already_checked_in: "bad",
    not_found: "bad",
    revoked: "bad",
    offline_duplicate: "bad",
    offline_unknown: "bad",
    conflict: "bad",
    not_inside: "warn",
    wrong_event: "warn",
    offline: "warn",
  };
  let audio;
  function beep(ok) {
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
  let hideTimer;
  function show(answer) {
    if (!answer.quiet) popup(answer);
    const log = JSON.parse(localStorage.getItem(logKey) || "[]");
    log.unshift({ t: new Date().toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: root.dataset.tz || undefined }), s: answer.status, m: answer.message });
    localStorage.setItem(logKey, JSON.stringify(log.slice(0, 10)));
    renderLog();
  }
  function popup(answer) {
    const box = $("result");
    const kind = COLOURS[answer.status] || "bad";
    box.className = `result ${kind}`;
    box.dataset.status = answer.status;
    box.querySelector("strong").textContent = answer.message;
    box.querySelector("span").textContent = answer.attendee ? answer.attendee.name : "";
    box.hidden = false;
    beep(kind === "ok");
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => (box.hidden = true), 2500);
  }
  $("result").addEventListener("click", () => ($("result").hidden = true));
  function renderLog() {
    const list = $("log");
    list.replaceChildren(
      ...JSON.parse(localStorage.getItem(logKey) || "[]").map((x) => {
        const li = document.createElement("li");
        li.className = COLOURS[x.s] || "bad";
        li.textContent = `${x.t} · ${x.m}`;
        return li;
      }),
    );
  }

  // --- sending scans, with a queue for when the network is gone
  const queue = () => JSON.parse(localStorage.getItem(queueKey) || "[]");
  const saveQueue = (q) => {
    localStorage.setItem(queueKey, JSON.stringify(q));
    const n = q.length;
    $("pending").textContent = n ? msgs.pending.replace("{n}", n) : "";
  };
  async function post(scan) {
    const res = await fetch(`${api}/checkins`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(scan),
    });
    if (res.status >= 500) throw new Error(`server ${res.status}`);
    return res.json();
  }
  async function submit(text) {
    const ticket = String(text || "").trim();
    if (!ticket || !gate()) return;
    seq += 1;
    localStorage.kf_seq = String(seq);
    const scan = { ticket, gate: gate(), direction: direction(), client_id: `${deviceId}:${seq}`, scanned_at: new Date().toISOString() };
    try {
      show(await post(scan));
    } catch {
      show(await offlineVerdict(scan));
    }
  }

  // --- offline: recognise the event's tickets by digest, admit each once per phone, sync later
  const digestKey = `kf_digests:${event}`;
  const admittedKey = `kf_offline_in:${event}`;
  const codeOf = (text) => {
    const m = /\/t\/([^/?#\s]+)/.exec(text);
    return (m ? m[1] : text).trim().toLowerCase();
  };
  async function digestOf(code) {
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code)));
    return [...hash.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
  }
  async function refreshDigests() {
    try {
      const res = await fetch(`${api}/tickets/digests`, { credentials: "same-origin" });
      if (res.ok) localStorage.setItem(digestKey, JSON.stringify((await res.json()).digests));
    } catch {}
  }
  async function offlineVerdict(scan) {
    const known = JSON.parse(localStorage.getItem(digestKey) || "null");
    if (!known) {
      saveQueue([...queue(), scan]);
      return { status: "offline", message: msgs.offline };
    }
    const digest = await digestOf(codeOf(scan.ticket));
    if (!known.includes(digest)) return { status: "offline_unknown", message: msgs.offlineUnknown };
    const admitted = JSON.parse(localStorage.getItem(admittedKey) || "[]");
    if (scan.direction === "in" && admitted.includes(digest)) return { status: "offline_duplicate", message: msgs.offlineDuplicate };
    if (scan.direction === "in") localStorage.setItem(admittedKey, JSON.stringify([...admitted, digest]));
    saveQueue([...queue(), { ...scan, offline: true }]);
    return { status: "offline_ok", message: msgs.offlineOk };
  }
  async function flush() {
    let q = queue();
    while (q.length) {
      const { offline, ...scan } = q[0];
      let answer;
      try {
        answer = await post(scan);
      } catch {
        return;
      }
      // admitted here while offline, but the server says otherwise: report the conflict
      if (offline && !["checked_in", "checked_out"].includes(answer.status)) {
        show({ status: "conflict", message: msgs.conflict.replace("{message}", answer.message), quiet: true });
      }
      q = q.slice(1);
      saveQueue(q);
    }
    localStorage.removeItem(admittedKey);
  }
  addEventListener("online", flush);
  setInterval(flush, 10000);
  setInterval(refreshDigests, 5 * 60000);

  // --- handheld scanner or typing: the field keeps focus, Enter submits
  $("manual").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $("ticket");
    submit(input.value);
    input.value = "";
    input.focus();
  });

  // --- camera
  let detector;
  async function makeDetector() {
    if ("BarcodeDetector" in window) {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.includes("qr_code")) return new window.BarcodeDetector({ formats: ["qr_code"] });
    }
    await new Promise((ok, fail) => {
      const s = document.createElement("script");
      s.src = "/vendor/barcode-detector.js";
      s.onload = ok;
      s.onerror = fail;
      document.head.append(s);
    });
    const lib = window.BarcodeDetectionAPI;
    lib.prepareZXingModule({ overrides: { locateFile: (path, prefix) => (path.endsWith(".wasm") ? `/vendor/${path}` : prefix + path) } });
    return new lib.BarcodeDetector({ formats: ["qr_code"] });
  }
  let cameraOn = false;
  let seen = { code: "", at: 0 };
  async function startCamera() {
    if (cameraOn || !gate()) return;
    const video = $("camera");
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      await video.play();
      cameraOn = true;
      $("camera-status").textContent = msgs.ready;
      detector = detector || (await makeDetector());
      const tick = async () => {
        try {
          if (video.readyState >= 2) {
            const codes = await detector.detect(video);
            const value = codes[0] && codes[0].rawValue;
            // the camera sees a ticket many times a second: scan it once while it stays in view
            if (value && !(value === seen.code && Date.now() - seen.at < 1500)) await submit(value);
            if (value) seen = { code: value, at: Date.now() };
          }
        } catch {}
        setTimeout(tick, 200);
      };
      tick();
    } catch {
      $("camera-status").textContent = msgs.cameraUnavailable;
    }
  }
  $("camera-start").addEventListener("click", startCamera);

  // --- search for guests without a ticket
  $("search").addEventListener("submit", async (e) => {
    e.preventDefault();
    const q = $("q").value.trim();
    const hits = $("hits");
    if (q.length < 2) return;
    try {
      const res = await fetch(`${api}/attendees?q=${encodeURIComponent(q)}`, { credentials: "same-origin" });
      const { attendees } = await res.json();
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
          b.addEventListener("click", () => submit(a.ticket));
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
  saveQueue(queue());
  flush();
  refreshDigests();
  if (gate()) startCamera();
})();
