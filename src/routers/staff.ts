/**
 * The staff pages under `/staff`, read top to bottom. Every post here comes
 * from our own pages (Hono's `csrf()`: Origin / Sec-Fetch-Site) and is small
 * (a body limit, the sign-in included), and no answer is kept by a browser or
 * a proxy (`private, no-store`): applied once where the pages are mounted. Each
 * page checks the caller's role itself (`staffPage(permission)`, src/base/auth).
 */
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../base/context/env";
import { noStore } from "../base/http/cache";
import { staffFormLimit } from "../base/http/limits";
import { checkinPages } from "../features/checkin/checkin.pages";
import { helpdeskPages } from "../features/checkin/helpdesk.pages";
import { walkinPages } from "../features/checkin/walkin.pages";
import { devicePages, pairingPages } from "../features/checkin/pairing.pages";
import { boothPages } from "../features/console/booths.pages";
import { dashboardPages } from "../features/console/dashboard.pages";
import { eventPages } from "../features/console/events.pages";
import { peoplePages } from "../features/console/people.pages";
import { posterPages } from "../features/console/posters.pages";
import { programmePages } from "../features/console/programmes.pages";
import { enrollmentPages } from "../features/leads/enrollment.pages";
import { leadsPages } from "../features/leads/leads.pages";
import { messagePages } from "../features/messages/messages.pages";
import { ratesPages } from "../features/rates/rates.pages";
import { staffPages } from "../features/staff/staff.pages";
import { kioskPages } from "../features/signup/kiosk.pages";
import { kioskSetupPages } from "../features/signup/kiosk-setup.pages";

export const staffRouter = new Hono<AppEnv>();
staffRouter.use("*", noStore, csrf(), staffFormLimit);

staffRouter.route("/", staffPages); //              /staff, /staff/login, /staff/logout
staffRouter.route("/checkin", checkinPages); //     the door scanner
staffRouter.route("/checkin", walkinPages); //      walk-ins at the door
staffRouter.route("/checkin", helpdeskPages); //    the help desk: resend a ticket, show its QR once
staffRouter.route("/checkin", pairingPages); //     gate devices: pair, list, revoke
staffRouter.route("/pair", devicePages); //         the page a volunteer's phone opens from the pairing QR
staffRouter.route("/events", eventPages); //        the organiser console: events,
staffRouter.route("/events", boothPages); //        booths,
staffRouter.route("/events", posterPages); //       posters,
staffRouter.route("/events", dashboardPages); //    the live dashboard,
staffRouter.route("/events", programmePages); //    sponsored-cover programmes,
staffRouter.route("/events", messagePages); //      the outbox
staffRouter.route("/people", peoplePages); //       staff accounts (admins)
staffRouter.route("/leads", leadsPages); //         the enrollment desk,
staffRouter.route("/leads", enrollmentPages); //    places in programmes, enrollment records
staffRouter.route("/kiosks", kioskSetupPages); //   booth kiosks: pair a tablet with one booth, list, revoke
staffRouter.route("/kiosk", kioskPages); //         a paired kiosk: assisted signup on a shared tablet
staffRouter.route("/rates", ratesPages); //         the BPJS contribution tables (admins)
