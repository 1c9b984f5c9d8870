#!/usr/bin/env node
// `npm run check:layers`: the import rules of .dependency-cruiser.cjs, then no cycle between folders.
// dependency-cruiser judges module by module; a loop between two folders (src/base/auth -> src/base/events
// -> src/base/auth) can pass that while still tangling the layers, so the folder graph is checked here.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const cli = resolve(root, "node_modules/dependency-cruiser/bin/dependency-cruiser.mjs");
const roots = process.argv.slice(2).length ? process.argv.slice(2) : ["src", "client"].filter((d) => existsSync(resolve(root, d)));
const run = spawnSync(process.execPath, [cli, ...roots, "--config", ".dependency-cruiser.cjs", "--output-type", "json"], {
  cwd: root,
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
if (!run.stdout) {
  process.stderr.write(run.stderr);
  process.exit(2);
}
const result = JSON.parse(run.stdout);
let failed = false;

for (const v of result.summary.violations) {
  failed = true;
  console.error(`✗ ${v.rule.name}: ${v.from} → ${v.to}`);
}

// an inline type import (`import("../x").T`) is invisible to the parser: none is allowed, so none can hide an edge
for (const m of result.modules) {
  if (!/^(src|client)\/.*\.tsx?$/.test(m.source)) continue;
  const lines = readFileSync(resolve(root, m.source), "utf8").split("\n");
  lines.forEach((line, i) => {
    if (/\bimport\(\s*["'`]/.test(line)) {
      failed = true;
      console.error(`✗ no-inline-import: ${m.source}:${i + 1} (write a top-level import, so the layer rules can see it)`);
    }
  });
}

// the folder graph: an edge for every import that crosses folders
const edges = new Map();
for (const m of result.modules) {
  if (!/^(src|client)\//.test(m.source)) continue;
  for (const d of m.dependencies) {
    if (!/^(src|client)\//.test(d.resolved)) continue;
    const [a, b] = [dirname(m.source), dirname(d.resolved)];
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Map());
    const to = edges.get(a);
    if (!to.has(b)) to.set(b, `${m.source} → ${d.resolved}`);
  }
}
// strongly connected components (Tarjan): any with two folders or more is a cycle
let counter = 0;
const index = new Map(), low = new Map(), stack = [], on = new Set();
function visit(v) {
  index.set(v, counter); low.set(v, counter++); stack.push(v); on.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) !== index.get(v)) return;
  const scc = [];
  let w;
  do { w = stack.pop(); on.delete(w); scc.push(w); } while (w !== v);
  if (scc.length < 2) return;
  failed = true;
  console.error(`✗ folder cycle: ${scc.sort().join(", ")}`);
  for (const a of scc) for (const [b, via] of edges.get(a) ?? []) if (scc.includes(b)) console.error(`    ${a} → ${b} (${via})`);
}
for (const v of edges.keys()) if (!index.has(v)) visit(v);

const modules = result.modules.filter((m) => /^(src|client)\//.test(m.source)).length;
if (failed) {
  console.error(`layers: violations found among ${modules} modules (rules in .dependency-cruiser.cjs; see the README's Layout)`);
  process.exit(1);
}
console.log(`layers: ${modules} modules, ${result.summary.totalCruised - modules} external; no forbidden import, no cycle between folders`);
