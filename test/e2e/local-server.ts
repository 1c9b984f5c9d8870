/**
 * Starts the real app with `wrangler dev` on a free loopback port, against its
 * own fresh local D1 (migrated, not seeded): the server that browser tests and
 * load benchmarks talk to. Node-side only.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const wrangler = join(ROOT, "node_modules/wrangler/bin/wrangler.js");

export type LocalServer = {
  url: string;
  adminToken: string;
  /** where the local D1 and the other local state live (`--persist-to`; benchmarks read the database's size there) */
  state: string;
  /** the wrangler process; workerd runs as its descendant */
  pid: number;
  /** stops the server and removes its state, unless `keepState` (the caller then removes `state`) */
  stop: (opts?: { keepState?: boolean }) => Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
    srv.on("error", fail);
  });
}

/**
 * `root`: the checkout to serve (this one by default). `seed` loads the demo fair; `sql` (statements) and `sqlFiles` run on the fresh
 * database before the server starts (a running server holds the SQLite file,
 * so writing beside it fails with SQLITE_BUSY). Benchmarks use them.
 */
export async function startLocalServer(
  opts: { seed?: boolean; sql?: string[]; sqlFiles?: string[]; inspectorPort?: number; /** another wrangler config (benchmarks) */ config?: string; /** another checkout of the app (a benchmark's "before"), run with this one's tools */ root?: string; /** more vars for the Worker (a benchmark's D1_FAULT_RATE) */ vars?: Record<string, string> } = {},
): Promise<LocalServer> {
  const root = opts.root ?? ROOT;
  const state = mkdtempSync(join(tmpdir(), "kf-state-"));
  const port = await freePort();
  const adminToken = randomBytes(32).toString("base64url");
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_UPDATE_NOTIFIER: "1" };
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [wrangler, ...args, "--persist-to", state, ...(opts.config ? ["-c", opts.config] : [])], { cwd: root, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  };
  run(["d1", "migrations", "apply", "DB", "--local"]);
  if (opts.seed) run(["d1", "execute", "DB", "--local", "--file", "seed/demo.sql"]);
  for (const command of opts.sql ?? []) run(["d1", "execute", "DB", "--local", "--command", command]);
  for (const file of opts.sqlFiles ?? []) run(["d1", "execute", "DB", "--local", "--file", file]);

  const vars = {
    ADMIN_TOKEN: adminToken,
    DATA_KEY: randomBytes(32).toString("base64url"),
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    SECURE_COOKIES: "false",
    // contribution figures on a chosen day (`?on=`): tests never race the clock
    DATE_OVERRIDE: "allow",
    ...opts.vars,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [
      wrangler,
      "dev",
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      state,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
      // the CPU benchmark profiles the Worker through its inspector
      ...(opts.inspectorPort ? ["--inspector-port", String(opts.inspectorPort)] : []),
      ...(opts.config ? ["-c", opts.config] : []),
      ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ],
    { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
    // KF_SERVER_LOG=1 shows the server's warnings and errors while it runs
    if (process.env.KF_SERVER_LOG) process.stderr.write(d);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 240) throw new Error(`wrangler dev did not start in 60 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    adminToken,
    state,
    pid: child.pid!,
    stop: async (stopOpts = {}) => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      if (!stopOpts.keepState) rmSync(state, { recursive: true, force: true });
    },
  };
}
