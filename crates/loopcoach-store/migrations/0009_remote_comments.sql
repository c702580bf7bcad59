-- Comments pulled from a study-group server (issue 21): what peers and coaches wrote about the
-- stories this workspace shared. Keyed by server and remote comment id, so pulling again
-- updates rather than duplicates. Self-contained (IF NOT EXISTS) so it applies whatever number
-- it ends up with.
CREATE TABLE IF NOT EXISTS remote_comments (
    server     TEXT NOT NULL,
    remote_id  INTEGER NOT NULL,
    group_id   INTEGER NOT NULL,
    share_id   INTEGER NOT NULL,
    story_id   TEXT NOT NULL,
    part       TEXT NOT NULL,
    span_start INTEGER,
    span_end   INTEGER,
    body       TEXT NOT NULL,
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    pulled_at  TEXT NOT NULL,
    PRIMARY KEY (server, remote_id)
);
CREATE INDEX IF NOT EXISTS remote_comments_story ON remote_comments(story_id);
