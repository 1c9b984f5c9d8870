CREATE TABLE `staff_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`staff_id` integer,
	`admin_fingerprint` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	CONSTRAINT "staff_sessions_owner_check" CHECK(("staff_sessions"."staff_id" is null) <> ("staff_sessions"."admin_fingerprint" is null))
);
--> statement-breakpoint
CREATE INDEX `staff_sessions_staff_idx` ON `staff_sessions` (`staff_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `signups_per_minute` integer DEFAULT 600 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `turnstile` integer DEFAULT false NOT NULL;