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
