CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`event_id` integer,
	`subject` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_event_at_idx` ON `audit_log` (`event_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`created_at`);--> statement-breakpoint
CREATE TABLE `booth_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`booth_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`booth_id`) REFERENCES `booths`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `booth_visits_registration_booth_unique` ON `booth_visits` (`registration_id`,`booth_id`);--> statement-breakpoint
CREATE INDEX `booth_visits_booth_idx` ON `booth_visits` (`booth_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `booths` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`exhibitor` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `booths_event_code_unique` ON `booths` (`event_id`,`code`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`direction` text NOT NULL,
	`gate` text NOT NULL,
	`staff_id` integer,
	`device` text,
	`scanned_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`undone_at` integer,
	`undone_by` integer,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`undone_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_ticket_seq_unique` ON `checkins` (`ticket_id`,`seq`);--> statement-breakpoint
CREATE INDEX `checkins_event_scanned_idx` ON `checkins` (`event_id`,`scanned_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`venue` text NOT NULL,
	`city` text NOT NULL,
	`timezone` text DEFAULT 'Asia/Makassar' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`organiser` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`literacy` text,
	`privacy_notice` text,
	`notice_version` text DEFAULT '1' NOT NULL,
	`questions` text DEFAULT '[]' NOT NULL,
	`retention_days` integer DEFAULT 365 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	CONSTRAINT "events_status_check" CHECK("events"."status" in ('draft','open','closed')),
	CONSTRAINT "events_dates_check" CHECK("events"."ends_at" > "events"."starts_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_slug_unique` ON `events` (`slug`);--> statement-breakpoint
CREATE TABLE `lead_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`staff_id` integer,
	`status` text,
	`note` text,
	`assignee_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `lead_history_registration_idx` ON `lead_history` (`registration_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`name` text,
	`phone` text,
	`email` text,
	`regency` text NOT NULL,
	`occupation` text NOT NULL,
	`occupation_other` text,
	`nik_cipher` text,
	`nik_hash` text,
	`nik_masked` text,
	`birth_date` text,
	`bpjs_status` text DEFAULT 'unknown' NOT NULL,
	`interests` text DEFAULT '[]' NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`lang` text DEFAULT 'id' NOT NULL,
	`first_booth_id` integer,
	`consent_at` integer NOT NULL,
	`consent_purposes` text NOT NULL,
	`notice_version` text NOT NULL,
	`contact_consent_at` integer,
	`followup_status` text DEFAULT 'new' NOT NULL,
	`assignee_id` integer,
	`last_note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`erased_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`first_booth_id`) REFERENCES `booths`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assignee_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_event_phone_unique` ON `registrations` (`event_id`,`phone`);--> statement-breakpoint
CREATE INDEX `registrations_event_created_idx` ON `registrations` (`event_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `registrations_nik_hash_idx` ON `registrations` (`nik_hash`);--> statement-breakpoint
CREATE TABLE `scan_replies` (
	`event_id` integer NOT NULL,
	`client_id` text NOT NULL,
	`http_status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`event_id`, `client_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`all_events` integer DEFAULT false NOT NULL,
	`token_hash` text NOT NULL,
	`gate` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	CONSTRAINT "staff_role_check" CHECK("staff"."role" in ('admin','organiser','checkin','enrollment'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_token_hash_unique` ON `staff` (`token_hash`);--> statement-breakpoint
CREATE TABLE `staff_events` (
	`staff_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	PRIMARY KEY(`staff_id`, `event_id`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_events_event_idx` ON `staff_events` (`event_id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`code` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_registration_id_unique` ON `tickets` (`registration_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_code_unique` ON `tickets` (`code`);--> statement-breakpoint
CREATE INDEX `tickets_event_idx` ON `tickets` (`event_id`);