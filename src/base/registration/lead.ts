/** What makes a registration a lead: the separate contact opt-in, and not erased. */
import { and, isNotNull, isNull } from "drizzle-orm";
import { registrations } from "../../db/schema";

/** A lead is a registration with the contact opt-in, not erased. */
export const isLead = and(isNotNull(registrations.contactConsentAt), isNull(registrations.erasedAt))!;
