/** The lost-ticket form: the signup's own phone field, so a number is read the same way everywhere. */
import { z } from "@hono/zod-openapi";
import { LANGS } from "../../i18n";
import { StandardSignupSchema } from "../../base/registration/registration.schema";

export const resendSchema = z.object({
  phone: StandardSignupSchema.shape.phone,
  lang: z.enum(LANGS).optional().catch(undefined),
});
