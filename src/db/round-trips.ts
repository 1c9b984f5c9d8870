/**
 * One place to stand between the code and a D1 binding: every round trip (a
 * statement's `all`/`first`/`run`/`raw`, a `batch`) passes through `around`,
 * with the SQL it sends. The retry of reads (retry.ts) and the fault injection
 * of tests and benchmarks (faults.ts) are two such `around`s. Statements stay
 * the binding's own underneath: a batch hands D1 its real statements.
 */
/**
 * What Drizzle's D1 driver calls on its client: `prepare` and `batch`
 * (drizzle-orm/d1/session.js). D1 itself has them, and so does a D1 session
 * (`DB.withSession(…)`, read replication), which Drizzle's types do not
 * accept yet.
 */
export type D1Client = Pick<D1Database, "prepare" | "batch">;

/** What one round trip sends: its statements' SQL, and whether it only reads. */
export type RoundTrip = { sql: readonly string[]; readOnly: boolean };
export type Around = <T>(trip: RoundTrip, run: () => Promise<T>) => Promise<T>;

const WRITES = /\b(insert|update|delete|replace|create|drop|alter|pragma|vacuum|attach)\b/i;
/** A statement that cannot write: a plain SELECT (or WITH … SELECT) naming no writing keyword. */
export const readsOnly = (sql: string) => /^\s*(select|with)\b/i.test(sql) && !WRITES.test(sql);

const INNER = Symbol("d1 statement");
const SQL = Symbol("d1 statement's sql");
type Wrapped = D1PreparedStatement & { [INNER]: D1PreparedStatement; [SQL]: string };

function statement(inner: D1PreparedStatement, sql: string, around: Around): Wrapped {
  const trip: RoundTrip = { sql: [sql], readOnly: readsOnly(sql) };
  const s = {
    [INNER]: inner,
    [SQL]: sql,
    bind: (...values: unknown[]) => statement(inner.bind(...values), sql, around),
    first: (column?: string) => around(trip, () => (column === undefined ? inner.first() : inner.first(column))),
    all: () => around(trip, () => inner.all()),
    run: () => around(trip, () => inner.run()),
    raw: (options?: { columnNames?: boolean }) => around(trip, () => inner.raw(options as { columnNames: true })),
  };
  return s as unknown as Wrapped;
}

const innerOf = (s: D1PreparedStatement): D1PreparedStatement => (s as Partial<Wrapped>)[INNER] ?? s;
// a statement prepared on the bare binding is not ours: counted as a write, never retried
const sqlOf = (s: D1PreparedStatement): string => (s as Partial<Wrapped>)[SQL] ?? "";

/** A client (a binding or a session: what Drizzle calls) whose every round trip passes through `around`. */
export function client(d1: D1Client, around: Around): D1Client {
  return {
    prepare: (sql: string) => statement(d1.prepare(sql), sql, around),
    batch<T>(statements: D1PreparedStatement[]) {
      const sql = statements.map(sqlOf);
      const trip: RoundTrip = { sql, readOnly: sql.every((q) => q !== "" && readsOnly(q)) };
      return around(trip, () => d1.batch<T>(statements.map(innerOf)));
    },
  };
}

/** A binding (or a Sessions API session) whose every round trip passes through `around`. */
export function aroundRoundTrips(d1: D1Database, around: Around): D1Database {
  const base = client(d1, around);
  return {
    ...base,
    withSession: (constraint?: string) => {
      const session = d1.withSession(constraint as D1SessionConstraint);
      return { ...client(session, around), getBookmark: () => session.getBookmark() } as D1DatabaseSession;
    },
    exec: (query: string) => around({ sql: [query], readOnly: false }, () => d1.exec(query)),
    dump: () => d1.dump(),
  } as D1Database;
}
