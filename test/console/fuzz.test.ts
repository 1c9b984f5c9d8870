/** Generated input on every console form field: never a 5xx, and a refused form writes nothing. */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, makeEvent, staffPost, staffSession, type FormFields } from "../helpers";

let admin: string;
let n = 0;

/**
 * Property runs are sized for a shared two-core machine: every run is a few real
 * requests to workerd and D1, which take tens of milliseconds when idle and ten
 * times that while other suites run. The limit only catches a hang; it never
 * decides a result (fast-check runs its `numRuns` to the end, however long).
 */
const PROPERTY_TIMEOUT = 300_000;

beforeAll(async () => {
  admin = await staffSession();
  await makeEvent("fz-edit");
});

const anyValue = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
  fc.constantFrom("", " ", "\u0000", "yes", "new", "privacy", "Mars/Olympus", "2026-02-30T09:00", "2026-12-05T09:00", "9999-12-31T23:59", "0", "-1", "3651", "x".repeat(10_001), "<script>", "' OR 1=1 --", "a | b | c\n|\n||"),
);

const eventForm = (slug: string): FormFields => ({
  slug,
  name: "Festival",
  venue: "Taman Budaya",
  city: "Kupang",
  starts_at: "2026-12-05T09:00",
  ends_at: "2026-12-05T18:00",
  timezone: "Asia/Makassar",
  status: "draft",
  organiser: "",
  contact_email: "",
  "literacy.id": "",
  "literacy.en": "",
  notice_version: "1",
  retention_days: "365",
  "questions.0.label.id": "Ukuran",
  "questions.0.type": "single",
  "questions.0.options": "S\nM",
});

const EVENT_FIELDS = [...Object.keys(eventForm("x")), "privacy_notice.id", "questions.0.key", "questions.0.label.en", "questions.0.required", "questions.0.remove", "questions.19.label.id", "questions.19.type", "questions.20.label.id", "unknown"];

describe("console forms under generated input", () => {
  it("create: 303, 409 or 422, never a 5xx; only a 303 adds an event", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EVENT_FIELDS), anyValue, async (field, value) => {
        const before = await count("events");
        const res = await staffPost("/staff/events", admin, { ...eventForm(`fz-${++n}`), [field]: value });
        expect([303, 409, 422], `${field}=${JSON.stringify(value).slice(0, 80)}`).toContain(res.status);
        expect(await count("events")).toBe(res.status === 303 ? before + 1 : before);
      }),
      { numRuns: 120 },
    );
  }, PROPERTY_TIMEOUT);

  it("edit: 303 or 422, never a 5xx; a 422 leaves the event as it was", async () => {
    const row = () => env.DB.prepare("select * from events where slug = 'fz-edit'").first();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EVENT_FIELDS.filter((f) => f !== "slug")), anyValue, async (field, value) => {
        const before = await row();
        const res = await staffPost("/staff/events/fz-edit", admin, { ...eventForm("fz-edit"), [field]: value });
        expect([303, 422], `${field}=${JSON.stringify(value).slice(0, 80)}`).toContain(res.status);
        if (res.status === 422) expect(await row()).toEqual(before);
      }),
      { numRuns: 120 },
    );
  }, PROPERTY_TIMEOUT);

  it("booths and people: never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("name", "code", "exhibitor", "role", "scope", "events", "gate"), anyValue, async (field, value) => {
        const booth = await staffPost("/staff/events/fz-edit/booths", admin, { name: `Stan ${++n}`, [field]: value });
        expect([303, 409, 422]).toContain(booth.status);
        const person = await staffPost("/staff/people", admin, { name: "Relawan", role: "checkin", scope: "all", [field]: value });
        expect([201, 422]).toContain(person.status);
      }),
      { numRuns: 80 },
    );
  }, PROPERTY_TIMEOUT);

  it("refuses an oversized form before reading it", async () => {
    const before = await call("/api/v1/events/fz-edit").then((r) => r.text());
    const res = await staffPost("/staff/events/fz-edit", admin, { ...eventForm("fz-edit"), name: "Tidak tersimpan", "literacy.id": "x".repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(await call("/api/v1/events/fz-edit").then((r) => r.text())).toBe(before);
  });
});
