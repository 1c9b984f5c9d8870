/**
 * The few service-worker types our two workers use (`scanner/sw.ts`, `ticket/sw.ts`): the
 * client's tsconfig has DOM types, not WebWorker ones, and the two libraries clash.
 */
export interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
export interface FetchEvent extends ExtendableEvent {
  request: Request;
  /** the navigation's response, requested while the worker started (navigation preload) */
  preloadResponse?: Promise<Response | undefined>;
  respondWith(r: Response | Promise<Response>): void;
}
export interface WorkerScope {
  addEventListener(type: "install" | "activate", l: (e: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", l: (e: FetchEvent) => void): void;
  addEventListener(type: "message", l: (e: ExtendableEvent & { data: unknown }) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  registration: { navigationPreload?: { enable(): Promise<void> } };
  location: Location;
}

/** The worker's global scope. */
export const workerScope = () => self as unknown as WorkerScope;

/** The path a page asked its worker to keep (`postMessage({ keep })`), or "". */
export const keepRequest = (data: unknown): string => (typeof data === "object" && data && "keep" in data ? String((data as { keep: unknown }).keep) : "");
