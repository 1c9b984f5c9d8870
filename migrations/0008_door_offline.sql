CREATE TABLE `checkin_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`kind` text NOT NULL,
	`client_id` text NOT NULL,
	`ticket_id` integer,
	`provisional` integer DEFAULT false NOT NULL,
	`gate` text NOT NULL,
	`staff_id` integer,
	`scanned_at` integer NOT NULL,
	`other_gate` text,
	`other_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`resolved_at` integer,
	`resolved_by` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolved_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "checkin_conflicts_kind_check" CHECK("checkin_conflicts"."kind" in ('double_admission','unknown_ticket','revoked_ticket','wrong_event'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_conflicts_event_client_unique` ON `checkin_conflicts` (`event_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `checkin_conflicts_event_open_idx` ON `checkin_conflicts` (`event_id`,`resolved_at`,`created_at`);--> statement-breakpoint
ALTER TABLE `tickets` ADD `change_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `tickets_event_change_idx` ON `tickets` (`event_id`,`change_seq`);