//! Practice: FSRS card state, the review log, user-added cards and practice settings.
//!
//! The store keeps plain rows; the meaning (FSRS, the card JSON) belongs to
//! `loopcoach-practice`. Times are unix seconds so "due before now" is an index range scan.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use crate::{Result, SqliteStore, StoreError, Tx};

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

/// What listing a user card needs, read from its columns (the body is not read): `due` is
/// `None` for a card never reviewed.
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

/// `id, kind, topic, principle, question_en, question_ko, due` from column `at` on, as a head.
fn head_row_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<UserCardHead> {
    Ok(UserCardHead {
        id: r.get(at)?,
        kind: r.get(at + 1)?,
        topic: r.get(at + 2)?,
        principle: r.get(at + 3)?,
        question_en: r.get(at + 4)?,
        question_ko: r.get(at + 5)?,
        due: r.get(at + 6)?,
    })
}

fn head_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<UserCardHead> {
    head_row_at(r, 0)
}

/// A SQLite error as the caller's error type.
fn db<E: From<StoreError>>(e: rusqlite::Error) -> E {
    StoreError::from(e).into()
}

/// Which user cards a due listing takes (`None`: any), leaving out `except` (the ids of
/// cards another source already has: a built-in card hides a user card of the same id).
#[derive(Debug, Clone, Copy, Default)]
pub struct UserCardFilter<'a> {
    pub kind: Option<&'a str>,
    pub topic: Option<&'a str>,
    pub principle: Option<&'a str>,
    pub except: &'a [&'a str],
}

/// The user card `u` was never reviewed.
const NEVER_REVIEWED: &str = "NOT EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = u.id)";

/// `select` with `conditions` (whose `?1`, if any, is `now`) and those of `filter` on `u`
/// (the user card), then `order` and a `LIMIT`; and the values to bind. Only the filter's
/// conditions that are set go in, so with none the query can still be answered from an index
/// alone.
fn filtered(
    select: &str,
    conditions: &[&str],
    order: &str,
    now: Option<i64>,
    filter: &UserCardFilter<'_>,
    limit: Option<usize>,
) -> Result<(String, Vec<Value>)> {
    let mut values: Vec<Value> = now.map(Value::Integer).into_iter().collect();
    let mut conditions: Vec<String> = conditions.iter().map(|c| c.to_string()).collect();
    for (column, value) in [
        ("kind", filter.kind),
        ("topic", filter.topic),
        ("principle", filter.principle),
    ] {
        if let Some(v) = value {
            values.push(Value::Text(v.to_string()));
            conditions.push(format!("u.{column} = ?{}", values.len()));
        }
    }
    if !filter.except.is_empty() {
        let ids =
            serde_json::to_string(filter.except).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        values.push(Value::Text(ids));
        conditions.push(format!(
            "u.id NOT IN (SELECT value FROM json_each(?{}))",
            values.len()
        ));
    }
    let mut sql = String::from(select);
    if !conditions.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conditions.join(" AND "));
    }
    sql.push(' ');
    sql.push_str(order);
    if let Some(n) = limit {
        values.push(Value::Integer(i64::try_from(n).unwrap_or(i64::MAX)));
        sql.push_str(&format!(" LIMIT ?{}", values.len()));
    }
    Ok((sql, values))
}

/// Heads read back per query when streaming the overdue user cards.
const HEAD_CHUNK: usize = 256;

/// SQLite's page cache while streaming a listing, in KiB (the default is 2,000), and at least
/// this many pages: a listing walks three b-trees at once (the due index, the card states, a
/// user-card index), and a cache that cannot hold their paths rereads a page on every step
/// (with 64 KiB pages, 256 KiB is four pages: `due --json` on 10,000 cards took 0.3 s, nearly
/// all of it copying pages in).
const SCAN_CACHE_KIB: i64 = 256;
const SCAN_CACHE_PAGES: i64 = 12;

/// A card body's question in one language, for the `question_en`/`question_ko` columns
/// (`?N` is the body's parameter; a body that is not JSON gives an empty question).
macro_rules! question_of {
    ($body:literal, $lang:literal) => {
        concat!(
            "CASE WHEN json_valid(",
            $body,
            ") THEN coalesce(json_extract(",
            $body,
            ", '$.question.",
            $lang,
            "'), '') ELSE '' END"
        )
    };
}
pub(crate) use question_of;

const STATE_COLS: &str = "card_id, stability, difficulty, due, last_review, reps, lapses";

impl SqliteStore {
    /// The rows of `select` (a query ending in `… IN`) for every id in `ids`, asked in chunks
    /// of [`CHUNK`] bound parameters (order not kept).
    fn select_in<T>(
        &self,
        select: &str,
        ids: &[&str],
        mut row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            let mut st = self
                .conn()
                .prepare(&format!("{select} ({})", placeholders(chunk.len())))?;
            for r in st.query_map(rusqlite::params_from_iter(chunk), &mut row)? {
                out.push(r?);
            }
        }
        Ok(out)
    }

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
        self.select_in(
            &format!("SELECT {STATE_COLS} FROM card_state WHERE card_id IN"),
            ids,
            state_row,
        )
    }

    /// `(card_id, due)` of the `ids` that have been reviewed, reading only those two columns.
    pub fn dues_of(&self, ids: &[&str]) -> Result<Vec<(String, i64)>> {
        self.select_in(
            "SELECT card_id, due FROM card_state WHERE card_id IN",
            ids,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// `(card_id, due)` of every reviewed card (the statistics), two columns only.
    pub fn all_dues(&self) -> Result<Vec<(String, i64)>> {
        let mut st = self.conn().prepare("SELECT card_id, due FROM card_state")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The reviewed user cards due at or before `now` that `filter` takes, earliest first (ties
    /// by deck, then id), at most `limit`, handed to `each` one at a time until it returns
    /// `false`, so a long queue is never held in memory (`due` is always `Some`). Many cards
    /// can share a due time, and SQLite would hold every head of such a group to sort it, so
    /// it sorts only the keys (`due`, deck, id, from the `user_cards_deck_of` index; a filter
    /// on kind, topic or principle reads the rows too); the heads are then read a chunk at a
    /// time from the `user_cards_heads` index and handed out in that order.
    pub fn each_overdue_user_card<E: From<StoreError>>(
        &self,
        now: i64,
        filter: &UserCardFilter<'_>,
        limit: Option<usize>,
        mut each: impl FnMut(UserCardHead) -> std::result::Result<bool, E>,
    ) -> std::result::Result<(), E> {
        self.with_small_cache(|| {
            // The order: per chunk, a JSON array of [deck, id] pairs, and the due times.
            let mut chunks: Vec<String> = Vec::new();
            let mut dues: Vec<i64> = Vec::new();
            {
                let (sql, values) = filtered(
                    "SELECT u.deck, u.id, s.due
                     FROM card_state s JOIN user_cards u INDEXED BY user_cards_deck_of
                       ON u.id = s.card_id",
                    &["s.due <= ?1"],
                    "ORDER BY s.due, u.deck, u.id",
                    Some(now),
                    filter,
                    limit,
                )?;
                let mut st = self.conn().prepare_cached(&sql).map_err(db)?;
                let mut rows = st
                    .query(rusqlite::params_from_iter(values))
                    .map_err(db)?;
                while let Some(r) = rows.next().map_err(db)? {
                    let (deck, id): (String, String) =
                        (r.get(0).map_err(db)?, r.get(1).map_err(db)?);
                    let pair = serde_json::to_string(&(deck, id))
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    if dues.len().is_multiple_of(HEAD_CHUNK) {
                        chunks.push(String::from("["));
                    } else if let Some(c) = chunks.last_mut() {
                        c.push(',');
                    }
                    if let Some(c) = chunks.last_mut() {
                        c.push_str(&pair);
                    }
                    dues.push(r.get(2).map_err(db)?);
                }
            }
            // The heads, a chunk at a time, put back in that order.
            let mut st = self
                .conn()
                .prepare_cached(
                    "SELECT j.key, u.id, u.kind, u.topic, u.principle, u.question_en, u.question_ko, NULL
                     FROM json_each(?1) j JOIN user_cards u INDEXED BY user_cards_heads
                       ON u.deck = json_extract(j.value, '$[0]') AND u.id = json_extract(j.value, '$[1]')",
                )
                .map_err(db)?;
            let mut slots: Vec<Option<UserCardHead>> = Vec::with_capacity(HEAD_CHUNK);
            for (mut pairs, dues) in chunks.into_iter().zip(dues.chunks(HEAD_CHUNK)) {
                pairs.push(']');
                slots.clear();
                slots.resize(dues.len(), None);
                let mut rows = st.query([pairs]).map_err(db)?;
                while let Some(r) = rows.next().map_err(db)? {
                    let i: i64 = r.get(0).map_err(db)?;
                    if let Some(slot) = usize::try_from(i).ok().and_then(|i| slots.get_mut(i)) {
                        *slot = Some(head_row_at(r, 1).map_err(db)?);
                    }
                }
                // A card deleted between the two reads is left out.
                for (slot, due) in slots.drain(..).zip(dues) {
                    if let Some(mut h) = slot {
                        h.due = Some(*due);
                        if !each(h)? {
                            return Ok(());
                        }
                    }
                }
            }
            Ok(())
        })
    }

    /// The user cards never reviewed that `filter` takes, by deck then id (read from the
    /// `user_cards_heads` index alone), at most `limit`, handed to `each` one at a time until
    /// it returns `false` (`due` is `None`).
    pub fn each_new_user_card<E: From<StoreError>>(
        &self,
        filter: &UserCardFilter<'_>,
        limit: Option<usize>,
        mut each: impl FnMut(UserCardHead) -> std::result::Result<bool, E>,
    ) -> std::result::Result<(), E> {
        self.with_small_cache(|| {
            let (sql, values) = filtered(
                "SELECT u.id, u.kind, u.topic, u.principle, u.question_en, u.question_ko, NULL
                 FROM user_cards u",
                &[NEVER_REVIEWED],
                "ORDER BY u.deck, u.id",
                None,
                filter,
                limit,
            )?;
            let mut st = self.conn().prepare_cached(&sql).map_err(db)?;
            let mut rows = st.query(rusqlite::params_from_iter(values)).map_err(db)?;
            while let Some(r) = rows.next().map_err(db)? {
                if !each(head_row_at(r, 0).map_err(db)?)? {
                    break;
                }
            }
            Ok(())
        })
    }

    /// How many user cards `filter` takes are due at `now`, as `(overdue, new)`: what
    /// [`Self::each_overdue_user_card`] and [`Self::each_new_user_card`] would hand out, counted
    /// without reading a head (new ones are all the cards less the reviewed ones).
    pub fn count_due_user_cards(
        &self,
        now: i64,
        filter: &UserCardFilter<'_>,
    ) -> Result<(usize, usize)> {
        let (sql, values) = filtered(
            "SELECT count(*), coalesce(sum(s.due <= ?1), 0) FROM card_state s, user_cards u",
            &["u.id = s.card_id"],
            "",
            Some(now),
            filter,
            None,
        )?;
        let (reviewed, overdue): (i64, i64) = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(values), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let (sql, values) = filtered(
            "SELECT count(*) FROM user_cards u",
            &[],
            "",
            None,
            filter,
            None,
        )?;
        let all: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
        let n = |v: i64| usize::try_from(v).unwrap_or(0);
        Ok((n(overdue), n(all - reviewed)))
    }

    /// Run `f` with SQLite's page cache at [`SCAN_CACHE_KIB`] (or [`SCAN_CACHE_PAGES`]), then
    /// put the size back. A listing reads each page about once, so the default cache (2 MB)
    /// only adds to the memory a 10,000-card `due` needs without making it faster.
    fn with_small_cache<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let c = self.conn();
        let before: i64 = c
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .map_err(db)?;
        let page: i64 = c
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .map_err(db)?;
        let kib = SCAN_CACHE_KIB.max(SCAN_CACHE_PAGES * page / 1024);
        c.pragma_update(None, "cache_size", -kib).map_err(db)?;
        let out = f();
        c.pragma_update(None, "cache_size", before).map_err(db)?;
        out
    }

    /// The user cards due at `now` (never reviewed, or due at or before `now`), by deck then
    /// id, collected (the listing streams them with [`Self::each_overdue_user_card`] and
    /// [`Self::each_new_user_card`] instead).
    pub fn due_user_cards(&self, now: i64) -> Result<Vec<UserCardHead>> {
        let mut st = self.conn().prepare(
            "SELECT u.id, u.kind, u.topic, u.principle, u.question_en, u.question_ko, s.due
             FROM user_cards u LEFT JOIN card_state s ON s.card_id = u.id
             WHERE s.due IS NULL OR s.due <= ?1
             ORDER BY u.deck, u.id",
        )?;
        let rows = st.query_map([now], head_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Which of `ids` are user cards (order not kept).
    pub fn user_card_ids_among(&self, ids: &[&str]) -> Result<Vec<String>> {
        self.select_in("SELECT id FROM user_cards WHERE id IN", ids, |r| r.get(0))
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
        self.select_in(
            "SELECT id, deck, kind, topic, principle, body FROM user_cards WHERE id IN",
            ids,
            |r| {
                Ok(UserCardRow {
                    id: r.get(0)?,
                    deck: r.get(1)?,
                    kind: r.get(2)?,
                    topic: r.get(3)?,
                    principle: r.get(4)?,
                    body: r.get(5)?,
                })
            },
        )
    }

    /// Whether any notes file is imported (so there may be `mine` cards to build).
    pub fn has_documents(&self) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM documents)", [], |r| r.get(0))?)
    }

    /// The learning or relearning step of each card among `ids` that is in one, as
    /// `(card_id, phase, step)` (order not kept; a card in review has none).
    pub fn card_steps_of(&self, ids: &[&str]) -> Result<Vec<(String, String, i64)>> {
        self.select_in(
            "SELECT card_id, phase, step FROM card_step WHERE card_id IN",
            ids,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// The answers typed in drills for a card, oldest first, as `(at, answer, covered)`
    /// (`covered`: a JSON array of key-point indexes).
    pub fn review_answers(&self, card_id: &str) -> Result<Vec<(i64, String, String)>> {
        let mut st = self.conn().prepare(
            "SELECT l.at, a.answer, a.covered FROM review_answer a
             JOIN review_log l ON l.id = a.review_id
             WHERE l.card_id = ?1 ORDER BY l.at, l.id",
        )?;
        let rows = st.query_map([card_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// How many cards had their first review in `[from, to]` (unix seconds): the new cards
    /// already taken in on a day, counted against the day's limit.
    pub fn cards_first_reviewed_between(&self, from: i64, to: i64) -> Result<usize> {
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM (SELECT min(at) AS first FROM review_log GROUP BY card_id)
             WHERE first >= ?1 AND first <= ?2",
            )?
            .query_row(params![from, to], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
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

    /// Set a card's learning or relearning step (`None`: in review, the row goes).
    pub fn set_card_step(&self, card_id: &str, step: Option<(&str, i64)>) -> Result<()> {
        let c = self.conn();
        match step {
            Some((phase, n)) => {
                c.prepare_cached(
                    "INSERT INTO card_step (card_id, phase, step) VALUES (?1, ?2, ?3)
                     ON CONFLICT(card_id) DO UPDATE SET phase = excluded.phase, step = excluded.step",
                )?
                .execute(params![card_id, phase, n])?;
            }
            None => {
                c.prepare_cached("DELETE FROM card_step WHERE card_id = ?1")?
                    .execute([card_id])?;
            }
        }
        Ok(())
    }

    /// Keep the answer typed for the card's latest review (call it right after
    /// [`Self::record_review`], in the same transaction).
    pub fn record_answer(&self, card_id: &str, answer: &str, covered: &str) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO review_answer (review_id, answer, covered)
                 SELECT max(id), ?2, ?3 FROM review_log WHERE card_id = ?1",
            )?
            .execute(params![card_id, answer, covered])?;
        Ok(())
    }

    /// Replace a deck's cards with `cards` (adding a bank again updates it).
    pub fn replace_deck(&self, deck: &str, cards: &[UserCardRow], now: &str) -> Result<()> {
        let c = self.conn();
        c.execute("DELETE FROM user_cards WHERE deck = ?1", [deck])?;
        let mut st = c.prepare_cached(concat!(
            "INSERT INTO user_cards (id, deck, kind, topic, principle, body, added_at, question_en, question_ko)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ",
            question_of!("?6", "en"),
            ", ",
            question_of!("?6", "ko"),
            ")
             ON CONFLICT(id) DO UPDATE SET deck = excluded.deck, kind = excluded.kind, topic = excluded.topic,
               principle = excluded.principle, body = excluded.body, added_at = excluded.added_at,
               question_en = excluded.question_en, question_ko = excluded.question_ko",
        ))?;
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
