-- Mock interviews and analysed answers (issue 16): every session, answer, finding and score.
-- Self-contained (IF NOT EXISTS) so it applies whatever number it ends up with.
CREATE TABLE IF NOT EXISTS mock_sessions (
    id         TEXT PRIMARY KEY,
    round      TEXT NOT NULL,
    lang       TEXT NOT NULL,
    seed       INTEGER,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    outcome    TEXT
);

CREATE TABLE IF NOT EXISTS mock_answers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  TEXT NOT NULL REFERENCES mock_sessions(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    question_id TEXT,
    question    TEXT NOT NULL,
    principle   TEXT,
    topic       TEXT,
    answer      TEXT NOT NULL,
    score       INTEGER NOT NULL,
    analysis    TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mock_answers_session ON mock_answers(session_id);

CREATE TABLE IF NOT EXISTS mock_findings (
    answer_id INTEGER NOT NULL REFERENCES mock_answers(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    part      TEXT,
    message   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mock_findings_answer ON mock_findings(answer_id);
