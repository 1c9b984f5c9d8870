/** `/api/v1/events/{slug}/kiosks`: booth kiosks for organisers (pair, list, revoke), as gate devices are. */
import { z } from "@hono/zod-openapi";
import { kioskPairingUrl, listKiosks, revokeKiosk } from "../../base/auth/kiosks.service";
import { notFound } from "../../base/http/problem";
import { originOf } from "../../base/http/read-form";
import { createApi, eventRoute, jsonBody, jsonResponse, problems } from "../../base/openapi/openapi";
import { isoInZone } from "../../lib/time";
import { KIOSK_STATUSES, KioskCreateSchema, KioskIdParam, kioskStatus } from "./kiosk.schema";
import { createBoothKiosk } from "./kiosk.service";

export const kiosksApi = createApi();

const when = z.string().nullable();
const KioskSchema = z
  .object({ id: z.number(), booth: z.string(), status: z.enum(KIOSK_STATUSES), created_at: z.string(), paired_at: when, last_used_at: when, revoked_at: when })
  .openapi("Kiosk");

kiosksApi.openapi(
  eventRoute("kiosk.manage", {
    method: "post",
    path: "/events/{slug}/kiosks",
    summary: "Make a one-time pairing link (show it as a QR) that turns a tablet into the signup kiosk of one booth, and nothing else",
    request: jsonBody(KioskCreateSchema),
    responses: {
      201: jsonResponse(z.object({ id: z.number(), pairing_url: z.string(), booth: z.string(), expires_at: z.string() }), "The link, valid once, for 15 minutes"),
      422: problems[422],
    },
  }),
  async (c) => {
    const { event } = c.var;
    const made = await createBoothKiosk(c.var.db, c.var.staff, event, c.req.valid("json").booth);
    return c.json({ id: made.id, pairing_url: kioskPairingUrl(originOf(c), made.secret), booth: made.booth.code, expires_at: isoInZone(made.expiresAt, event.timezone) }, 201);
  },
);

kiosksApi.openapi(
  eventRoute("kiosk.manage", {
    method: "get",
    path: "/events/{slug}/kiosks",
    summary: "List the event's booth kiosks (newest first, at most 100)",
    responses: { 200: jsonResponse(z.object({ kiosks: z.array(KioskSchema) }), "Kiosks") },
  }),
  async (c) => {
    const tz = c.var.event.timezone;
    const at = (d: Date | null) => (d ? isoInZone(d, tz) : null);
    const kiosks = (await listKiosks(c.var.db, c.var.event)).map((k) => ({
      id: k.id,
      booth: k.booth,
      status: kioskStatus(k),
      created_at: isoInZone(k.createdAt, tz),
      paired_at: at(k.pairedAt),
      last_used_at: at(k.lastUsedAt),
      revoked_at: at(k.revokedAt),
    }));
    return c.json({ kiosks }, 200);
  },
);

kiosksApi.openapi(
  eventRoute("kiosk.manage", {
    method: "delete",
    path: "/events/{slug}/kiosks/{id}",
    summary: "Revoke a booth kiosk at once: its sessions end, its pairing link stops working",
    request: { params: KioskIdParam },
    responses: { 204: { description: "Revoked" } },
  }),
  async (c) => {
    if (!(await revokeKiosk(c.var.db, c.var.staff, c.var.event, c.req.valid("param").id))) throw notFound("kiosk.unknown");
    return c.body(null, 204);
  },
);
