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
