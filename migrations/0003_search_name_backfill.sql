-- The door and the leads desk both search the folded name (search_name). Rows written before
-- migration 0001 added the column have none: give them lower case with single spaces (SQLite
-- cannot strip accents; a later correction or re-signup stores the fully folded form).
UPDATE `registrations` SET `search_name` = lower(trim(`name`)) WHERE `search_name` IS NULL AND `name` IS NOT NULL;
