/** The JSON API under `/api/v1`, and its OpenAPI 3.1 document generated from the same zod schemas. */
import { pairingApi } from "../features/checkin/pairing.routes";
import { checkinApi } from "../features/checkin/routes";
import { eventsApi } from "../features/events/routes";
import { rightsApi } from "../features/rights/api";
import { leadsApi } from "../features/leads/routes";
import { staffApi } from "../features/staff/routes";
import { createApi } from "./create-api";

export function buildApi() {
  const api = createApi();
  api.openAPIRegistry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description: "A staff token (or the ADMIN_TOKEN secret)",
  });
  api.route("/", staffApi);
  api.route("/", eventsApi);
  api.route("/", checkinApi);
  api.route("/", pairingApi);
  api.route("/", rightsApi);
  api.route("/", leadsApi);
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
