-- Labs (issue #18): the evidence asked for in each lab (`lab ask`), and the full grade of each
-- attempt (the claims read, what was missing). Self-contained: safe to apply beside other steps.
CREATE TABLE IF NOT EXISTS lab_asks (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    lab_id  TEXT NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
    what    TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS lab_asks_lab ON lab_asks(lab_id);

CREATE TABLE IF NOT EXISTS lab_attempt_grades (
    attempt_id INTEGER PRIMARY KEY REFERENCES lab_attempts(id) ON DELETE CASCADE,
    grade      TEXT NOT NULL
);
