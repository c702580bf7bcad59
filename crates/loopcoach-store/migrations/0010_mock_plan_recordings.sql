-- Mock sessions run question by question in the web UI (issue 17): the questions a session
-- planned (its plan is fixed when it starts, whatever the answers change afterwards), and what
-- was measured from the recording of each answer (the WAV file itself is kept beside the
-- workspace). Self-contained (IF NOT EXISTS) so it applies whatever number it ends up with.
CREATE TABLE IF NOT EXISTS mock_plan (
    session_id  TEXT NOT NULL REFERENCES mock_sessions(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    card_id     TEXT NOT NULL,
    interviewer INTEGER NOT NULL,
    PRIMARY KEY (session_id, ordinal)
);

CREATE TABLE IF NOT EXISTS mock_recordings (
    session_id       TEXT NOT NULL REFERENCES mock_sessions(id) ON DELETE CASCADE,
    ordinal          INTEGER NOT NULL,
    file             TEXT NOT NULL,
    total_ms         INTEGER NOT NULL,
    talk_ms          INTEGER NOT NULL,
    longest_pause_ms INTEGER NOT NULL,
    long_pauses      INTEGER NOT NULL,
    -- The whole measurement as JSON (owned by `loopcoach-practice::speech`).
    measured         TEXT NOT NULL,
    at               TEXT NOT NULL,
    PRIMARY KEY (session_id, ordinal)
);
