import { describe, expect, it } from "vitest";
import { maskPhone, normalizePhone, whatsappLink } from "../../src/lib/phone";

describe("normalizePhone", () => {
  it("turns every usual spelling into one E.164", () => {
    for (const s of ["0812-3456-7801", "+62 812 3456 7801", "6281234567801", "081234567801", " (0812) 3456.7801 ", "+62-812-3456-7801"]) {
      expect(normalizePhone(s), s).toBe("+6281234567801");
    }
  });

  it("accepts 9 to 12 digits after +62, starting with 8", () => {
    expect(normalizePhone("0812345678")).toBe("+62812345678"); // 9 digits
    expect(normalizePhone("0812345678901")).toBe("+62812345678901"); // 12 digits
    expect(normalizePhone("081234567")).toBeNull(); // 8 digits
    expect(normalizePhone("08123456789012")).toBeNull(); // 13 digits
  });

  it("refuses landlines, other countries and text", () => {
    for (const s of ["0380-123456", "+1 415 555 0100", "+6221 1234 5678", "halo", "", "08abc4567890", "+62 0812 3456 7801"]) {
      expect(normalizePhone(s), s).toBeNull();
    }
  });

  it("builds wa.me links and masks numbers", () => {
    expect(whatsappLink("+6281234567801")).toBe("https://wa.me/6281234567801");
    expect(whatsappLink("+6281234567801", "Halo Maria")).toBe("https://wa.me/6281234567801?text=Halo%20Maria");
    expect(maskPhone("+6281234567801")).toBe("0812-****-7801");
  });
});
