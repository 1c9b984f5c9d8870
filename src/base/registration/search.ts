/**
 * Finding a person by what a volunteer or a desk worker types: a text that looks
 * like a phone number (three digits or more, and nothing but digits, spaces,
 * `+`, `-`, `.`, brackets) matches part of the phone; anything else matches part
 * of the name, case- and accent-insensitive ("nunez" finds "Ñúñez"). The door
 * and the leads desk both search with this, and every LIKE on people is built here.
 *
 * D1 refuses a LIKE pattern longer than 50 bytes (an error, not an empty
 * result), so a search is bounded by the pattern it makes: after folding,
 * escaping and UTF-8, with its `%` on both sides. A longer search is refused
 * with a message on `q` (422), never cut short without saying so.
 */
import { sql, type SQL } from "drizzle-orm";
import { registrations } from "../../db/schema";
import { escapeLike, foldForSearch } from "../../lib/search";
import { fieldError, invalid } from "../http/problem";

/** The longest LIKE pattern D1 accepts, in bytes. */
export const LIKE_PATTERN_MAX_BYTES = 50;

/** The LIKE pattern a search makes, and the column it is matched against. */
function pattern(query: string): { column: "phone" | "name"; like: string } {
  const digits = query.replace(/\D/g, "");
  if (digits.length >= 3 && /^[\d\s+().-]+$/.test(query)) {
    // the digits after +62 or a leading 0, as stored in E.164
    const national = digits.replace(/^(62|0)/, "");
    return { column: "phone", like: `%${escapeLike(national)}%` };
  }
  return { column: "name", like: `%${escapeLike(foldForSearch(query))}%` };
}

/** True when the pattern `query` makes fits D1's limit (schemas refine `q` with it). */
export function searchFits(query: string): boolean {
  return new TextEncoder().encode(pattern(query).like).length <= LIKE_PATTERN_MAX_BYTES;
}

/** The condition that finds people matching `query`; 422 on `q` when the search is too long for D1. */
export function personMatches(query: string): SQL {
  if (!searchFits(query)) throw invalid(fieldError("q", "validation.searchTooLong"));
  const p = pattern(query);
  return p.column === "phone"
    ? sql`${registrations.phone} like ${p.like} escape '\\'`
    : sql`${registrations.searchName} like ${p.like} escape '\\'`;
}
