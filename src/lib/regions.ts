/** Regencies and cities of Nusa Tenggara Timur, Kemendagri codes (they match NIK prefixes). */
export const NTT_REGENCIES = {
  "53.01": "Kabupaten Kupang",
  "53.02": "Timor Tengah Selatan",
  "53.03": "Timor Tengah Utara",
  "53.04": "Belu",
  "53.05": "Alor",
  "53.06": "Flores Timur",
  "53.07": "Sikka",
  "53.08": "Ende",
  "53.09": "Ngada",
  "53.10": "Manggarai",
  "53.11": "Sumba Timur",
  "53.12": "Sumba Barat",
  "53.13": "Lembata",
  "53.14": "Rote Ndao",
  "53.15": "Manggarai Barat",
  "53.16": "Nagekeo",
  "53.17": "Sumba Tengah",
  "53.18": "Sumba Barat Daya",
  "53.19": "Manggarai Timur",
  "53.20": "Sabu Raijua",
  "53.21": "Malaka",
  "53.71": "Kota Kupang",
} as const;

export type RegencyCode = keyof typeof NTT_REGENCIES | "other";
export const REGENCY_CODES = [...(Object.keys(NTT_REGENCIES) as (keyof typeof NTT_REGENCIES)[]), "other"] as const;

export function regencyName(code: string, lang: "id" | "en" = "id"): string {
  if (code === "other") return lang === "id" ? "Luar NTT" : "Outside NTT";
  return (NTT_REGENCIES as Record<string, string>)[code] ?? code;
}
