CREATE TABLE `contribution_discounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`sector` text DEFAULT 'all' NOT NULL,
	`jkk_percent` integer DEFAULT 0 NOT NULL,
	`jkm_percent` integer DEFAULT 0 NOT NULL,
	`jht_percent` integer DEFAULT 0 NOT NULL,
	`excluded_payers` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	CONSTRAINT "contribution_discounts_sector_check" CHECK("contribution_discounts"."sector" in ('non_transport','transport','all')),
	CONSTRAINT "contribution_discounts_percent_check" CHECK("contribution_discounts"."jkk_percent" between 0 and 100 and "contribution_discounts"."jkm_percent" between 0 and 100 and "contribution_discounts"."jht_percent" between 0 and 100),
	CONSTRAINT "contribution_discounts_dates_check" CHECK("contribution_discounts"."valid_to" >= "contribution_discounts"."valid_from")
);
--> statement-breakpoint
CREATE TABLE `contribution_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`source` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	CONSTRAINT "contribution_rates_programme_check" CHECK("contribution_rates"."programme" in ('jkk','jkm','jht')),
	CONSTRAINT "contribution_rates_kind_check" CHECK("contribution_rates"."kind" in ('percent','flat')),
	CONSTRAINT "contribution_rates_amount_check" CHECK("contribution_rates"."amount" >= 0),
	CONSTRAINT "contribution_rates_dates_check" CHECK("contribution_rates"."valid_to" is null or "contribution_rates"."valid_to" >= "contribution_rates"."valid_from")
);
--> statement-breakpoint
CREATE INDEX `contribution_rates_programme_idx` ON `contribution_rates` (`programme`,`valid_from`);--> statement-breakpoint
CREATE TABLE `income_bands` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`base` integer NOT NULL,
	`income_from` integer DEFAULT 0 NOT NULL,
	`income_to` integer,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`source` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	CONSTRAINT "income_bands_base_check" CHECK("income_bands"."base" > 0),
	CONSTRAINT "income_bands_dates_check" CHECK("income_bands"."valid_to" is null or "income_bands"."valid_to" >= "income_bands"."valid_from")
);
--> statement-breakpoint
CREATE INDEX `income_bands_base_idx` ON `income_bands` (`base`);--> statement-breakpoint
CREATE TABLE `allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`allocated_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`allocated_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocations_programme_registration_unique` ON `allocations` (`programme_id`,`registration_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `allocations_registration_unique` ON `allocations` (`registration_id`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`registration_id` integer PRIMARY KEY NOT NULL,
	`coverage` text NOT NULL,
	`income_base` integer NOT NULL,
	`enrolled_on` text NOT NULL,
	`programme_id` integer,
	`recorded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "enrollments_coverage_check" CHECK("enrollments"."coverage" in ('jkk_jkm','jkk_jkm_jht'))
);
--> statement-breakpoint
CREATE INDEX `enrollments_programme_idx` ON `enrollments` (`programme_id`);--> statement-breakpoint
CREATE TABLE `programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer,
	`name` text NOT NULL,
	`sponsor` text NOT NULL,
	`funder` text NOT NULL,
	`months` integer NOT NULL,
	`quota` integer NOT NULL,
	`target` integer,
	`covers` text DEFAULT 'jkk_jkm' NOT NULL,
	`eligible_regencies` text DEFAULT '[]' NOT NULL,
	`eligible_occupations` text DEFAULT '[]' NOT NULL,
	`require_bpjs_none` integer DEFAULT false NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "programmes_funder_check" CHECK("programmes"."funder" in ('apbd','apbn','csr','other')),
	CONSTRAINT "programmes_covers_check" CHECK("programmes"."covers" in ('jkk_jkm','jkk_jkm_jht')),
	CONSTRAINT "programmes_numbers_check" CHECK("programmes"."months" between 1 and 60 and "programmes"."quota" >= 1 and ("programmes"."target" is null or "programmes"."target" >= 1)),
	CONSTRAINT "programmes_dates_check" CHECK("programmes"."ends_on" >= "programmes"."starts_on")
);
--> statement-breakpoint
CREATE INDEX `programmes_event_idx` ON `programmes` (`event_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `contribution_calculator` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `registrations` ADD `guardian_name` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `guardian_consent_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `kpj_cipher` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `kpj_hash` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `kpj_masked` text;