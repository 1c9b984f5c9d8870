#!/usr/bin/env node
// `npm start`: migrate and seed the local D1 database, then serve the app with wrangler.
// Runs on the Node that the project brings (node_modules/.bin/node), offline.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const port = process.env.PORT || "8787";
const host = "127.0.0.1";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_UPDATE_NOTIFIER: "1" };
const wrangler = resolve(root, "node_modules/wrangler/bin/wrangler.js");

// `FAULT_RATE=0.3 npm start`: the same app with that share of D1 round trips failing (src/db/faults.ts), to see
// what people see when the database stumbles; the Worker refuses to serve a value that is not a rate in [0, 1]
const rate = process.env.FAULT_RATE;
if (rate && !(/^\s*\d*\.?\d+\s*$/.test(rate) && Number(rate) >= 0 && Number(rate) <= 1)) {
  process.stderr.write(`✗ FAULT_RATE must be a share of D1 round trips in [0, 1] (0.05 fails one in twenty), not "${rate}"\n`);
  process.exit(2);
}
const faults = rate ? ["--var", `D1_FAULT_RATE:${rate}`] : [];
if (faults.length) process.stdout.write(`• D1 faults injected: ${process.env.FAULT_RATE} of round trips fail\n`);

function step(label, args) {
  process.stdout.write(`• ${label}\n`);
  const r = spawnSync(process.execPath, [wrangler, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.stderr.write(`\n✗ ${label} failed (wrangler ${args.join(" ")})\n`);
    process.exit(r.status ?? 1);
  }
}

// secrets for local development: kept when present and strong, created when absent. The Worker refuses
// a secret shorter than 32 characters (src/base/context/secrets.ts), so a short one is replaced here.
const devVars = resolve(root, ".dev.vars");
const SECRETS = ["ADMIN_TOKEN", "DATA_KEY", "SESSION_SECRET"];
const MIN_LENGTH = 32;
const secret = () => randomBytes(32).toString("base64url");
if (!existsSync(devVars)) {
  writeFileSync(
    devVars,
    [
      "# local secrets, written by `npm start`; never commit this file",
      ...SECRETS.map((name) => `${name}=${secret()}`),
      "# plain http on 127.0.0.1, so session cookies cannot require https here",
      "SECURE_COOKIES=false",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  process.stdout.write(`• wrote ${devVars} with a new random ADMIN_TOKEN\n`);
} else {
  const lines = readFileSync(devVars, "utf8").split("\n");
  const changed = [];
  for (const name of SECRETS) {
    const i = lines.findIndex((l) => l.startsWith(`${name}=`));
    const value = i >= 0 ? lines[i].slice(name.length + 1).trim().replace(/^"(.*)"$/, "$1") : "";
    if (value.length >= MIN_LENGTH) continue;
    if (i >= 0) lines[i] = `${name}=${secret()}`;
    else lines.splice(lines.length - (lines.at(-1) === "" ? 1 : 0), 0, `${name}=${secret()}`);
    changed.push(name);
  }
  if (changed.length) {
    writeFileSync(devVars, lines.join("\n"), { mode: 0o600 });
    process.stdout.write(`• ${devVars}: new ${changed.join(", ")} (missing or shorter than ${MIN_LENGTH} characters)\n`);
  } else {
    process.stdout.write(`• using secrets from ${devVars}\n`);
  }
}

step("applying migrations to the local D1 database", ["d1", "migrations", "apply", "DB", "--local"]);
step("seeding the demo fair (idempotent)", ["d1", "execute", "DB", "--local", "--file", "seed/demo.sql"]);

// wrangler dev builds public/ first (the [build] command in wrangler.toml: scripts/build-assets.mjs)
const child = spawn(process.execPath, [wrangler, "dev", "--local", "--ip", host, "--port", port, "--show-interactive-dev-session=false", ...faults], {
  cwd: root,
  env,
  stdio: ["ignore", "inherit", "inherit"],
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));

const base = `http://${host}:${port}`;
for (let i = 0; i < 240; i++) {
  await new Promise((r) => setTimeout(r, 500));
  try {
    const res = await fetch(`${base}/healthz`);
    if (res.ok) {
      process.stdout.write(
        [
          "",
          "Ready: Festival Ekonomi Kreatif Kupang 2026 (demo)",
          `  signup at the BPJS booth  ${base}/e/fekk-2026/bpjs`,
          `  event signup              ${base}/e/fekk-2026`,
          `  staff pages               ${base}/staff  (log in with ADMIN_TOKEN from ${devVars})`,
          `  API                       ${base}/api/v1/openapi.json`,
          "",
        ].join("\n"),
      );
      break;
    }
  } catch {
    // not listening yet
  }
}
