/**
 * Events and their booths kept in this isolate's memory, so the signup form and
 * its submission need no D1 read for them. They change a few times a day; each
 * copy lives at most `EVENT_CACHE_MS`, and a change made through this isolate
 * drops it at once (`forgetEvent`). A change made through another isolate is
 * caught by the event's `version`: a signup writes only while the version it
 * judged by is still the event's (register.service), so a stale copy can show
 * an old name for a few seconds but never decides a signup.
 */
import type { Booth, Event } from "../../db/schema";

/** How long a copy may serve before it is read again. */
export const EVENT_CACHE_MS = 30_000;
// a bound on memory: past it the cache starts again empty
const MAX_EVENTS = 500;

type Entry = { event: Event; booths: Map<string, Booth>; at: number };
const bySlug = new Map<string, Entry>();

/** The cached event named `slug` (and booth `code`, when asked): undefined when absent, stale or the booth is not known yet. */
export function recallEvent(slug: string, boothCode?: string, now = Date.now()): { event: Event; booth?: Booth } | undefined {
  const entry = bySlug.get(slug);
  if (!entry || now - entry.at >= EVENT_CACHE_MS) return undefined;
  if (boothCode === undefined) return { event: entry.event };
  const booth = entry.booths.get(boothCode);
  return booth ? { event: entry.event, booth } : undefined;
}

/**
 * Keeps `event` (and `booth`) as just read from D1. Booths kept before stay only
 * while the version is the same (a booth change bumps it too).
 */
export function rememberEvent(event: Event, booth?: Booth, now = Date.now()): void {
  const old = bySlug.get(event.slug);
  const booths = old && old.event.version === event.version ? old.booths : new Map<string, Booth>();
  if (booth) booths.set(booth.code, booth);
  if (!old && bySlug.size >= MAX_EVENTS) bySlug.clear();
  bySlug.set(event.slug, { event, booths, at: now });
}

/** Drops the copy of an event (after a change to it or its booths, in this isolate). */
export function forgetEvent(slug: string): void {
  bySlug.delete(slug);
}
