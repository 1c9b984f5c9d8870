/**
 * The ticket page's only script (`/t/ticket.js`): it installs the ticket's service
 * worker, so the page opens again on this phone with no network. The page works
 * without it; it only adds that comfort.
 */
import { isTicketPage } from "./paths";

const sw = navigator.serviceWorker;
if (sw && isTicketPage(location.pathname)) {
  const cameThroughWorker = Boolean(sw.controller);
  sw.register("/t/sw.js", { scope: "/t/" })
    .then(() => sw.ready)
    .then((reg) => {
      // this visit came from the network before the worker ran: it keeps a copy now
      if (!cameThroughWorker) reg.active?.postMessage({ keep: location.pathname });
    })
    .catch(() => {});
}
