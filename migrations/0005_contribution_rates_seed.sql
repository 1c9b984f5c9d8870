-- The known BPJS Ketenagakerjaan contribution figures for BPU (informal) workers, as data an admin can
-- change later (/staff/rates). Self-contained and safe to run twice: each row is added only when absent.
-- Sources (see the README, "Where the rates come from"):
--   PP 44/2015 (JKK, JKM) as amended, last by PP 49/2023: JKK 1% of the declared income band, JKM Rp 6,800 a month;
--   PP 46/2015 (JHT) as amended by PP 60/2015: JHT 2% for BPU;
--   Lampiran II PP 44/2015: the nominal income bands, the lowest Rp 1,000,000; BPJS's own article on PP 50/2025 names
--   the band Rp 1,100,000-1,299,999 with JKK Rp 12,000 (base Rp 1,200,000); the bands above follow its Rp 200,000 steps;
--   PP 50/2025: JKK and JKM halved, for contribution months April-December 2026 (BPU outside transport) and
--   January 2026-March 2027 (transport), not where APBN or APBD pays.
-- (D1 limits compound SELECTs, so the rows come from multi-row VALUES: column1, column2, ...)
INSERT INTO `contribution_rates` (`programme`, `kind`, `amount`, `valid_from`, `valid_to`, `source`)
SELECT r.column1, r.column2, r.column3, '2015-07-01', NULL, r.column4
FROM (VALUES
  ('jkk', 'percent', 100, 'PP 44/2015 (BPU: 1% of the declared income band), as amended by PP 49/2023'),
  ('jkm', 'flat', 6800, 'PP 44/2015 (BPU: Rp 6,800 a month), as amended by PP 49/2023'),
  ('jht', 'percent', 200, 'PP 46/2015 as amended by PP 60/2015 (BPU: 2% of the declared income band)')
) r
WHERE NOT EXISTS (SELECT 1 FROM `contribution_rates` c WHERE c.programme = r.column1 AND c.valid_from = '2015-07-01');
--> statement-breakpoint
INSERT INTO `income_bands` (`base`, `income_from`, `income_to`, `valid_from`, `valid_to`, `source`)
SELECT b.column1, b.column2, b.column3, '2015-07-01', NULL, b.column4
FROM (VALUES
  (1000000, 0, 1099999, 'Lampiran II PP 44/2015: the lowest band'),
  (1200000, 1100000, 1299999, 'Lampiran II PP 44/2015 (BPJS Ketenagakerjaan: Rp 1,100,000-1,299,999, JKK Rp 12,000)'),
  (1400000, 1300000, 1499999, 'Lampiran II PP 44/2015 (Rp 200,000 steps; check against the regulation)'),
  (1600000, 1500000, 1699999, 'Lampiran II PP 44/2015 (Rp 200,000 steps; check against the regulation)'),
  (1800000, 1700000, 1899999, 'Lampiran II PP 44/2015 (Rp 200,000 steps; check against the regulation)'),
  (2000000, 1900000, 2099999, 'Lampiran II PP 44/2015 (Rp 200,000 steps; check against the regulation)')
) b
WHERE NOT EXISTS (SELECT 1 FROM `income_bands` i WHERE i.base = b.column1 AND i.valid_from = '2015-07-01');
--> statement-breakpoint
INSERT INTO `contribution_discounts` (`name`, `source`, `valid_from`, `valid_to`, `sector`, `jkk_percent`, `jkm_percent`, `jht_percent`, `excluded_payers`)
SELECT d.column1, 'PP 50/2025 (Penyesuaian Iuran JKK dan JKM bagi Peserta Bukan Penerima Upah)', d.column2, d.column3, d.column4, 50, 50, 0, '["apbd","apbn"]'
FROM (VALUES
  ('PP 50/2025: BPU di luar sektor transportasi', '2026-04-01', '2026-12-31', 'non_transport'),
  ('PP 50/2025: BPU sektor transportasi', '2026-01-01', '2027-03-31', 'transport')
) d
WHERE NOT EXISTS (SELECT 1 FROM `contribution_discounts` x WHERE x.name = d.column1);
