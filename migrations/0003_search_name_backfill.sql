-- The door and the leads desk both search the folded name (search_name). Rows written before
-- migration 0001 added the column have none: give them their name in lower case (SQLite's lower()
-- folds ASCII letters only, and neither strips accents nor collapses inner spaces, so such a row is
-- found by its name as written until a correction or re-signup stores the fully folded form).
UPDATE `registrations` SET `search_name` = lower(trim(`name`)) WHERE `search_name` IS NULL AND `name` IS NOT NULL;
