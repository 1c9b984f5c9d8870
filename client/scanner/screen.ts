/** What the scanner page shows: the gate, the full-screen answer with sound and vibration, the lines under the camera. */
import { answerKind, pendingText, type Answer, type ScannerMessages } from "./answers";
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
  const hidePopup = () => {
    clearTimeout(hideTimer);
    box.hidden = true;
  };

  return {
    showGate(gate: string) {
      $("gate-form").hidden = Boolean(gate);
      $("scan-area").hidden = !gate;
      $("gate-name").textContent = gate;
      // the forms' hidden gate fields; never the field the volunteer types the gate in
      for (const el of root.querySelectorAll<HTMLInputElement>("input[type=hidden][name=gate]")) el.value = gate;
      if (gate) $("ticket").focus();
    },
    /** The answer over the whole screen; one that asks ("admit provisionally?") stays until the volunteer answers. */
    popup(answer: Answer) {
      const kind = answerKind(answer.status);
      box.className = `result ${kind}`;
      box.dataset.status = answer.status;
      box.querySelector("strong")!.textContent = answer.message;
      box.querySelector("span")!.textContent = answer.attendee ? answer.attendee.name : "";
      box.querySelector<HTMLElement>(".ask")!.hidden = !answer.ask;
      box.hidden = false;
      beep(kind === "ok");
      clearTimeout(hideTimer);
      if (!answer.ask) hideTimer = setTimeout(hidePopup, 2500);
    },
    hidePopup,
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
