/** `/api/v1/events/{slug}/pairings` and `/devices`: gate devices for organisers. */
import { z } from "@hono/zod-openapi";
import { notFound } from "../../base/http/problem";
import { originOf } from "../../base/http/read-form";
import { createApi, eventRoute, jsonBody, jsonResponse, problems } from "../../base/openapi/openapi";
import { rowSchema, rowToApi } from "../../db/row-schema";
import { staff } from "../../db/schema";
import { isoInZone } from "../../lib/time";
import { IdParam, PairingCreateSchema } from "./checkin.schema";
import { createPairing, listDevices, pairingUrl, revokeDevice } from "./pairing.service";

export const pairingApi = createApi();

const DEVICE_API_COLUMNS = ["id", "name", "gate", "createdAt", "lastUsedAt", "revokedAt"] as const;
const DeviceSchema = rowSchema(staff, DEVICE_API_COLUMNS).openapi("Device");

pairingApi.openapi(
  eventRoute("door.manage", {
    method: "post",
    path: "/events/{slug}/pairings",
    summary: "Make a one-time pairing link (show it as a QR) that signs a phone in as check-in staff for a gate",
    request: jsonBody(PairingCreateSchema),
    responses: {
      201: jsonResponse(z.object({ pairing_url: z.string(), gate: z.string(), expires_at: z.string() }), "The link, valid once, for 15 minutes"),
      422: problems[422],
    },
  }),
  async (c) => {
    const { gate } = c.req.valid("json");
    const { secret, expiresAt } = await createPairing(c.var.db, c.var.staff, c.var.event, gate);
    return c.json({ pairing_url: pairingUrl(originOf(c), secret), gate, expires_at: isoInZone(expiresAt, c.var.event.timezone) }, 201);
  },
);

pairingApi.openapi(
  eventRoute("door.manage", {
    method: "get",
    path: "/events/{slug}/devices",
    summary: "List the event's paired gate devices",
    responses: { 200: jsonResponse(z.object({ devices: z.array(DeviceSchema) }), "Devices") },
  }),
  async (c) => {
    const devices = (await listDevices(c.var.db, c.var.event)).map((d) => rowToApi(staff, d, DEVICE_API_COLUMNS));
    return c.json({ devices }, 200);
  },
);

pairingApi.openapi(
  eventRoute("door.manage", {
    method: "delete",
    path: "/events/{slug}/devices/{id}",
    summary: "Revoke a paired gate device at once",
    request: { params: IdParam },
    responses: { 204: { description: "Revoked" } },
  }),
  async (c) => {
    if (!(await revokeDevice(c.var.db, c.var.staff, c.var.event, c.req.valid("param").id))) throw notFound("checkin.unknownDevice");
    return c.body(null, 204);
  },
);
