/** The 17 official creative-economy subsectors, plus `other`. */
export const SUBSECTORS = {
  aplikasi: { id: "Aplikasi", en: "Apps" },
  pengembang_permainan: { id: "Pengembang permainan", en: "Game development" },
  arsitektur: { id: "Arsitektur", en: "Architecture" },
  desain_interior: { id: "Desain interior", en: "Interior design" },
  desain_komunikasi_visual: { id: "Desain komunikasi visual", en: "Visual communication design" },
  desain_produk: { id: "Desain produk", en: "Product design" },
  fesyen: { id: "Fesyen", en: "Fashion" },
  film_animasi_video: { id: "Film, animasi, dan video", en: "Film, animation and video" },
  fotografi: { id: "Fotografi", en: "Photography" },
  kriya: { id: "Kriya (kerajinan, tenun)", en: "Crafts (incl. weaving)" },
  kuliner: { id: "Kuliner", en: "Culinary" },
  musik: { id: "Musik", en: "Music" },
  penerbitan: { id: "Penerbitan", en: "Publishing" },
  periklanan: { id: "Periklanan", en: "Advertising" },
  seni_pertunjukan: { id: "Seni pertunjukan", en: "Performing arts" },
  seni_rupa: { id: "Seni rupa", en: "Fine arts" },
  televisi_radio: { id: "Televisi dan radio", en: "Television and radio" },
  other: { id: "Lainnya", en: "Other" },
} as const;

export type Subsector = keyof typeof SUBSECTORS;
export const SUBSECTOR_CODES = Object.keys(SUBSECTORS) as Subsector[];

export function subsectorName(code: string, lang: "id" | "en" = "id"): string {
  return (SUBSECTORS as Record<string, { id: string; en: string }>)[code]?.[lang] ?? code;
}
