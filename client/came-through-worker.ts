/**
 * True when this page's own navigation was handled by a service worker (which then
 * kept a copy of it). A worker that takes control while the page loads from the
 * network (`clients.claim()` during activation) makes `navigator.serviceWorker.controller`
 * set without the page ever passing through it; the navigation's timing tells the truth:
 * `workerStart` is 0 when no worker handled the request.
 */
export function cameThroughWorker(): boolean {
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  return (nav?.workerStart ?? 0) > 0;
}

/**
 * Registers the page's service worker (`script`, `scope`) and, when this visit reached the
 * network rather than passing through it, asks the worker to keep `keep` now, so the next
 * start works with no network.
 */
export function registerKeeping(script: string, scope: string, keep: string): void {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  const kept = cameThroughWorker();
  sw.register(script, { scope })
    .then(() => sw.ready)
    .then((reg) => {
      if (!kept) reg.active?.postMessage({ keep });
    })
    .catch(() => {});
}
