/**
 * Bytes the real local server sends for the attendee's pages (the budget is
 * 14 KB gzip and 30 KB raw each, asserted in test/signup/budget.test.ts).
 *
 *   node bench/page-sizes.ts
 */
import { gzipSync } from "node:zlib";
import { startLocalServer } from "../test/e2e/local-server.ts";

const server = await startLocalServer({ seed: true });
try {
  const base = server.url;
  const signup = await fetch(`${base}/e/fekk-2026/bpjs`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base },
    body: new URLSearchParams({ name: "Maria Goreti Bili", phone: "081234567801", regency: "53.71", occupation: "kriya", consent: "yes", contact_ok: "yes", interests: "jkk" }),
  });
  const ticket = signup.headers.get("location")!;
  const pages: [string, string, RequestInit?][] = [
    ["signup form (booth)", "/e/fekk-2026/bpjs"],
    ["signup form with errors (422)", "/e/fekk-2026/bpjs", { method: "POST", headers: { origin: base }, body: new URLSearchParams({ name: "Maria", phone: "0812" }) }],
    ["ticket page with inline QR", ticket],
    ["ticket page, another income band", `${ticket}?band=1200000`],
    ["  its script (/t/ticket.js)", "/t/ticket.js"],
    ["  its service worker (/t/sw.js)", "/t/sw.js"],
    ["ticket QR as PNG (on save)", `${ticket}/qr.png`],
    ["privacy notice", "/e/fekk-2026/privacy"],
    ["my data (rights)", `${ticket}/me`],
    ["my data as JSON (download)", `${ticket}/me.json`],
    ["correct my data (form)", `${ticket}/me/edit`],
    ["delete my data (confirmation)", `${ticket}/me/erase`],
  ];
  console.log("page".padEnd(34), "raw B".padStart(8), "gzip B".padStart(8));
  for (const [name, path, init] of pages) {
    const res = await fetch(`${base}${path}`, init);
    if (!res.ok && res.status !== 422) throw new Error(`${path}: ${res.status}`);
    const body = new Uint8Array(await res.arrayBuffer());
    console.log(name.padEnd(34), String(body.byteLength).padStart(8), String(gzipSync(body).byteLength).padStart(8));
  }
} finally {
  await server.stop();
}
