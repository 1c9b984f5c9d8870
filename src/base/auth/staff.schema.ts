import { z } from "@hono/zod-openapi";
import { STAFF_ROLES } from "../../db/schema";

export const StaffCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    role: z.enum(STAFF_ROLES),
    /** "all", or the slugs of the events this person may work on */
    events: z.union([z.literal("all"), z.array(z.string().min(1).max(100)).min(1).max(200)]),
    gate: z.string().trim().min(1).max(60).optional(),
  })
  .openapi("StaffCreate");

export const StaffSchema = z
  .object({
    id: z.int(),
    name: z.string(),
    role: z.enum(STAFF_ROLES),
    events: z.union([z.literal("all"), z.array(z.int())]),
    gate: z.string().nullable(),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
  })
  .openapi("Staff");

export const StaffIdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" }, example: 3 }),
});

export type StaffCreate = z.infer<typeof StaffCreateSchema>;
