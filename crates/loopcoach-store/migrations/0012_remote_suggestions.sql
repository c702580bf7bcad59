-- Suggested edits pulled with comments (issue 21): the replacement, what it replaces as the
-- share held it then, and when the owner accepted it into their notes.
ALTER TABLE remote_comments ADD COLUMN suggestion TEXT;
ALTER TABLE remote_comments ADD COLUMN quote TEXT;
ALTER TABLE remote_comments ADD COLUMN accepted_at TEXT;
