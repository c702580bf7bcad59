-- Study together (issue 21): a group's own question banks drilled by every member with their
-- own FSRS state, peer mock interviews with written assessments, and the review log the
-- cohort dashboard reads streaks from. A shipped migration is never edited: add a new file.

-- A group's question bank: one file of the `bank` schema (docs/banks.md), kept as written and
-- as the cards it validated into.
CREATE TABLE group_banks (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    -- The bank's name in the group (a slug, its file name without `.toml`).
    name       TEXT NOT NULL,
    -- `behavioural` (a principle's bank) or `technical` (a topic's).
    kind       TEXT NOT NULL CHECK (kind IN ('behavioural', 'technical')),
    -- The principle or topic key.
    key        TEXT NOT NULL,
    source     TEXT NOT NULL,
    edited_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (group_id, name)
);

-- The cards of a bank, in the file's order (the card as loopcoach-practice reads it, as JSON).
CREATE TABLE bank_cards (
    bank_id  BIGINT NOT NULL REFERENCES group_banks (id) ON DELETE CASCADE,
    card_id  TEXT NOT NULL,
    position INTEGER NOT NULL,
    card     JSONB NOT NULL,
    PRIMARY KEY (bank_id, card_id)
);

-- One member's FSRS state of one card of a group bank. Every member has their own.
CREATE TABLE drill_states (
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    bank_id       BIGINT NOT NULL REFERENCES group_banks (id) ON DELETE CASCADE,
    card_id       TEXT NOT NULL,
    stability     REAL NOT NULL,
    difficulty    REAL NOT NULL,
    due           TIMESTAMPTZ NOT NULL,
    last_review   TIMESTAMPTZ NOT NULL,
    reps          INTEGER NOT NULL,
    lapses        INTEGER NOT NULL,
    interval_days INTEGER NOT NULL,
    phase         TEXT NOT NULL CHECK (phase IN ('learning', 'review', 'relearning')),
    step          INTEGER,
    PRIMARY KEY (user_id, bank_id, card_id)
);
-- "The next due card" reads a member's states by due time.
CREATE INDEX drill_states_due ON drill_states (user_id, due);

-- Every drill review, for streaks (days with a review) and history.
CREATE TABLE drill_reviews (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id    BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    bank_id     BIGINT NOT NULL REFERENCES group_banks (id) ON DELETE CASCADE,
    card_id     TEXT NOT NULL,
    rating      SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 4),
    reviewed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX drill_reviews_member ON drill_reviews (group_id, user_id, reviewed_at);

-- A peer mock interview: one member interviews another on chosen principles.
CREATE TABLE mocks (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id       BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    interviewer_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    candidate_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    principles     TEXT[] NOT NULL,
    -- The questions chosen when the mock was opened (cards as JSON, one or more a principle),
    -- so the interviewer's sheet does not change when a bank is edited later.
    questions      JSONB NOT NULL,
    scheduled_at   TIMESTAMPTZ,
    -- `inclined` or `not-inclined` once the interviewer has submitted the write-up.
    vote           TEXT CHECK (vote IN ('inclined', 'not-inclined')),
    summary        TEXT NOT NULL DEFAULT '',
    submitted_at   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (interviewer_id <> candidate_id)
);
CREATE INDEX mocks_candidate ON mocks (group_id, candidate_id);
CREATE INDEX mocks_interviewer ON mocks (interviewer_id);

-- The interviewer's written assessment of one principle of a mock.
CREATE TABLE mock_assessments (
    mock_id   BIGINT NOT NULL REFERENCES mocks (id) ON DELETE CASCADE,
    principle TEXT NOT NULL,
    -- 1 = far below the bar, 2 = below, 3 = meets it, 4 = raises it.
    score     SMALLINT CHECK (score BETWEEN 1 AND 4),
    body      TEXT NOT NULL,
    PRIMARY KEY (mock_id, principle)
);
