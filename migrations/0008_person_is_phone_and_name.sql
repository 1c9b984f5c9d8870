-- A person is a phone AND a folded name (issue #14): one phone may hold several people at one event
-- (a household). Every existing row was unique by (event_id, phone), so it is unique by (event_id,
-- phone, search_name) too: the new index is built first (no row changes, every ticket stays), then
-- the old one, which would refuse a household, is dropped. Rows, tickets and data are untouched.
CREATE UNIQUE INDEX `registrations_event_phone_name_unique` ON `registrations` (`event_id`,`phone`,`search_name`);--> statement-breakpoint
DROP INDEX `registrations_event_phone_unique`;
