/**
 * Finding a person by what a volunteer or a desk worker types: a text that looks
 * like a phone number (three digits or more, and nothing but digits, spaces,
 * `+`, `-`, `.`, brackets) matches part of the phone; anything else matches part
 * of the name, case- and accent-insensitive ("nunez" finds "Ñúñez"). The door
 * and the leads desk both search with this.
 */
import { sql, type SQL } from "drizzle-orm";
import { registrations } from "../../db/schema";
import { escapeLike, foldForSearch } from "../../lib/search";

export function personMatches(query: string): SQL {
  const digits = query.replace(/\D/g, "");
  if (digits.length >= 3 && /^[\d\s+().-]+$/.test(query)) {
    // the digits after +62 or a leading 0, as stored in E.164
    const national = digits.replace(/^(62|0)/, "");
    return sql`${registrations.phone} like ${`%${escapeLike(national)}%`} escape '\\'`;
  }
  return sql`${registrations.searchName} like ${`%${escapeLike(foldForSearch(query))}%`} escape '\\'`;
}
