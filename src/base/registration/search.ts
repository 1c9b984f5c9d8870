/**
 * Finding a person by what a volunteer or a desk worker types: part of the name
 * (case- and accent-insensitive: "nunez" finds "Ñúñez") or, when the text holds
 * three digits or more, part of the phone number. The door and the leads desk
 * both search with this, and every LIKE on people is built here.
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

/** The LIKE patterns a search makes: the folded name, and the phone digits when there are three or more. */
function patterns(query: string): { name: string; phone: string | null } {
  const digits = query.replace(/\D/g, "");
  // the digits after +62 or a leading 0, as stored in E.164
  const national = digits.replace(/^(62|0)/, "");
  return { name: `%${escapeLike(foldForSearch(query))}%`, phone: digits.length >= 3 ? `%${escapeLike(national)}%` : null };
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** True when every pattern `query` makes fits D1's limit (schemas refine `q` with it). */
export function searchFits(query: string): boolean {
  const p = patterns(query);
  return utf8Length(p.name) <= LIKE_PATTERN_MAX_BYTES && (p.phone === null || utf8Length(p.phone) <= LIKE_PATTERN_MAX_BYTES);
}

/** The condition that finds people matching `query`; 422 on `q` when the search is too long for D1. */
export function personMatches(query: string): SQL {
  if (!searchFits(query)) throw invalid(fieldError("q", "validation.searchTooLong"));
  const p = patterns(query);
  const name = sql`${registrations.searchName} like ${p.name} escape '\\'`;
  if (p.phone === null) return name;
  return sql`(${registrations.phone} like ${p.phone} escape '\\' or ${name})`;
}
