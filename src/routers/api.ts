/**
 * The JSON API under `/api/v1`, and its OpenAPI 3.1 document generated from the
 * same zod schemas. Every answer is `private, no-store` (lead lists, searches,
 * staff: personal data), and every body is bounded, applied once here.
 */
import { noStore } from "../base/http/cache";
import { apiBodyLimit } from "../base/http/limits";
import { createApi } from "../base/openapi/openapi";
import { checkinApi } from "../features/checkin/checkin.api";
import { pairingApi } from "../features/checkin/pairing.api";
import { eventsApi } from "../features/events/events.api";
import { enrollmentApi } from "../features/enrollment/enrollment.api";
import { programmesApi } from "../features/enrollment/programmes.api";
import { leadsApi } from "../features/leads/leads.api";
import { messagesApi } from "../features/messages/messages.api";
import { ratesApi } from "../features/rates/rates.api";
import { rightsApi } from "../features/rights/rights.api";
import { kiosksApi } from "../features/signup/kiosks.api";
import { staffApi } from "../features/staff/staff.api";

export function buildApi() {
  const api = createApi();
  api.use("*", noStore, apiBodyLimit);
  api.openAPIRegistry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description: "A staff token (or the ADMIN_TOKEN secret)",
  });
  api.route("/", staffApi); //                       /staff
  api.route("/", eventsApi); //                      /events, /events/{slug}, booths
  api.route("/", checkinApi); //                     scans, undo, search, walk-ins, digests, stats
  api.route("/", pairingApi); //                     gate devices
  api.route("/", kiosksApi); //                      booth kiosks
  api.route("/", rightsApi); //                      /registrations/{id} erasure
  api.route("/", leadsApi); //                       leads, exports, follow-up
  api.route("/", programmesApi); //                  sponsored-cover programmes, the programme file
  api.route("/", enrollmentApi); //                  a lead's place in a programme, the enrollment record
  api.route("/", messagesApi); //                   an event's outbox
  api.route("/", ratesApi); //                       the contribution tables and their figures
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Kupang creative-economy fair API",
      version: "1",
      description: "Events, booths, staff, registrations, check-in and leads. Errors are RFC 9457 problem+json.",
    },
    servers: [{ url: "/api/v1" }],
  });
  return api;
}
