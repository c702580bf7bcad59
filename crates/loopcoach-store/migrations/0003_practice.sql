-- Practice: FSRS state per card, the review log, cards the user added (bank add, Anki import)
-- and practice settings (desired retention, fitted FSRS parameters). Times are unix seconds.
CREATE TABLE card_state (
    card_id     TEXT PRIMARY KEY,
    stability   REAL NOT NULL,
    difficulty  REAL NOT NULL,
    due         INTEGER NOT NULL,
    last_review INTEGER NOT NULL,
    reps        INTEGER NOT NULL,
    lapses      INTEGER NOT NULL
);
CREATE INDEX card_state_due ON card_state(due);

CREATE TABLE review_log (
    id             INTEGER PRIMARY KEY,
    card_id        TEXT NOT NULL,
    rating         INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    elapsed_days   INTEGER NOT NULL,
    scheduled_days INTEGER NOT NULL
);
CREATE INDEX review_log_card ON review_log(card_id, at);

-- Cards from user banks and imports; `body` is the card as JSON (owned by loopcoach-practice).
CREATE TABLE user_cards (
    id        TEXT PRIMARY KEY,
    deck      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    topic     TEXT,
    principle TEXT,
    body      TEXT NOT NULL,
    added_at  TEXT NOT NULL
);
CREATE INDEX user_cards_deck ON user_cards(deck);

CREATE TABLE practice_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
