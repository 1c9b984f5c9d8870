/** `/api/v1/events/{slug}/pairings` and `/devices`: gate devices for organisers. */
import { createRoute, z } from "@hono/zod-openapi";
import { authProblems, bearer, createApi, jsonBody, jsonResponse, problems } from "../../api/create-api";
import { notFound } from "../../lib/problem";
import { isoInZone } from "../../lib/time";
import { SlugParam } from "../events/schema";
import { eventScope } from "../events/scope";
import { requireStaff } from "../staff/auth";
import { createPairing, listDevices, revokeDevice } from "./pairing";
import { IdParam, PairingCreateSchema } from "./schema";

export const pairingApi = createApi();
const MANAGERS = ["admin", "organiser"] as const;

export const pairingUrl = (origin: string, secret: string) => `${origin}/staff/pair/${secret}`;

const DeviceSchema = z
  .object({ id: z.int(), name: z.string(), gate: z.string().nullable(), created_at: z.string(), last_used_at: z.string().nullable(), revoked_at: z.string().nullable() })
  .openapi("Device");

pairingApi.openapi(
  createRoute({
    method: "post",
    path: "/events/{slug}/pairings",
    summary: "Make a one-time pairing link (show it as a QR) that signs a phone in as check-in staff for a gate",
    security: bearer,
    middleware: [requireStaff(MANAGERS), eventScope] as const,
    request: { params: SlugParam, ...jsonBody(PairingCreateSchema) },
    responses: {
      201: jsonResponse(z.object({ pairing_url: z.string(), gate: z.string(), expires_at: z.string() }), "The link, valid once, for 15 minutes"),
      ...authProblems,
      422: problems[422],
    },
  }),
  async (c) => {
    const { gate } = c.req.valid("json");
    const { secret, expiresAt } = await createPairing(c.var.db, c.var.staff, c.var.event, gate);
    return c.json({ pairing_url: pairingUrl(new URL(c.req.url).origin, secret), gate, expires_at: isoInZone(expiresAt, c.var.event.timezone) }, 201);
  },
);

pairingApi.openapi(
  createRoute({
    method: "get",
    path: "/events/{slug}/devices",
    summary: "List the event's paired gate devices",
    security: bearer,
    middleware: [requireStaff(MANAGERS), eventScope] as const,
    request: { params: SlugParam },
    responses: { 200: jsonResponse(z.object({ devices: z.array(DeviceSchema) }), "Devices"), ...authProblems },
  }),
  async (c) => {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const devices = (await listDevices(c.var.db, c.var.event)).map((d) => ({
      id: d.id,
      name: d.name,
      gate: d.gate,
      created_at: d.createdAt.toISOString(),
      last_used_at: iso(d.lastUsedAt),
      revoked_at: iso(d.revokedAt),
    }));
    return c.json({ devices }, 200);
  },
);

pairingApi.openapi(
  createRoute({
    method: "delete",
    path: "/events/{slug}/devices/{id}",
    summary: "Revoke a paired gate device at once",
    security: bearer,
    middleware: [requireStaff(MANAGERS), eventScope] as const,
    request: { params: IdParam },
    responses: { 204: { description: "Revoked" }, ...authProblems, 404: problems[404] },
  }),
  async (c) => {
    if (!(await revokeDevice(c.var.db, c.var.staff, c.var.event, c.req.valid("param").id))) throw notFound("No active device with this id in this event.");
    return c.body(null, 204);
  },
);
