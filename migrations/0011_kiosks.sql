CREATE TABLE `kiosk_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`kiosk_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`kiosk_id`) REFERENCES `kiosks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `kiosk_sessions_kiosk_idx` ON `kiosk_sessions` (`kiosk_id`);--> statement-breakpoint
CREATE TABLE `kiosks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`booth_id` integer NOT NULL,
	`secret_hash` text NOT NULL,
	`pairing_expires_at` integer NOT NULL,
	`paired_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	`result_registration_id` integer,
	`result_nonce_hash` text,
	`result_at` integer,
	`result_whatsapp` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`booth_id`) REFERENCES `booths`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`result_registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_secret_hash_unique` ON `kiosks` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `kiosks_event_idx` ON `kiosks` (`event_id`);