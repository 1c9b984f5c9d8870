import { z } from "@hono/zod-openapi";
import { staff, STAFF_ROLES } from "../../db/schema";
import { rowSchema } from "../../db/row-schema";
import { cleanLine } from "../../lib/text";

export const StaffCreateSchema = z
  .object({
    name: z.string().overwrite(cleanLine).trim().min(1).max(120),
    role: z.enum(STAFF_ROLES),
    /** "all", or the slugs of the events this person may work on */
    events: z.union([z.literal("all"), z.array(z.string().min(1).max(100)).min(1).max(200)]),
    gate: z.string().overwrite(cleanLine).trim().min(1).max(60).optional(),
  })
  .openapi("StaffCreate");

/** The columns of a staff account the API shows (never the token's hash). */
export const STAFF_API_COLUMNS = ["id", "name", "role", "gate", "createdAt", "revokedAt", "lastUsedAt"] as const;

export const StaffSchema = rowSchema(staff, STAFF_API_COLUMNS)
  .extend({ events: z.union([z.literal("all"), z.array(z.int())]) })
  .openapi("Staff");

export const StaffIdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" }, example: 3 }),
});

export type StaffCreate = z.infer<typeof StaffCreateSchema>;
