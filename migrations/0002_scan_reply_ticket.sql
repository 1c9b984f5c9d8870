ALTER TABLE `scan_replies` ADD `ticket_id` integer;--> statement-breakpoint
CREATE INDEX `scan_replies_ticket_idx` ON `scan_replies` (`ticket_id`);