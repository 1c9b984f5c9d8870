/**
 * The scanner's patience with the network. A venue's network may neither answer nor
 * fail: a scan that waits on it keeps the volunteer and the queue waiting, so a scan
 * gives up after SCAN_TIMEOUT_MS and the phone decides offline (the scan keeps its
 * client_id, so a server that did receive it answers its retry with the first answer).
 */

/** How long a scan (or a sign-out) waits for the server before the phone decides without it. */
export const SCAN_TIMEOUT_MS = 5000;

/**
 * Runs `work` with a signal that aborts after `ms`: a fetch given the signal rejects then,
 * whether it waits for the answer's head or its body, and its late answer is never read.
 * @example const answer = await within(SCAN_TIMEOUT_MS, (signal) => fetch(url, { signal }).then((r) => r.json()));
 */
export async function within<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new DOMException("no answer in time", "TimeoutError")), ms);
  try {
    return await work(abort.signal);
  } finally {
    clearTimeout(timer);
  }
}
