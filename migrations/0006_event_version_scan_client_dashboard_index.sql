ALTER TABLE `checkins` ADD `client_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_event_client_unique` ON `checkins` (`event_id`,`client_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `registrations_event_regency_idx` ON `registrations` (`event_id`,`regency`,`followup_status`,`contact_consent_at`,`erased_at`);