/** What attendees see, read top to bottom: the open events, signup forms, tickets, their own data. */
import { Hono } from "hono";
import type { AppEnv } from "../base/context/env";
import { home } from "../features/home/home.pages";
import { whatsappWebhook } from "../features/messages/webhook.api";
import { recoveryPages } from "../features/recovery/recovery.pages";
import { rightsPages } from "../features/rights/rights.pages";
import { signupPages } from "../features/signup/signup.pages";
import { ticketPages } from "../features/tickets/tickets.pages";

export const publicRouter = new Hono<AppEnv>();

publicRouter.route("/", home); //                  /
publicRouter.route("/", recoveryPages); //         /e/{event}/resend (before the booth paths), /r/{secret}: a lost ticket back
publicRouter.route("/", signupPages); //           /e/{event}[/{booth}], its privacy notice, "I am interested"
publicRouter.route("/", ticketPages); //           /t/{code}, its QR images
publicRouter.route("/", rightsPages); //           /t/{code}/me…: see, download, correct, withdraw, erase
publicRouter.route("/", whatsappWebhook); //       /webhooks/whatsapp: delivery reports, signed by Meta
