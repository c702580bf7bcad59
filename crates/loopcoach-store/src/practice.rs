//! Practice: FSRS card state, the review log, user-added cards and practice settings.
//!
//! The store keeps plain rows; the meaning (FSRS, the card JSON) belongs to
//! `loopcoach-practice`. Times are unix seconds so "due before now" is an index range scan.

use rusqlite::{OptionalExtension, params};

use crate::{Result, SqliteStore, Tx};

/// A card's FSRS memory state and schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct CardStateRow {
    pub card_id: String,
    pub stability: f64,
    pub difficulty: f64,
    pub due: i64,
    pub last_review: i64,
    pub reps: i64,
    pub lapses: i64,
}

/// One review as it happened.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    pub card_id: String,
    /// 1 again, 2 hard, 3 good, 4 easy.
    pub rating: i64,
    pub at: i64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
}

/// A card the user added (from a bank file or an import).
#[derive(Debug, Clone, PartialEq)]
pub struct UserCardRow {
    pub id: String,
    pub deck: String,
    pub kind: String,
    pub topic: Option<String>,
    pub principle: Option<String>,
    /// The card as JSON.
    pub body: String,
}

/// What listing a user card needs, read from its columns (the question out of the JSON body
/// by SQLite, so the body is not decoded): `due` is `None` for a card never reviewed.
#[derive(Debug, Clone, PartialEq)]
pub struct UserCardHead {
    pub id: String,
    pub kind: String,
    pub topic: Option<String>,
    pub principle: Option<String>,
    /// `None` where not read (`user_card_heads`).
    pub question_en: Option<String>,
    pub question_ko: Option<String>,
    pub due: Option<i64>,
}

/// `?1, ?2, ...` for `n` parameters.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Ids per `IN (...)` query, under SQLite's parameter limit.
const CHUNK: usize = 500;

fn state_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CardStateRow> {
    Ok(CardStateRow {
        card_id: r.get(0)?,
        stability: r.get(1)?,
        difficulty: r.get(2)?,
        due: r.get(3)?,
        last_review: r.get(4)?,
        reps: r.get(5)?,
        lapses: r.get(6)?,
    })
}

const STATE_COLS: &str = "card_id, stability, difficulty, due, last_review, reps, lapses";

impl SqliteStore {
    pub fn card_state(&self, card_id: &str) -> Result<Option<CardStateRow>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {STATE_COLS} FROM card_state WHERE card_id = ?1"),
                [card_id],
                state_row,
            )
            .optional()?)
    }

    /// Every card's state.
    pub fn card_states(&self) -> Result<Vec<CardStateRow>> {
        let mut st = self
            .conn()
            .prepare(&format!("SELECT {STATE_COLS} FROM card_state"))?;
        let rows = st.query_map([], state_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Reviewed cards due at or before `now`, earliest first.
    pub fn due_states(&self, now: i64) -> Result<Vec<CardStateRow>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {STATE_COLS} FROM card_state WHERE due <= ?1 ORDER BY due"
        ))?;
        let rows = st.query_map([now], state_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The whole review log, by card then time.
    pub fn reviews(&self) -> Result<Vec<ReviewRow>> {
        let mut st = self.conn().prepare(
            "SELECT card_id, rating, at, elapsed_days, scheduled_days FROM review_log ORDER BY card_id, at, id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ReviewRow {
                card_id: r.get(0)?,
                rating: r.get(1)?,
                at: r.get(2)?,
                elapsed_days: r.get(3)?,
                scheduled_days: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every user-added card, by deck then id.
    pub fn user_cards(&self) -> Result<Vec<UserCardRow>> {
        let mut st = self.conn().prepare(
            "SELECT id, deck, kind, topic, principle, body FROM user_cards ORDER BY deck, id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(UserCardRow {
                id: r.get(0)?,
                deck: r.get(1)?,
                kind: r.get(2)?,
                topic: r.get(3)?,
                principle: r.get(4)?,
                body: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The states of `ids` that have been reviewed (by primary key; order not kept).
    pub fn card_states_of(&self, ids: &[&str]) -> Result<Vec<CardStateRow>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(CHUNK) {
            let mut st = self.conn().prepare(&format!(
                "SELECT {STATE_COLS} FROM card_state WHERE card_id IN ({})",
                placeholders(chunk.len())
            ))?;
            let rows = st.query_map(rusqlite::params_from_iter(chunk), state_row)?;
            for r in rows {
                out.push(r?);
            }
        }
        Ok(out)
    }

    /// `(card_id, due)` of the `ids` that have been reviewed, reading only those two columns.
    pub fn dues_of(&self, ids: &[&str]) -> Result<Vec<(String, i64)>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(CHUNK) {
            let mut st = self.conn().prepare(&format!(
                "SELECT card_id, due FROM card_state WHERE card_id IN ({})",
                placeholders(chunk.len())
            ))?;
            let rows = st.query_map(rusqlite::params_from_iter(chunk), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            for r in rows {
                out.push(r?);
            }
        }
        Ok(out)
    }

    /// `(card_id, due)` of every reviewed card (the statistics), two columns only.
    pub fn all_dues(&self) -> Result<Vec<(String, i64)>> {
        let mut st = self.conn().prepare("SELECT card_id, due FROM card_state")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The user cards due at `now` (never reviewed, or due at or before `now`), by deck then
    /// id, with the question read out of the body by SQLite.
    pub fn due_user_cards(&self, now: i64) -> Result<Vec<UserCardHead>> {
        let mut st = self.conn().prepare(
            "SELECT u.id, u.kind, u.topic, u.principle,
                    json_extract(u.body, '$.question.en'), json_extract(u.body, '$.question.ko'), s.due
             FROM user_cards u LEFT JOIN card_state s ON s.card_id = u.id
             WHERE s.due IS NULL OR s.due <= ?1
             ORDER BY u.deck, u.id",
        )?;
        let rows = st.query_map([now], |r| {
            Ok(UserCardHead {
                id: r.get(0)?,
                kind: r.get(1)?,
                topic: r.get(2)?,
                principle: r.get(3)?,
                question_en: r.get(4)?,
                question_ko: r.get(5)?,
                due: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every user card's id, kind, topic and principle (no body, no question), by deck then id.
    pub fn user_card_heads(&self) -> Result<Vec<UserCardHead>> {
        let mut st = self
            .conn()
            .prepare("SELECT id, kind, topic, principle FROM user_cards ORDER BY deck, id")?;
        let rows = st.query_map([], |r| {
            Ok(UserCardHead {
                id: r.get(0)?,
                kind: r.get(1)?,
                topic: r.get(2)?,
                principle: r.get(3)?,
                question_en: None,
                question_ko: None,
                due: None,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The user cards among `ids` (order not kept).
    pub fn user_cards_by_id(&self, ids: &[&str]) -> Result<Vec<UserCardRow>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(CHUNK) {
            let mut st = self.conn().prepare(&format!(
                "SELECT id, deck, kind, topic, principle, body FROM user_cards WHERE id IN ({})",
                placeholders(chunk.len())
            ))?;
            let rows = st.query_map(rusqlite::params_from_iter(chunk), |r| {
                Ok(UserCardRow {
                    id: r.get(0)?,
                    deck: r.get(1)?,
                    kind: r.get(2)?,
                    topic: r.get(3)?,
                    principle: r.get(4)?,
                    body: r.get(5)?,
                })
            })?;
            for r in rows {
                out.push(r?);
            }
        }
        Ok(out)
    }

    /// Whether any notes file is imported (so there may be `mine` cards to build).
    pub fn has_documents(&self) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM documents)", [], |r| r.get(0))?)
    }

    pub fn practice_setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT value FROM practice_settings WHERE key = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?)
    }
}

impl Tx<'_> {
    /// Append a review and set the card's new state.
    pub fn record_review(&self, review: &ReviewRow, state: &CardStateRow) -> Result<()> {
        let c = self.conn();
        c.prepare_cached(
            "INSERT INTO review_log (card_id, rating, at, elapsed_days, scheduled_days) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![review.card_id, review.rating, review.at, review.elapsed_days, review.scheduled_days])?;
        c.prepare_cached(
            "INSERT INTO card_state (card_id, stability, difficulty, due, last_review, reps, lapses)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(card_id) DO UPDATE SET stability = excluded.stability,
               difficulty = excluded.difficulty, due = excluded.due, last_review = excluded.last_review,
               reps = excluded.reps, lapses = excluded.lapses",
        )?
        .execute(params![
            state.card_id,
            state.stability,
            state.difficulty,
            state.due,
            state.last_review,
            state.reps,
            state.lapses
        ])?;
        Ok(())
    }

    /// Replace a deck's cards with `cards` (adding a bank again updates it).
    pub fn replace_deck(&self, deck: &str, cards: &[UserCardRow], now: &str) -> Result<()> {
        let c = self.conn();
        c.execute("DELETE FROM user_cards WHERE deck = ?1", [deck])?;
        let mut st = c.prepare_cached(
            "INSERT INTO user_cards (id, deck, kind, topic, principle, body, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(id) DO UPDATE SET deck = excluded.deck, kind = excluded.kind, topic = excluded.topic,
               principle = excluded.principle, body = excluded.body, added_at = excluded.added_at",
        )?;
        for card in cards {
            st.execute(params![
                card.id,
                deck,
                card.kind,
                card.topic,
                card.principle,
                card.body,
                now
            ])?;
        }
        Ok(())
    }

    pub fn set_practice_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO practice_settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}
