/**
 * Small comforts for the organiser console (served as /console/console.js);
 * every page works without them. The app's CSP forbids inline handlers, so
 * they live here.
 */

// "Print" buttons: shown only when they can work
for (const b of document.querySelectorAll<HTMLButtonElement>("button[data-print]")) {
  b.hidden = false;
  b.addEventListener("click", () => window.print());
}
// forms that ask before doing something that cannot be undone
for (const f of document.querySelectorAll<HTMLFormElement>("form[data-confirm]")) {
  f.addEventListener("submit", (e) => {
    if (!window.confirm(f.dataset.confirm)) e.preventDefault();
  });
}
// a token shown once: one tap selects it for copying
for (const el of document.querySelectorAll<HTMLInputElement>("input[data-select]")) {
  el.addEventListener("focus", () => el.select());
}
// the dashboard: new figures every `data-live` seconds without reloading the page (the reader keeps their
// place), announced politely by the status line; a button pauses it (WCAG 2.2.2)
const live = document.getElementById("live");
const liveStatus = document.getElementById("live-status");
const toggle = document.getElementById("live-toggle") as HTMLButtonElement | null;
if (live && liveStatus && toggle) {
  const every = Number(live.dataset.live || 30) * 1000;
  let paused = false;
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    paused = !paused;
    toggle.setAttribute("aria-pressed", String(paused));
    toggle.textContent = (paused ? toggle.dataset.resume : toggle.dataset.pause) ?? "";
    if (paused) liveStatus.textContent = liveStatus.dataset.paused ?? "";
  });
  const update = async () => {
    // not while the page is hidden, nor under the reader's focus (replacing it would lose their place)
    if (paused || document.hidden || live.contains(document.activeElement)) return;
    try {
      const res = await fetch(location.href, { credentials: "same-origin", headers: { accept: "text/html" } });
      if (!res.ok) return;
      const page = new DOMParser().parseFromString(await res.text(), "text/html");
      const fresh = page.getElementById("live");
      const said = page.getElementById("live-status");
      if (!fresh || !said || paused) return;
      live.replaceChildren(...Array.from(fresh.childNodes, (n) => document.importNode(n, true)));
      liveStatus.textContent = said.textContent;
    } catch {
      // no network: the figures stay as they were, with their time
    }
  };
  setInterval(update, every);
}
