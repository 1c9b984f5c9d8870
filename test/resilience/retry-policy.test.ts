/**
 * The retry policy and the fault injector: which D1 errors pass (by the messages
 * Cloudflare documents), how often and how long a transient one is retried, that
 * only reads are retried under every query, and that the injector fails the real
 * binding before or after the statement ran.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { D1_FAULTS, faultRate, withFaults, type FaultLog } from "../../src/db/faults";
import { backoff, retryIdempotent, retryReads } from "../../src/db/retry";
import { readsOnly } from "../../src/db/round-trips";
import { createDb } from "../../src/db/client";
import { d1Fault } from "../../src/lib/db-errors";

const noWait = { sleep: async () => {}, random: () => 0.5 };

describe("which D1 errors pass", () => {
  it("reads each documented message as transient or overloaded, through Drizzle's wrapper too", () => {
    for (const m of [D1_FAULTS.networkLost, D1_FAULTS.reset, D1_FAULTS.codeUpdated, "D1_ERROR: Internal error while starting up D1 DB storage caused object to be reset.", "D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node."]) {
      expect(d1Fault(new Error(m))).toBe("transient");
      expect(d1Fault(new Error("Failed query: select 1\nparams: ", { cause: new Error(m) }))).toBe("transient");
    }
    for (const m of [D1_FAULTS.overloaded, "D1_ERROR: D1 DB is overloaded. Requests queued for too long.", "D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset."]) {
      expect(d1Fault(new Error(m))).toBe("overloaded");
    }
  });

  it("never reads a bad statement, a constraint, or words a person typed (quoted by Drizzle) as a passing fault", () => {
    expect(d1Fault(new Error("D1_ERROR: UNIQUE constraint failed: registrations.phone"))).toBeNull();
    expect(d1Fault(new Error("D1_ERROR: near \"selec\": syntax error"))).toBeNull();
    expect(d1Fault(new Error("Failed query: insert into lead_history (note) values (?)\nparams: Network connection lost."))).toBeNull();
    expect(d1Fault("Network connection lost.")).toBeNull();
    // errors that are not D1's documented passing faults: a bug must not hide behind "the database stumbled"
    expect(d1Fault(new Error("internal error; reference = 4b1c3d2e"))).toBeNull();
    expect(d1Fault(new Error("Internal error"))).toBeNull();
    expect(d1Fault(new Error("Can't read from request stream because client disconnected."))).toBeNull();
  });
});

describe("retryIdempotent", () => {
  it("tries a transient fault again until it passes, within the attempts", async () => {
    let tries = 0;
    const waits: number[] = [];
    const result = await retryIdempotent(
      async () => {
        if (++tries < 3) throw new Error(D1_FAULTS.networkLost);
        return "ok";
      },
      { ...noWait, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe("ok");
    expect(tries).toBe(3);
    // full jitter at 0.5: half of 25 ms, then half of 50 ms
    expect(waits).toEqual([12, 25]);
  });

  it("gives up after its attempts and throws the fault", async () => {
    let tries = 0;
    const op = async () => {
      tries++;
      throw new Error(D1_FAULTS.reset);
    };
    await expect(retryIdempotent(op, { ...noWait, attempts: 4 })).rejects.toThrow(D1_FAULTS.reset);
    expect(tries).toBe(4);
  });

  it("never retries an overloaded database, a constraint or any other error", async () => {
    for (const message of [D1_FAULTS.overloaded, "D1_ERROR: UNIQUE constraint failed: x", "boom"]) {
      let tries = 0;
      await expect(
        retryIdempotent(async () => {
          tries++;
          throw new Error(message);
        }, noWait),
      ).rejects.toThrow(message);
      expect(tries).toBe(1);
    }
  });

  it("starts no retry past the request's budget", async () => {
    let tries = 0;
    const op = async () => {
      tries++;
      throw new Error(D1_FAULTS.networkLost);
    };
    // every wait is longer than the whole budget: the first fault is the last
    await expect(retryIdempotent(op, { random: () => 0.99, sleep: async () => {}, baseMs: 1000, capMs: 1000, budgetMs: 100 })).rejects.toThrow();
    expect(tries).toBe(1);
  });

  it("waits at most the cap, more each time, never the same for everyone (jitter)", () => {
    const p = { baseMs: 25, capMs: 400 };
    expect(backoff({ ...p, random: () => 0.999 }, 1)).toBe(24);
    expect(backoff({ ...p, random: () => 0.999 }, 3)).toBe(99);
    expect(backoff({ ...p, random: () => 0.999 }, 10)).toBe(399);
    expect(backoff({ ...p, random: () => 0 }, 5)).toBe(0);
  });
});

describe("under every query", () => {
  it("knows a read from a statement that may write", () => {
    expect(readsOnly('select "id" from "events" where "slug" = ?')).toBe(true);
    expect(readsOnly("with x as (select 1) select * from x")).toBe(true);
    expect(readsOnly('select "updated_at", "deleted" from "t"')).toBe(true);
    expect(readsOnly('insert into "registrations" select ?')).toBe(false);
    expect(readsOnly('update "tickets" set "change_seq" = ?')).toBe(false);
    expect(readsOnly("with x as (select 1) delete from t")).toBe(false);
  });

  it("retries a read that met a transient fault, and leaves a write to its caller", async () => {
    const log: FaultLog = { trips: [], failed: [] };
    const faulty = withFaults(env.DB, { failCalls: [1] }, log);
    const reading = createDb(faulty);
    const [row] = await reading.$client.prepare("select 41 + 1 as n").all<{ n: number }>().then((r) => r.results);
    expect(row).toEqual({ n: 42 });
    expect(log.failed).toEqual([1]);
    expect(log.trips).toHaveLength(2);

    const again = withFaults(env.DB, { failCalls: [1], message: D1_FAULTS.networkLost });
    const around = retryReads(noWait);
    await expect(around({ sql: ["insert into t values (1)"], readOnly: false }, () => again.prepare("select 1").run())).rejects.toThrow(D1_FAULTS.networkLost);
  });
});

describe("the fault injector", () => {
  it("fails before the call reaches D1 (nothing written) or after it ran (written, the answer lost)", async () => {
    await env.DB.prepare("create table if not exists fault_probe (n integer)").run();
    const before = withFaults(env.DB, { failCalls: [1], mode: "before" });
    await expect(before.prepare("insert into fault_probe values (1)").run()).rejects.toThrow(/Network connection lost|reset/);
    const after = withFaults(env.DB, { failCalls: [1], mode: "after", message: D1_FAULTS.networkLost });
    await expect(after.batch([after.prepare("insert into fault_probe values (2)"), after.prepare("insert into fault_probe values (3)")])).rejects.toThrow(D1_FAULTS.networkLost);
    const { results } = await env.DB.prepare("select n from fault_probe order by n").all<{ n: number }>();
    expect(results.map((r) => r.n)).toEqual([2, 3]);
  });

  it("reads a fault rate as a share in [0, 1], and says so when a setting is not one", () => {
    expect(faultRate("0.05")).toBe(0.05);
    expect(faultRate("0")).toBe(0);
    expect(faultRate("1")).toBe(1);
    for (const unset of [undefined, "", " "]) expect(faultRate(unset)).toBeNull();
    for (const bad of ["1.5", "-0.1", "lots", "5%", "NaN", "Infinity"]) expect(faultRate(bad)).toBe("invalid");
  });
});
