/** What a D1 error means, read from its message (possibly wrapped by Drizzle, in `cause`). */

/** True when a D1 error (possibly wrapped by Drizzle) is a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(e.message)) return true;
  }
  return false;
}

/**
 * The D1 errors Cloudflare documents as passing (D1 › Observability › Debug D1, "List of D1_ERRORs"):
 * - `transient`: "Retry the operation" (a reset, a lost connection, a node out of reach); safe to try
 *   again at once, when the statement is idempotent;
 * - `overloaded`: the database is busy or was reset by a query that ran too long; trying again at once
 *   adds to the load, so the caller is told to come back later.
 * Order matters: "exceeded timeout which caused object to be reset" is `overloaded`, though it also
 * says "caused object to be reset".
 */
const FAULTS: readonly (readonly [RegExp, D1Fault])[] = [
  [/D1 DB is overloaded|exceeded timeout which caused object to be reset|exceeded its memory limit|exceeded its CPU time limit/, "overloaded"],
  [
    /Network connection lost|D1 DB storage caused object to be reset|D1 DB reset because its code was updated|D1 DB due to transient issue on remote node/,
    "transient",
  ],
];

export type D1Fault = "transient" | "overloaded";

/** The kind of passing fault a D1 error is, or null for any other error (a bad statement, a constraint: not the database stumbling). */
export function d1Fault(err: unknown): D1Fault | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    // Drizzle's wrapper quotes the statement and its values, which may hold any text a person typed
    if (e.message.startsWith("Failed query:")) continue;
    for (const [pattern, kind] of FAULTS) if (pattern.test(e.message)) return kind;
  }
  return null;
}

/** Seconds a person or a client should wait before trying again after a fault of this kind. */
export const retryAfterSeconds = (fault: D1Fault): number => (fault === "overloaded" ? 30 : 5);
