-- Troubleshooting labs: the hidden answer key of each generated lab, and every graded attempt.
CREATE TABLE labs (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    answer     TEXT NOT NULL,
    dir        TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE lab_attempts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    lab_id     TEXT NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
    answer     TEXT NOT NULL,
    verdict    TEXT NOT NULL,
    score      REAL NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX lab_attempts_lab ON lab_attempts(lab_id);
