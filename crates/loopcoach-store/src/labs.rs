//! Labs: the hidden answer keys (kept here, not in the lab folder) and graded attempts.

use rusqlite::{OptionalExtension, params};

use crate::practice::question_of;
use crate::{Result, SqliteStore, Tx, UserCardRow};

#[derive(Debug, Clone, PartialEq)]
pub struct LabRow {
    pub id: String,
    pub kind: String,
    /// The answer key as JSON (owned by `loopcoach-labs`).
    pub answer: String,
    pub dir: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LabAttempt {
    pub lab_id: String,
    pub answer: String,
    pub verdict: String,
    pub score: f64,
    pub at: String,
}

/// One graded attempt, for `lab history`.
#[derive(Debug, Clone, PartialEq)]
pub struct LabHistoryRow {
    pub id: i64,
    pub lab_id: String,
    pub kind: String,
    pub dir: String,
    pub answer: String,
    pub verdict: String,
    pub score: f64,
    pub at: String,
    /// The full grade as JSON (owned by `loopcoach-labs`), when it was kept.
    pub grade: Option<String>,
}

/// One piece of evidence asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct LabAsk {
    pub lab_id: String,
    /// The catalogue key asked for.
    pub what: String,
    pub at: String,
}

impl SqliteStore {
    /// Every graded attempt, oldest first; only those of `lab_id` when given.
    pub fn lab_history(&self, lab_id: Option<&str>) -> Result<Vec<LabHistoryRow>> {
        let mut st = self.conn().prepare(
            "SELECT a.id, a.lab_id, l.kind, l.dir, a.answer, a.verdict, a.score, a.at, g.grade
             FROM lab_attempts a JOIN labs l ON l.id = a.lab_id
             LEFT JOIN lab_attempt_grades g ON g.attempt_id = a.id
             WHERE ?1 IS NULL OR a.lab_id = ?1
             ORDER BY a.id",
        )?;
        let rows = st.query_map([lab_id], |r| {
            Ok(LabHistoryRow {
                id: r.get(0)?,
                lab_id: r.get(1)?,
                kind: r.get(2)?,
                dir: r.get(3)?,
                answer: r.get(4)?,
                verdict: r.get(5)?,
                score: r.get(6)?,
                at: r.get(7)?,
                grade: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every piece of evidence asked for, in every lab, oldest first, with the lab's kind and
    /// folder: `(ask, kind, dir)`.
    pub fn all_lab_asks(&self) -> Result<Vec<(LabAsk, String, String)>> {
        let mut st = self.conn().prepare(
            "SELECT a.lab_id, a.what, a.at, l.kind, l.dir FROM lab_asks a JOIN labs l ON l.id = a.lab_id
             ORDER BY a.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                LabAsk {
                    lab_id: r.get(0)?,
                    what: r.get(1)?,
                    at: r.get(2)?,
                },
                r.get(3)?,
                r.get(4)?,
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The evidence asked for in a lab, in order.
    pub fn lab_asks(&self, lab_id: &str) -> Result<Vec<LabAsk>> {
        let mut st = self
            .conn()
            .prepare("SELECT lab_id, what, at FROM lab_asks WHERE lab_id = ?1 ORDER BY id")?;
        let rows = st.query_map([lab_id], |r| {
            Ok(LabAsk {
                lab_id: r.get(0)?,
                what: r.get(1)?,
                at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn lab(&self, id: &str) -> Result<Option<LabRow>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, kind, answer, dir, created_at FROM labs WHERE id = ?1",
                [id],
                |r| {
                    Ok(LabRow {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        answer: r.get(2)?,
                        dir: r.get(3)?,
                        created_at: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Every lab, newest first (the web UI's lab list, issue 17).
    pub fn labs(&self) -> Result<Vec<LabRow>> {
        let mut st = self.conn().prepare(
            "SELECT id, kind, answer, dir, created_at FROM labs ORDER BY created_at DESC, id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(LabRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                answer: r.get(2)?,
                dir: r.get(3)?,
                created_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Labs whose latest graded attempt was not right (oldest lab first): the candidate's
    /// open troubleshooting gaps.
    pub fn unsolved_labs(&self) -> Result<Vec<String>> {
        let mut st = self.conn().prepare(
            "SELECT a.lab_id FROM lab_attempts a
             WHERE a.id = (SELECT max(b.id) FROM lab_attempts b WHERE b.lab_id = a.lab_id)
               AND a.verdict <> 'right'
             ORDER BY a.id",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn lab_attempts(&self, lab_id: &str) -> Result<Vec<LabAttempt>> {
        let mut st = self
            .conn()
            .prepare("SELECT lab_id, answer, verdict, score, at FROM lab_attempts WHERE lab_id = ?1 ORDER BY id")?;
        let rows = st.query_map([lab_id], |r| {
            Ok(LabAttempt {
                lab_id: r.get(0)?,
                answer: r.get(1)?,
                verdict: r.get(2)?,
                score: r.get(3)?,
                at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

impl Tx<'_> {
    pub fn save_lab(&self, lab: &LabRow) -> Result<()> {
        self.conn().execute(
            "INSERT INTO labs (id, kind, answer, dir, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET answer = excluded.answer, dir = excluded.dir",
            params![lab.id, lab.kind, lab.answer, lab.dir, lab.created_at],
        )?;
        Ok(())
    }

    pub fn record_lab_attempt(&self, a: &LabAttempt) -> Result<()> {
        self.conn().execute(
            "INSERT INTO lab_attempts (lab_id, answer, verdict, score, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![a.lab_id, a.answer, a.verdict, a.score, a.at],
        )?;
        Ok(())
    }

    /// Records an attempt with its full grade (JSON).
    pub fn record_lab_attempt_graded(&self, a: &LabAttempt, grade: &str) -> Result<()> {
        self.record_lab_attempt(a)?;
        let id = self.conn().last_insert_rowid();
        self.conn().execute(
            "INSERT INTO lab_attempt_grades (attempt_id, grade) VALUES (?1, ?2)",
            params![id, grade],
        )?;
        Ok(())
    }

    /// Records one piece of evidence asked for.
    pub fn record_lab_ask(&self, a: &LabAsk) -> Result<()> {
        self.conn().execute(
            "INSERT INTO lab_asks (lab_id, what, at) VALUES (?1, ?2, ?3)",
            params![a.lab_id, a.what, a.at],
        )?;
        Ok(())
    }

    /// Add one user card, or update its body if a card with that id is already in `card.deck`
    /// (unlike `replace_deck`, the deck's other cards stay). Its review state is untouched. A
    /// card with the same id in another deck is left alone; returns whether a row was written.
    pub fn upsert_user_card(&self, card: &UserCardRow, now: &str) -> Result<bool> {
        let n = self.conn().execute(
            concat!(
                "INSERT INTO user_cards (id, deck, kind, topic, principle, body, added_at, question_en, question_ko)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ",
                question_of!("?6", "en"),
                ", ",
                question_of!("?6", "ko"),
                ")
                 ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, topic = excluded.topic,
                   principle = excluded.principle, body = excluded.body,
                   question_en = excluded.question_en, question_ko = excluded.question_ko
                 WHERE user_cards.deck = excluded.deck"
            ),
            params![card.id, card.deck, card.kind, card.topic, card.principle, card.body, now],
        )?;
        Ok(n > 0)
    }

    /// Make a reviewed card due at `now` if it is scheduled later (a card with no state is
    /// new, hence due already). Its memory state and the review log are untouched.
    pub fn make_card_due(&self, card_id: &str, now: i64) -> Result<()> {
        self.conn().execute(
            "UPDATE card_state SET due = ?2 WHERE card_id = ?1 AND due > ?2",
            params![card_id, now],
        )?;
        Ok(())
    }
}
