/** Body limits: a form bigger than these is refused (413) before it is read. */
import { bodyLimit } from "hono/body-limit";

/** Public forms (signup, corrections): a full form with twenty extra answers is a few KB. */
export const publicFormLimit = bodyLimit({ maxSize: 32 * 1024 });

/** Staff forms: four texts of at most 10,000 characters and twenty questions fit well within this. */
export const staffFormLimit = bodyLimit({ maxSize: 256 * 1024 });

/** JSON API bodies: the largest, an event with its texts and twenty questions, is well within this. */
export const apiBodyLimit = bodyLimit({ maxSize: 256 * 1024 });
