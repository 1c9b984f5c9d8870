/** What the scanner page shows: the gate, the full-screen answer with sound and vibration, the lines under the camera. */
import { answerKind, pendingText, type Answer, type ScannerMessages } from "./answers";
import type { QuestionKey } from "./question";
import type { LogEntry } from "./scan-log";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function scannerScreen(root: HTMLElement, msgs: ScannerMessages) {
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
  const box = $("result");
  /** the ticket field, where a handheld scanner types: the focus goes back there after every answer */
  const focusTicket = () => {
    const ticket = $<HTMLInputElement>("ticket");
    if (!$("scan-area").hidden) ticket.focus({ preventScroll: true });
  };
  const hidePopup = () => {
    clearTimeout(hideTimer);
    const hadFocus = box.contains(document.activeElement);
    box.hidden = true;
    if (hadFocus) focusTicket();
  };
  /**
   * Where the answer starts: the scanning part of the page (gate, direction, ticket field)
   * moves to the top of the screen and the answer fills the screen below it, so the field
   * with the focus is never covered (WCAG 2.4.11); the whole screen when that would leave
   * the answer less than half of it (a very short screen).
   */
  function placePopup() {
    const area = $("scan-area");
    if (area.hidden) return void (box.style.top = "0");
    area.scrollIntoView({ block: "start" });
    const below = Math.ceil($("manual").getBoundingClientRect().bottom);
    box.style.top = below > 0 && innerHeight - below >= innerHeight / 2 ? `${below}px` : "0";
  }

  return {
    showGate(gate: string) {
      $("gate-form").hidden = Boolean(gate);
      $("scan-area").hidden = !gate;
      $("gate-name").textContent = gate;
      // the forms' hidden gate fields; never the field the volunteer types the gate in
      for (const el of root.querySelectorAll<HTMLInputElement>("input[type=hidden][name=gate]")) el.value = gate;
      if (gate) $("ticket").focus();
    },
    /**
     * The answer over the screen below the ticket form; one that asks ("admit provisionally?")
     * stays until the volunteer answers, its "admit" button focused (Escape turns away).
     */
    popup(answer: Answer) {
      const kind = answerKind(answer.status);
      box.className = `result ${kind}`;
      box.dataset.status = answer.status;
      box.querySelector("strong")!.textContent = answer.message;
      box.querySelector("span")!.textContent = answer.attendee ? answer.attendee.name : "";
      box.querySelector<HTMLElement>(".ask")!.hidden = !answer.ask;
      placePopup();
      box.hidden = false;
      beep(kind === "ok");
      clearTimeout(hideTimer);
      if (answer.ask) $("admit").focus();
      else {
        // the buttons just hid: the focus goes back to the ticket field, not to the page
        if (box.contains(document.activeElement) || document.activeElement === document.body) focusTicket();
        hideTimer = setTimeout(hidePopup, 2500);
      }
    },
    hidePopup,
    focusTicket,
    /**
     * The answer's controls: "admit" and "turn away", a tap on the answer (away), and the keys:
     * Escape turns away or closes the answer; while a question waits, `keys` reads the others.
     */
    answerWith(p: { admit: () => void; turnAway: () => void; keys: () => ((key: string) => QuestionKey) | null }) {
      $("admit").addEventListener("click", (e) => {
        e.stopPropagation();
        p.admit();
      });
      $("turn-away").addEventListener("click", (e) => {
        e.stopPropagation();
        p.turnAway();
      });
      box.addEventListener("click", p.turnAway);
      // capturing: a handheld scanner's keys never reach the focused button
      document.addEventListener(
        "keydown",
        (e) => {
          if (box.hidden) return;
          const key = p.keys();
          if (!key) return void (e.key === "Escape" && hidePopup());
          const does = key(e.key);
          if (does === "pass") return;
          e.preventDefault();
          e.stopPropagation();
          if (does === "turn_away") p.turnAway();
        },
        true,
      );
    },
    log(entries: readonly LogEntry[]) {
      $("log").replaceChildren(
        ...entries.map((x) => {
          const li = document.createElement("li");
          li.className = answerKind(x.s);
          li.textContent = `${x.t} · ${x.m}`;
          return li;
        }),
      );
    },
    pending(n: number) {
      $("pending").textContent = pendingText(msgs, n);
    },
    listSize(text: string) {
      $("list-size").textContent = text;
    },
    cameraStatus(text: string) {
      $("camera-status").textContent = text;
    },
    /** Forgets what the page shows of guests: the answer, the scan list, search results, the door conflicts. */
    forgetGuests() {
      hidePopup();
      box.querySelector("strong")!.textContent = "";
      box.querySelector("span")!.textContent = "";
      $("log").replaceChildren();
      $("hits").replaceChildren();
      document.getElementById("conflicts")?.remove();
    },
    /** the sign-in line: `link` offers signing in again */
    session(text: string, link: boolean) {
      const p = $("session");
      p.querySelector("span")!.textContent = text;
      p.querySelector("a")!.hidden = !link;
      p.hidden = false;
    },
    hits(rows: { text: string; scan: () => void }[] | null, empty = msgs.noResults) {
      const hits = $("hits");
      if (!rows?.length) return void (hits.textContent = empty);
      hits.replaceChildren(
        ...rows.map((r) => {
          const row = document.createElement("p");
          row.textContent = r.text;
          const b = document.createElement("button");
          b.type = "button";
          b.textContent = msgs.checkinButton;
          b.addEventListener("click", r.scan);
          row.append(b);
          return row;
        }),
      );
    },
    /** a time in the event's zone, as the scan list writes it */
    time(iso: string) {
      return new Date(iso).toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit", timeZone: root.dataset.tz || undefined });
    },
  };
}
