import { z } from "@hono/zod-openapi";
import { CONFLICT_KINDS } from "../../db/schema/door";
import { key } from "../../i18n";
import { cleanLine } from "../../lib/text";
import { searchFits } from "../../base/registration/search";

export const CHECKIN_STATUSES = [
  "checked_in",
  "checked_out",
  "already_checked_in",
  "not_inside",
  "not_found",
  "wrong_event",
  "revoked",
] as const;
export type CheckinStatus = (typeof CHECKIN_STATUSES)[number];

export const ScanSchema = z
  .object({
    /** what the scanner read: the ticket URL or the bare code (or `registration_id` instead) */
    ticket: z.string().trim().min(1).max(500).optional(),
    /** a guest chosen from the search (`GET …/attendees`), who has no ticket at hand: audited as a staff action */
    registration_id: z.coerce.number().int().positive().optional(),
    gate: z.string().overwrite(cleanLine).trim().min(1).max(60),
    direction: z.enum(["in", "out"]).default("in"),
    /** a nonce per scan, so a retry gets the first answer again */
    client_id: z.string().overwrite(cleanLine).trim().min(1).max(100).optional(),
    /** when the scan happened, for scans uploaded after the network came back */
    scanned_at: z.iso.datetime({ offset: true, error: key("validation.datetime") }).optional(),
    /**
     * the phone already let the guest in while offline: after finding the ticket in its
     * list (`listed`), or provisionally after checking the KTP (`provisional`); a refusal
     * now is recorded as a door conflict for the organisers
     */
    offline: z.enum(["listed", "provisional"]).optional(),
  })
  .refine((v) => (v.ticket === undefined) !== (v.registration_id === undefined), { path: ["ticket"], error: key("validation.ticketOrPerson"), when: (p) => typeof p.value === "object" && p.value !== null })
  .openapi("Scan");

export const ScanAnswerSchema = z
  .object({
    status: z.enum(CHECKIN_STATUSES),
    message: z.string(),
    attendee: z.object({ name: z.string() }).optional(),
    /** for checked_in/checked_out: this scan; for already_checked_in: the admission in effect */
    at: z.string().optional(),
    gate: z.string().optional(),
    checkin_id: z.int().optional(),
    event: z.object({ slug: z.string(), name: z.string() }).optional(),
  })
  .openapi("ScanAnswer");

export type ScanInput = z.infer<typeof ScanSchema>;
export type ScanAnswer = z.infer<typeof ScanAnswerSchema>;

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(100)
    // D1's 50-byte LIKE pattern, after folding, escaping and UTF-8 (base/registration/search.ts)
    .refine(searchFits, { error: key("validation.searchTooLong") })
    .openapi({ param: { name: "q", in: "query" }, example: "maria", description: "part of the name or phone number (at most 48 bytes once lower-cased and escaped)" }),
});

export const AttendeeHitSchema = z
  .object({
    /** opaque: check the guest in with `registration_id`; no staff answer carries a ticket code */
    registration_id: z.int(),
    name: z.string(),
    phone: z.string(),
    inside: z.boolean(),
    revoked: z.boolean(),
  })
  .openapi("AttendeeHit");

/** The help desk's choice of a person: the opaque id a search row carries, in decimal digits only (no `1e3`, no `0x10`). */
export const HelpdeskChoiceSchema = z.object({
  registration_id: z
    .string({ error: key("helpdesk.badChoice") })
    .trim()
    .regex(/^[1-9][0-9]{0,14}$/, { error: key("helpdesk.badChoice") })
    .transform(Number),
});

export const DigestsQuery = z.object({
  since: z
    .string()
    .regex(/^\d{1,15}$/, { error: key("checkin.badCursor") })
    .optional()
    .openapi({ param: { name: "since", in: "query" }, description: "the `cursor` of the phone's last copy", example: "1024" }),
});

export const DigestsSchema = z
  .object({
    generated_at: z.string(),
    /** pass it back as `since` */
    cursor: z.string(),
    /** true: `digests` is the whole list, replacing any copy */
    full: z.boolean(),
    digests: z.array(z.string()),
    /** the holder's first name for each digest, in order */
    names: z.array(z.string()),
    /** digests of tickets revoked or erased since the cursor */
    removed: z.array(z.string()),
  })
  .openapi("TicketDigests");

export const ConflictSchema = z
  .object({
    id: z.int(),
    kind: z.enum(CONFLICT_KINDS),
    /** the phone admitted without the ticket in its list, after checking the KTP */
    provisional: z.boolean(),
    gate: z.string(),
    /** when the offline phone let the guest in, in the event's zone */
    scanned_at: z.string(),
    /** a double admission: the admission already in effect */
    other_gate: z.string().nullable(),
    other_at: z.string().nullable(),
    /** the holder's name; null for an unknown ticket or erased data */
    name: z.string().nullable(),
  })
  .openapi("DoorConflict");

export const PairingCreateSchema = z.object({ gate: z.string().overwrite(cleanLine).trim().min(1).max(60) }).openapi("PairingCreate");

export const IdParam = z.object({
  slug: z.string().min(1).max(100).openapi({ param: { name: "slug", in: "path" } }),
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" } }),
});

const rate = z.number().nullable();
const FunnelStage = z.object({
  registered: z.int(),
  agreed_to_contact: z.int(),
  contacted: z.int(),
  enrolled: z.int(),
  enrolled_sponsored: z.int(),
  rates: z.object({ agreed_to_contact: rate, contacted: rate, enrolled: rate, enrolled_sponsored: rate, overall: rate.openapi({ description: "enrolled ÷ registered" }) }),
});

export const StatsSchema = z
  .object({
    timezone: z.string(),
    registered: z.int(),
    checked_in: z.int(),
    inside_now: z.int(),
    contact_opt_ins: z.int(),
    enrolled: z.int(),
    per_gate: z.array(z.object({ gate: z.string(), admissions: z.int(), guests: z.int(), inside_now: z.int() })),
    per_hour: z.array(z.object({ hour: z.string(), signups: z.int(), admissions: z.int() })),
    per_booth: z.array(z.object({ code: z.string().nullable(), name: z.string().nullable(), signups: z.int(), visits: z.int() })),
    // the enrollment side: only for roles that may work leads (`leads.work`)
    funnel: FunnelStage.optional().openapi({ description: "registered → agreed to be contacted → contacted → enrolled → enrolled with sponsored cover; each rate is a share of the stage before. Only for roles with `leads.work`" }),
    funnel_by_booth: z.array(FunnelStage.extend({ code: z.string().nullable(), name: z.string().nullable() })).optional().openapi({ description: "by the booth where the person signed up (null: none). Only for roles with `leads.work`" }),
    funnel_by_regency: z.array(FunnelStage.extend({ regency: z.string() })).optional().openapi({ description: "Only for roles with `leads.work`" }),
    funnel_by_occupation: z.array(FunnelStage.extend({ occupation: z.string() })).optional().openapi({ description: "Only for roles with `leads.work`" }),
    programmes: z.array(
      z.object({
        id: z.int(),
        name: z.string(),
        sponsor: z.string(),
        quota: z.int(),
        allocated: z.int(),
        enrolled: z.int(),
        remaining: z.int(),
        target: z.int().nullable(),
        progress: z.number().nullable().openapi({ description: "enrolled ÷ target" }),
      }),
    )
      .optional()
      .openapi({ description: "the programmes open to the event's leads: sponsor, quota, places. Only for roles with `leads.work`" }),
  })
  .openapi("EventStats");
