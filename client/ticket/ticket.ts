/**
 * The ticket page's only script (`/t/ticket.js`): it installs the ticket's service
 * worker, so the page opens again on this phone with no network. The page works
 * without it; it only adds that comfort.
 */
import { cameThroughWorker } from "../came-through-worker";
import { isTicketPage } from "./paths";

const sw = navigator.serviceWorker;
if (sw && isTicketPage(location.pathname)) {
  const kept = cameThroughWorker();
  sw.register("/t/sw.js", { scope: "/t/" })
    .then(() => sw.ready)
    .then((reg) => {
      // this visit came from the network, not through the worker: it keeps a copy now
      if (!kept) reg.active?.postMessage({ keep: location.pathname });
    })
    .catch(() => {});
}
