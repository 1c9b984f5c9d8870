/** The form ⇄ API-input conversion alone (the pages' tests cover the wiring). */
import { describe, expect, it } from "vitest";
import { EventPatchSchema } from "../../src/base/events/events.schema";
import { changedFields, codeFromName, formToEventInput, keyFromLabel, parseOptions, placeQuestionErrors, questionRowCount } from "../../src/features/console/event-form.mapping";

describe("event form conversion", () => {
  it("makes codes and keys from what organisers type", () => {
    expect(keyFromLabel("Apakah Anda punya NPWP?")).toBe("apakah_anda_punya_npwp");
    expect(keyFromLabel("Kerajinan tangan (kriya) — é")).toBe("kerajinan_tangan_kriya_e");
    expect(keyFromLabel("2 anak")).toBe("q_2_anak");
    expect(keyFromLabel("???")).toBe("");
    expect(keyFromLabel("x".repeat(80))).toHaveLength(38);
    expect(codeFromName("Stan BPJS Ketenagakerjaan #1")).toBe("stan-bpjs-ketenagakerjaan-1");
    expect(codeFromName("Café Ñusa")).toBe("cafe-nusa");
  });

  it("reads one option per line in three forms", () => {
    expect(parseOptions("Tenun ikat\r\n\n  Kuliner | Culinary \nmusik|Musik|Music|extra")).toEqual([
      { value: "tenun-ikat", label: { id: "Tenun ikat", en: "Tenun ikat" } },
      { value: "kuliner", label: { id: "Kuliner", en: "Culinary" } },
      { value: "musik", label: { id: "Musik", en: "Music" } },
    ]);
  });

  it("skips blank and removed rows and puts errors back on the right row", () => {
    const { input, rows } = formToEventInput(
      {
        "questions.0.label.id": "",
        "questions.1.label.id": "Ukuran kaos",
        "questions.1.type": "single",
        "questions.2.label.id": "Dihapus",
        "questions.2.remove": "yes",
        "questions.3.label.id": "Catatan",
      },
      "Asia/Makassar",
      "edit",
    );
    expect((input.questions as { key: string }[]).map((q) => q.key)).toEqual(["ukuran_kaos", "catatan"]);
    expect(rows).toEqual([1, 3]);
    expect(placeQuestionErrors({ "questions.0.options": "a", "questions.1.options.0.value": "b", "questions.1.label.en": "c", name: "d" }, rows)).toEqual({
      "questions.1.options": "a",
      "questions.3.options": "b",
      "questions.3.label.en": "c",
      name: "d",
    });
  });

  it("offers the saved rows plus three blank ones, at most twenty", () => {
    expect(questionRowCount({})).toBe(3);
    expect(questionRowCount({ "questions.0.key": "a", "questions.1.key": "b" })).toBe(5);
    const many = Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`questions.${i}.key`, `k${i}`]));
    expect(questionRowCount(many)).toBe(20);
  });

  it("reads times in the form's zone, or a fallback while that zone is itself wrong", () => {
    expect(formToEventInput({ starts_at: "2026-12-05T09:00", timezone: "Asia/Jayapura" }, "Asia/Makassar", "edit").input.starts_at).toBe("2026-12-05T09:00:00+09:00");
    expect(formToEventInput({ starts_at: "2026-12-05T09:00", timezone: "Mars/Olympus" }, "Asia/Makassar", "edit").input.starts_at).toBe("2026-12-05T09:00:00+08:00");
    expect(formToEventInput({ starts_at: "besok" }, "Asia/Makassar", "edit").input.starts_at).toBe("besok");
  });

  it("keeps only real changes for the patch", () => {
    const saved = { name: "A", starts_at: "2026-12-05T09:00:00+08:00", literacy: null, questions: [] };
    const patch = EventPatchSchema.parse({ name: "A", starts_at: "2026-12-05T01:00:00Z", literacy: { id: "", en: "" }, questions: [], city: "Kupang" });
    expect(changedFields(patch, saved)).toEqual({ city: "Kupang" });
  });
});
