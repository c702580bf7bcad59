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
