/**
 * The ticket page's only script (`/t/ticket.js`): it installs the ticket's service
 * worker, so the page opens again on this phone with no network. The page works
 * without it; it only adds that comfort.
 */
import { registerKeeping } from "../came-through-worker";
import { isTicketPage } from "./paths";

// the worker keeps this page for offline use (asked now when this visit reached the network, not the worker)
if (isTicketPage(location.pathname)) registerKeeping("/t/sw.js", "/t/", location.pathname);
