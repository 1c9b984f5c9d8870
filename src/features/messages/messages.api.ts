/** `GET /api/v1/events/{slug}/messages`: the event's outbox, newest first (admins, organisers). */
import { createApi, eventRoute, jsonResponse } from "../../base/openapi/openapi";
import { eventMessages } from "../../base/messaging/outbox.service";
import { MessagesSchema, toMessage } from "./messages.schema";

export const messagesApi = createApi();

messagesApi.openapi(
  eventRoute("messages.read", {
    method: "get",
    path: "/events/{slug}/messages",
    summary: "The event's outbox: every message to a person (E.164 number, text with its link, status), newest first, at most 200",
    responses: { 200: jsonResponse(MessagesSchema, "Messages") },
  }),
  async (c) => {
    const rows = await eventMessages(c.var.db, c.var.event.id);
    return c.json({ messages: rows.map(toMessage) }, 200);
  },
);
