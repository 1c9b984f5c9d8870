/** The outbox as the API shows it. */
import { z } from "@hono/zod-openapi";
import { MESSAGE_KINDS, MESSAGE_STATUSES } from "../../db/schema/messaging";

export const MessageSchema = z
  .object({
    id: z.number().int(),
    to: z.string().openapi({ example: "+6281234567801", description: "E.164" }),
    kind: z.enum(MESSAGE_KINDS),
    text: z.string().openapi({ description: "the message as it reads, with its link (a ticket's code shortened: `/t/abcd…`)" }),
    status: z.enum(MESSAGE_STATUSES),
    created_at: z.string().openapi({ example: "2026-12-05T09:00:00.000Z" }),
  })
  .openapi("Message");

export const MessagesSchema = z.object({ messages: z.array(MessageSchema) }).openapi("Messages");

/**
 * A message for staff: as it reads, except a ticket's code in its link (`/t/abcd…`): no staff answer
 * carries a ticket code. A recovery link stays whole: it binds once, and only within 24 hours.
 */
export const staffText = (text: string) => text.replace(/\/t\/([a-z0-9]{26})/g, (_, code: string) => `/t/${code.slice(0, 4)}…`);

export const toMessage = (m: { id: number; to: string; kind: (typeof MESSAGE_KINDS)[number]; text: string; status: (typeof MESSAGE_STATUSES)[number]; createdAt: Date }) => ({
  id: m.id,
  to: m.to,
  kind: m.kind,
  text: staffText(m.text),
  status: m.status,
  created_at: m.createdAt.toISOString(),
});
