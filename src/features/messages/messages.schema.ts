/** The outbox as the API shows it. */
import { z } from "@hono/zod-openapi";
import { MESSAGE_KINDS, MESSAGE_STATUSES } from "../../db/schema/messaging";

export const MessageSchema = z
  .object({
    id: z.number().int(),
    to: z.string().openapi({ example: "+6281234567801", description: "E.164" }),
    kind: z.enum(MESSAGE_KINDS),
    text: z.string().openapi({
      description:
        "the message as it reads, its link shortened (`/t/abcd…`, `/r/AbCd…`): no staff answer carries a ticket code or a usable link. Only in local development (`ENVIRONMENT` exactly `local`) a `not_sent` message keeps its `/r/` link whole, so the flow can be tried without WhatsApp",
    }),
    status: z.enum(MESSAGE_STATUSES),
    created_at: z.string().openapi({ example: "2026-12-05T09:00:00.000Z" }),
  })
  .openapi("Message");

export const MessagesSchema = z.object({ messages: z.array(MessageSchema) }).openapi("Messages");

type OutboxRow = { id: number; to: string; kind: (typeof MESSAGE_KINDS)[number]; text: string; status: (typeof MESSAGE_STATUSES)[number]; createdAt: Date };

const shorten = (path: "t" | "r") => (_: string, secret: string) => `/${path}/${secret.slice(0, 4)}…`;

/**
 * A message for staff: as it reads, except its link. A ticket's code (`/t/abcd…`) and a link's
 * secret (`/r/AbCd…`) are cut short: whoever opened a whole `/r/` link would hold the person's
 * ticket and "Data saya". `local`: in local development (`npm start`, no WhatsApp) a message that
 * was never sent keeps its `/r/` link whole, so the lost-ticket and phone-change flows can be tried.
 */
export function staffText(m: Pick<OutboxRow, "text" | "status">, local: boolean): string {
  const text = m.text.replace(/\/t\/([a-z0-9]{26})/g, shorten("t"));
  return local && m.status === "not_sent" ? text : text.replace(/\/r\/([A-Za-z0-9_-]+)/g, shorten("r"));
}

export const toMessage = (m: OutboxRow, local: boolean) => ({
  id: m.id,
  to: m.to,
  kind: m.kind,
  text: staffText(m, local),
  status: m.status,
  created_at: m.createdAt.toISOString(),
});
