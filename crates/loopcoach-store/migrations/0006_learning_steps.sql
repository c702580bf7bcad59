-- Issue 20: learning and relearning steps, and the answer typed in a drill.
-- Self-contained (IF NOT EXISTS) so it can be renumbered beside other migrations.
-- A card in learning or relearning has a row here (its phase and step); a card in review has
-- none. Read beside `card_state`, written in the same transaction as the review.
CREATE TABLE IF NOT EXISTS card_step (
    card_id TEXT PRIMARY KEY,
    phase   TEXT NOT NULL,
    step    INTEGER NOT NULL
);
-- The answer the candidate typed for a review (in a drill), and which key points it covered
-- (a JSON array of indexes into the card's key points in the drill's language).
CREATE TABLE IF NOT EXISTS review_answer (
    review_id INTEGER PRIMARY KEY REFERENCES review_log(id) ON DELETE CASCADE,
    answer    TEXT NOT NULL,
    covered   TEXT NOT NULL
);
