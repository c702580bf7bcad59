-- A user card's question in its own columns (both languages), so listing due cards reads
-- plain columns instead of extracting the question out of each card's JSON body. The store
-- writes them with the body (`replace_deck`, `upsert_user_card`); existing rows are filled in
-- here. A body that is not valid JSON (never written by loopcoach) gets empty questions.
ALTER TABLE user_cards ADD COLUMN question_en TEXT NOT NULL DEFAULT '';
ALTER TABLE user_cards ADD COLUMN question_ko TEXT NOT NULL DEFAULT '';
UPDATE user_cards SET
    question_en = CASE WHEN json_valid(body)
        THEN coalesce(json_extract(body, '$.question.en'), '') ELSE '' END,
    question_ko = CASE WHEN json_valid(body)
        THEN coalesce(json_extract(body, '$.question.ko'), '') ELSE '' END;

-- The due listing reads user cards from these two indexes alone, never the bodies: the
-- never-reviewed ones in bank order (deck, then id) and the heads of reviewed ones by (deck,
-- id) from the first (which also serves `WHERE deck = ?`), the deck of a reviewed card (to
-- order cards due at the same time) from the second.
DROP INDEX user_cards_deck;
CREATE INDEX user_cards_heads ON user_cards(deck, id, kind, topic, principle, question_en, question_ko);
CREATE INDEX user_cards_deck_of ON user_cards(id, deck);
