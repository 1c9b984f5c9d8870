import { describe, expect, it } from "vitest";
import { call, eventInput, makeBooth, makeEvent } from "../helpers";

describe("events API", () => {
  it("creates an event (201) with times shown in its zone and Asia/Makassar by default", async () => {
    const res = await call("/api/v1/events", { json: eventInput("ev-create", { starts_at: "2026-12-05T01:00:00Z" }) });
    expect(res.status).toBe(201);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      slug: "ev-create",
      timezone: "Asia/Makassar",
      starts_at: "2026-12-05T09:00:00+08:00",
      ends_at: "2026-12-06T21:00:00+08:00",
      signup_url: "https://fair.test/e/ev-create",
    });
  });

  it("refuses a duplicate slug with 409 and a clear message", async () => {
    await makeEvent("ev-dup");
    const res = await call("/api/v1/events", { json: eventInput("ev-dup") });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const body = await res.json<{ detail: string; errors: Record<string, string> }>();
    expect(body.detail).toContain("ev-dup");
    expect(body.errors.slug).toBeTruthy();
  });

  it("names each invalid field, in the caller's language", async () => {
    const res = await call("/api/v1/events", {
      json: { slug: "Bad Slug!", name: "", starts_at: "tomorrow", ends_at: "2026-12-06T21:00:00", timezone: "Mars/Base" },
      headers: { "accept-language": "en" },
    });
    expect(res.status).toBe(422);
    const body = await res.json<{ status: number; errors: Record<string, string> }>();
    expect(body.status).toBe(422);
    expect(Object.keys(body.errors).sort()).toEqual(["city", "ends_at", "name", "slug", "starts_at", "timezone", "venue"]);
    expect(body.errors.slug).toMatch(/lower-case/);
    expect(body.errors.timezone).toMatch(/Unknown time zone/);
    const id = await call("/api/v1/events", { json: { slug: "x" } });
    expect((await id.json<{ errors: Record<string, string> }>()).errors.name).toBe("Wajib diisi.");
  });

  it("refuses an end before the start, on create and on patch", async () => {
    const bad = await call("/api/v1/events", { json: eventInput("ev-order", { ends_at: "2026-12-04T09:00:00+08:00" }) });
    expect(bad.status).toBe(422);
    expect((await bad.json<{ errors: Record<string, string> }>()).errors.ends_at).toBeTruthy();
    await makeEvent("ev-order");
    const patch = await call("/api/v1/events/ev-order", { method: "PATCH", json: { ends_at: "2026-01-01T00:00:00+08:00" } });
    expect(patch.status).toBe(422);
  });

  it("changes only the fields a PATCH names (status and zone are not reset to their defaults)", async () => {
    await makeEvent("ev-partial", { status: "open", timezone: "Asia/Jayapura" });
    const res = await call("/api/v1/events/ev-partial", { method: "PATCH", json: { name: "Hanya nama" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Hanya nama", status: "open", timezone: "Asia/Jayapura" });
  });

  it("reports an end before the start together with the other problems", async () => {
    const res = await call("/api/v1/events", { json: eventInput("ev-all-errors", { name: "", ends_at: "2026-12-01T09:00:00+08:00" }) });
    expect(Object.keys((await res.json<{ errors: object }>()).errors).sort()).toEqual(["ends_at", "name"]);
  });

  it("rejects a body that is not JSON without a 500", async () => {
    const res = await call("/api/v1/events", { body: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    const form = await call("/api/v1/events", { body: "slug=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect([400, 415, 422]).toContain(form.status);
  });

  it("reads, lists and patches events", async () => {
    await makeEvent("ev-rw");
    const got = await call("/api/v1/events/ev-rw");
    expect(got.status).toBe(200);
    const list = await call("/api/v1/events");
    expect((await list.json<{ events: { slug: string }[] }>()).events.map((e) => e.slug)).toContain("ev-rw");
    const patch = await call("/api/v1/events/ev-rw", {
      method: "PATCH",
      json: { name: "Festival Baru", status: "closed", literacy: { id: "Teks", en: "Text" } },
    });
    expect(patch.status).toBe(200);
    expect(await patch.json()).toMatchObject({ name: "Festival Baru", status: "closed", literacy: { id: "Teks", en: "Text" } });
    expect((await call("/api/v1/events/nope")).status).toBe(404);
  });

  it("creates and lists booths; a duplicate code is 409", async () => {
    await makeEvent("ev-booth");
    const b = await makeBooth("ev-booth", "bpjs", "BPJS Ketenagakerjaan");
    expect(b.code).toBe("bpjs");
    const dup = await call("/api/v1/events/ev-booth/booths", { json: { code: "bpjs", name: "Again" } });
    expect(dup.status).toBe(409);
    const bad = await call("/api/v1/events/ev-booth/booths", { json: { code: "Not OK", name: "" } });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json<{ errors: object }>()).errors).sort()).toEqual(["code", "name"]);
    const list = await call("/api/v1/events/ev-booth/booths");
    const booths = (await list.json<{ booths: { code: string; signup_url: string }[] }>()).booths;
    expect(booths).toEqual([expect.objectContaining({ code: "bpjs", signup_url: "https://fair.test/e/ev-booth/bpjs" })]);
  });

  it("validates extra questions", async () => {
    const res = await call("/api/v1/events", {
      json: eventInput("ev-q", { questions: [{ key: "size", type: "single", label: { id: "Ukuran", en: "Size" } }] }),
    });
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json<{ errors: object }>()).errors)).toEqual(["questions.0.options"]);
  });
});
