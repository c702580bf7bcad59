-- Readiness over time (issue 17's history chart): the workspace's readiness after each change
-- to the notes (import, sync, story edits from the CLI or the browser). A row is added only
-- when a number moved, so the table grows with the user's progress, not with their saves.
-- Self-contained (IF NOT EXISTS) so it applies whatever number it ends up with.
CREATE TABLE IF NOT EXISTS readiness_history (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    overall    INTEGER NOT NULL,
    principles REAL NOT NULL,
    stories    REAL NOT NULL,
    questions  REAL NOT NULL,
    penalty    REAL NOT NULL,
    covered    INTEGER NOT NULL,
    framework  INTEGER NOT NULL,
    story_count INTEGER NOT NULL,
    findings   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS readiness_history_at ON readiness_history(at);
