/** `GET /api/v1/events/{slug}/messages`: the event's outbox, newest first (admins, organisers); every read audited. */
import { isLocalDevelopment } from "../../base/config/deployment";
import { createApi, eventRoute, jsonResponse } from "../../base/openapi/openapi";
import { readOutbox } from "../../base/messaging/outbox.service";
import { MessagesSchema, toMessage } from "./messages.schema";

export const messagesApi = createApi();

messagesApi.openapi(
  eventRoute("messages.read", {
    method: "get",
    path: "/events/{slug}/messages",
    summary: "The event's outbox: every message to a person (E.164 number, text with its link shortened, status), newest first, at most 200; each read is audited (`messages.read`)",
    responses: { 200: jsonResponse(MessagesSchema, "Messages") },
  }),
  async (c) => {
    const rows = await readOutbox(c.var.db, c.var.staff, c.var.event.id, "api");
    const local = isLocalDevelopment(c.env);
    return c.json({ messages: rows.map((m) => toMessage(m, local)) }, 200);
  },
);
