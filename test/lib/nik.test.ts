import { describe, expect, it } from "vitest";
import { maskNik, parseNik } from "../../src/lib/nik";

const today = new Date("2026-11-26T00:00:00Z");

describe("parseNik", () => {
  it("reads area, birth date and sex", () => {
    expect(parseNik("5371011203900001", today)).toEqual({ province: "53", regency: "53.71", birthDate: "1990-03-12", sex: "male" });
  });

  it("adds 40 to the day for women", () => {
    expect(parseNik("5371015203900002", today)).toMatchObject({ birthDate: "1990-03-12", sex: "female" });
    expect(parseNik("5301017101050003", today)).toMatchObject({ birthDate: "2005-01-31", sex: "female" });
  });

  it("checks length and digits", () => {
    expect(parseNik("537101120390000", today)).toBe("format");
    expect(parseNik("53710112039000011", today)).toBe("format");
    expect(parseNik("53710112039O0001", today)).toBe("format");
    expect(parseNik("0071011203900001", today)).toBe("format");
  });

  it("checks that the date is real", () => {
    expect(parseNik("5371013102900001", today)).toBe("date"); // 31 February
    expect(parseNik("5371017202900001", today)).toBe("date"); // 32 February for a woman
    expect(parseNik("5371011213900001", today)).toBe("date"); // month 13
    expect(parseNik("5371010003900001", today)).toBe("date"); // day 0
    expect(parseNik("5371012902000001", today)).toMatchObject({ birthDate: "2000-02-29" }); // leap year
    expect(parseNik("5371012902010001", today)).toBe("date");
  });

  it("does not reject unknown district codes, and accepts spaces", () => {
    expect(parseNik("5399991203900001", today)).toMatchObject({ regency: "53.99" });
    expect(parseNik("5371 0112 0390 0001", today)).toMatchObject({ birthDate: "1990-03-12" });
  });

  it("masks all but the area and serial", () => {
    expect(maskNik("5371011203900001")).toBe("5371********0001");
  });
});
