/** Page budgets: every byte needed to show and submit the form, and to show the ticket, as the Worker serves them. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, makeBooth, makeEvent, postForm, validSignup } from "../helpers";

const KB = 1024;

async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function served(path: string): Promise<Uint8Array<ArrayBuffer>> {
  const res = await call(path, { token: null });
  expect(res.status, path).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** The page plus everything it loads (scripts, styles, images); ours inline all of it. */
async function pageBytes(path: string): Promise<{ raw: number; gzip: number; subresources: string[] }> {
  const res = await call(path, { token: null });
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const html = new TextDecoder().decode(bytes);
  const subresources = [...html.matchAll(/<(?:script|img|link|iframe)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  let raw = bytes.byteLength;
  let gzip = await gzipSize(bytes);
  for (const sub of subresources.filter((s) => s.startsWith("/"))) {
    // a static file (public/) is served before the Worker; anything else by the Worker itself
    const b = Object.hasOwn(env.TEST_STATIC, sub) ? new Uint8Array(await new Blob([env.TEST_STATIC[sub]!]).arrayBuffer()) : await served(sub);
    raw += b.byteLength;
    gzip += await gzipSize(b);
  }
  return { raw, gzip, subresources };
}

let code: string;
beforeAll(async () => {
  await makeEvent("bud", {
    // the heaviest ticket page: with the contribution calculator
    contribution_calculator: true,
    literacy: { id: "Pekerja kreatif mandiri bisa ikut BPJS Ketenagakerjaan. ".repeat(8), en: "Self-employed creative workers can join. ".repeat(8) },
  });
  await makeBooth("bud", "bpjs", "BPJS Ketenagakerjaan");
  code = codeFrom(await postForm("/e/bud/bpjs", validSignup({ name: "Yohanes Benyamin Tefa Manafe", phone: "081344440001" })));
});

describe("page budgets (14 KB compressed, 30 KB uncompressed)", () => {
  it("the signup form, with its error state", async () => {
    const page = await pageBytes("/e/bud/bpjs");
    expect(page.subresources).toEqual([]);
    expect(page.raw).toBeLessThanOrEqual(30 * KB);
    expect(page.gzip).toBeLessThanOrEqual(14 * KB);
    const bad = await postForm("/e/bud/bpjs", validSignup({ phone: "x", consent: "" }));
    const bytes = new Uint8Array(await bad.arrayBuffer());
    expect(bytes.byteLength).toBeLessThanOrEqual(30 * KB);
    expect(await gzipSize(bytes)).toBeLessThanOrEqual(14 * KB);
  });

  it("the ticket page with its QR, the contribution calculator, and the one small script that keeps it for offline use", async () => {
    const page = await pageBytes(`/t/${code}`);
    expect(page.subresources).toEqual(["/t/ticket.js"]);
    expect(await (await call(`/t/${code}`, { token: null })).text()).toContain('id="iuran"');
    expect(page.raw).toBeLessThanOrEqual(30 * KB);
    expect(page.gzip).toBeLessThanOrEqual(14 * KB);
  });
});
