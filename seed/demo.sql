-- Demo fair for local development. Idempotent: running it again adds nothing.
INSERT INTO events (slug, name, venue, city, timezone, starts_at, ends_at, status, organiser, contact_email, literacy, privacy_notice, notice_version, questions, retention_days, contribution_calculator)
VALUES (
  'fekk-2026',
  'Festival Ekonomi Kreatif Kupang 2026',
  'Taman Budaya Gerson Poyk',
  'Kota Kupang',
  'Asia/Makassar',
  1796432400000, -- 2026-12-05 09:00 WITA
  1796562000000, -- 2026-12-06 21:00 WITA
  'open',
  'Panitia Festival Ekonomi Kreatif Kupang bersama BPJS Ketenagakerjaan Cabang Kupang',
  'privasi@fekk.example',
  json_object(
    'id', 'Pekerja kreatif mandiri (Bukan Penerima Upah) bisa ikut BPJS Ketenagakerjaan. JKK menanggung biaya perawatan tanpa batas jika celaka saat bekerja; JKM memberi santunan kepada keluarga. Iuran mulai Rp 16.800 per bulan (JKK 1% dari penghasilan yang dilaporkan, minimal Rp 1.000.000, ditambah JKM Rp 6.800). Tambah JHT 2% untuk tabungan hari tua: mulai Rp 36.800 per bulan. Tanyakan potongan iuran 2026 di stan BPJS.',
    'en', 'Self-employed creative workers (BPU) can join BPJS Ketenagakerjaan. JKK pays unlimited treatment costs after a work accident; JKM pays a benefit to the family. Contributions start at Rp 16,800 a month (JKK 1% of declared income, from Rp 1,000,000, plus JKM Rp 6,800). Add JHT at 2% for old-age savings: from Rp 36,800 a month. Ask at the BPJS booth about the 2026 contribution discount.'
  ),
  NULL,
  '2026-11',
  json_array(json_object(
    'key', 'experience', 'type', 'single', 'required', json('false'),
    'label', json_object('id', 'Sudah berapa lama Anda bekerja di bidang ini?', 'en', 'How long have you worked in this field?'),
    'options', json_array(
      json_object('value', 'lt1', 'label', json_object('id', 'Kurang dari 1 tahun', 'en', 'Less than 1 year')),
      json_object('value', '1to5', 'label', json_object('id', '1–5 tahun', 'en', '1–5 years')),
      json_object('value', 'gt5', 'label', json_object('id', 'Lebih dari 5 tahun', 'en', 'More than 5 years'))
    )
  )),
  365,
  1 -- the ticket page shows what cover costs (the contribution calculator)
)
ON CONFLICT (slug) DO NOTHING;

INSERT INTO booths (event_id, code, name, exhibitor)
SELECT e.id, b.code, b.name, b.exhibitor
FROM events e, (
  SELECT 'bpjs' AS code, 'BPJS Ketenagakerjaan' AS name, 'BPJS Ketenagakerjaan Cabang Kupang' AS exhibitor
  UNION ALL SELECT 'tenun-ikat', 'Tenun Ikat NTT', 'Kelompok Penenun Ina Ndao'
  UNION ALL SELECT 'musik-sasando', 'Musik Sasando', 'Sanggar Sasando Rote'
  UNION ALL SELECT 'kuliner-sei', 'Kuliner Se''i', 'UMKM Kuliner Kota Kupang'
  UNION ALL SELECT 'fotografi', 'Fotografi & Film', 'Komunitas Foto Kupang'
) b
WHERE e.slug = 'fekk-2026'
ON CONFLICT (event_id, code) DO NOTHING;

-- One sponsored-cover programme: the city pays the first 3 months of JKK + JKM for 500 workers of Kota Kupang and
-- Kabupaten Kupang who have no BPJS Ketenagakerjaan yet. It takes workers from 30 days before the first seeding to a
-- year after (days in WITA), so the demo works whenever it is started.
INSERT INTO programmes (event_id, name, sponsor, funder, months, quota, target, covers, eligible_regencies, eligible_occupations, require_bpjs_none, starts_on, ends_on)
SELECT e.id, 'Perlindungan Pekerja Kreatif Kota Kupang', 'Pemerintah Kota Kupang', 'apbd', 3, 500, 500, 'jkk_jkm', '["53.71","53.01"]', '[]', 1,
  date('now', '+8 hours', '-30 days'), date('now', '+8 hours', '+1 year')
FROM events e
WHERE e.slug = 'fekk-2026'
  AND NOT EXISTS (SELECT 1 FROM programmes p WHERE p.event_id = e.id AND p.name = 'Perlindungan Pekerja Kreatif Kota Kupang');
