-- Issue #14: the outbox (messages), the links sent to phones (ticket_links), and a person as phone + name.
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`registration_id` integer,
	`to` text NOT NULL,
	`kind` text NOT NULL,
	`lang` text NOT NULL,
	`text` text NOT NULL,
	`params` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`provider_message_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `messages_event_created_idx` ON `messages` (`event_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_registration_idx` ON `messages` (`registration_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_provider_id_unique` ON `messages` (`provider_message_id`);--> statement-breakpoint
CREATE TABLE `ticket_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`purpose` text DEFAULT 'ticket' NOT NULL,
	`new_phone` text,
	`secret_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ticket_links_purpose_check" CHECK("ticket_links"."purpose" in ('ticket','phone_change'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_links_secret_hash_unique` ON `ticket_links` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `ticket_links_registration_idx` ON `ticket_links` (`registration_id`);--> statement-breakpoint
-- A person is a phone AND a folded name (issue #14): one phone may hold several people at one event
-- (a household). Every existing row was unique by (event_id, phone), so it is unique by (event_id,
-- phone, search_name) too: the new index is built first (no row changes, every ticket stays), then
-- the old one, which would refuse a household, is dropped. Rows, tickets and data are untouched.
CREATE UNIQUE INDEX `registrations_event_phone_name_unique` ON `registrations` (`event_id`,`phone`,`search_name`);--> statement-breakpoint
DROP INDEX `registrations_event_phone_unique`;