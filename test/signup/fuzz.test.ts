/** Generated bad input on every field: never a 5xx, never a stored row. */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizePhone } from "../../src/lib/phone";
import { count, makeEvent, postForm, validSignup, type FormFields } from "../helpers";

let n = 0;

/**
 * Property runs are sized for a shared two-core machine: every run is a real
 * signup post and two counts in workerd and D1, tens of milliseconds when idle,
 * ten times that while other suites run. The limit only catches a hang; it never
 * decides a result (fast-check runs its `numRuns` to the end, however long).
 */
const PROPERTY_TIMEOUT = 300_000;
/** a fresh phone and client address per request, so dedupe and the rate limit stay out of the way */
const fresh = () => {
  n++;
  return { phone: `0813${String(500000 + n).padStart(8, "0")}`, ip: `198.51.${Math.floor(n / 250)}.${n % 250}` };
};

beforeAll(async () => {
  await makeEvent("fzz", {
    questions: [
      { key: "size", type: "single", required: true, label: { id: "Ukuran", en: "Size" }, options: [{ value: "s", label: { id: "S", en: "S" } }] },
      { key: "tools", type: "multi", required: false, label: { id: "Alat", en: "Tools" }, options: [{ value: "hp", label: { id: "HP", en: "Phone" } }] },
    ],
  });
});

/** A valid form with a fresh phone, then `field` set to `value`. */
async function submit(field: string, value: string | string[]) {
  const f = fresh();
  const fields: FormFields = { ...validSignup({ size: "s" }), phone: f.phone, [field]: value };
  return postForm("/e/fzz", fields, { "cf-connecting-ip": f.ip });
}

const anyValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }),
  fc.constantFrom("", " ", "\u0000", "yes", "no", "other", "53.71", "0812-3456-7801", "x".repeat(5000), "<script>", "' OR 1=1 --"),
);

/** Values each field must refuse. */
const badValues: Record<string, fc.Arbitrary<string | string[]>> = {
  name: fc.constantFrom("", "   ", "x".repeat(101)),
  phone: fc.oneof(
    fc.stringMatching(/^0?8\d{0,7}$/),
    fc.stringMatching(/^08\d{12,16}$/),
    fc.stringMatching(/^[a-z ]{1,20}$/),
    fc.stringMatching(/^\+(1|44|61)\d{9,11}$/),
  ),
  email: fc.stringMatching(/^[a-z0-9.]{1,20}$/),
  regency: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !/^53\.(0[1-9]|1\d|2[01]|71)$|^other$/.test(s.trim())),
  occupation: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/^[a-z_]+$/.test(s)),
  nik: fc.oneof(fc.stringMatching(/^\d{1,15}$/), fc.stringMatching(/^\d{17,20}$/), fc.stringMatching(/^\d{8}(1[3-9]|[2-9]\d)\d{6}$/)),
  birth_date: fc.oneof(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom("2099-01-01", "2001-02-30", "12-03-1990")),
  bpjs_status: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !["none", "active", "inactive", "unknown"].includes(s) && s.trim() !== ""),
  interests: fc.array(fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !["jkk", "jkm", "jht"].includes(s)), { minLength: 1, maxLength: 3 }),
  consent: fc.constantFrom("", "no", "true", "1", "YES"),
  size: fc.string({ maxLength: 5 }).filter((s) => s !== "s"),
  tools: fc.array(fc.string({ minLength: 1, maxLength: 5 }).filter((s) => s !== "hp"), { minLength: 1, maxLength: 2 }),
};

describe("generated bad input", () => {
  for (const [field, bad] of Object.entries(badValues)) {
    it(`refuses bad ${field} with 422 and stores nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(bad, async (value) => {
          const before = await count("registrations");
          const res = await submit(field, value);
          expect(res.status).toBe(422);
          expect(await res.text()).toContain(`id="${field}-err"`);
          expect(await count("registrations")).toBe(before);
        }),
        { numRuns: 20 },
      );
    }, PROPERTY_TIMEOUT);
  }

  it("any value in any field gives 303 or 422, never a 5xx, and a 422 stores nothing", async () => {
    const fields = [...Object.keys(badValues), "occupation_other", "contact_ok", "lang", "unknown_field"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), anyValue, async (field, value) => {
        const before = await count("registrations");
        // a valid phone drawn twice is the same person signing up again: the same registration, updated (the contract)
        const e164 = field === "phone" && typeof value === "string" ? normalizePhone(value) : null;
        const again = e164 ? (await count("registrations", "phone = ?", e164)) > 0 : false;
        const res = await submit(field, value);
        expect([303, 422]).toContain(res.status);
        expect(await count("registrations")).toBe(res.status === 303 && !again ? before + 1 : before);
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT);
});
