//! The PostgreSQL side of studying together (`migrations/0003_study.sql`): group banks and
//! their cards, every member's FSRS state and review log, peer mocks and their assessments,
//! and the cohort snapshot. [`crate::Postgres`] calls these; each write is one transaction.
//!
//! Cards and mock questions are JSON (bound as text and cast, read back as text), times are
//! bound and read as unix seconds, so no sqlx type feature beyond the defaults is needed.

use loopcoach_practice::{Card, CardKind, CardState, Phase};
use sqlx::postgres::{PgPool, PgRow};
use sqlx::{Postgres as Pg, Row, Transaction};
use time::{Date, OffsetDateTime};

use crate::error::DbError;
use crate::model::{Role, StoryBody};
use crate::storage::{BankEdit, MockToOpen, Schedule, Stored, User};
use crate::study::banks::{BankSummary, BankView, ValidBank};
use crate::study::dashboard::CohortMember;
use crate::study::debrief::{MockHead, MockView};
use crate::study::drill::{DrillNext, DueCard};
use crate::study::mocks::{
    MockQuestion, PrincipleAssessment, ValidAssessment, parse_vote, vote_str,
};

type R<T> = Result<T, DbError>;

fn decode(what: String) -> DbError {
    DbError::Sqlx(sqlx::Error::Decode(what.into()))
}

fn json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> R<T> {
    serde_json::from_str(text).map_err(|e| decode(format!("{what}: {e}")))
}

fn to_json<T: serde::Serialize>(v: &T) -> R<String> {
    serde_json::to_string(v).map_err(|e| decode(format!("json: {e}")))
}

fn kind_of(s: &str) -> R<CardKind> {
    match s {
        "behavioural" => Ok(CardKind::Behavioural),
        "technical" => Ok(CardKind::Technical),
        other => Err(decode(format!("bank kind {other}"))),
    }
}

fn at(secs: i64) -> R<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(secs).map_err(|e| decode(format!("time: {e}")))
}

/// A timestamp column as RFC 3339 in UTC (the same shape as the rest of the API).
macro_rules! ts {
    ($col:literal) => {
        concat!(
            "to_char(",
            $col,
            " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        )
    };
}

const BANK_COLUMNS: &str = concat!(
    "b.id, b.name, b.kind, b.key, b.source, u.email AS edited_by, ",
    ts!("b.updated_at"),
    " AS updated_at"
);

async fn bank_cards(tx: &mut Transaction<'_, Pg>, bank: i64) -> R<Vec<Card>> {
    let rows = sqlx::query(
        "SELECT card::text AS card FROM bank_cards WHERE bank_id = $1 ORDER BY position",
    )
    .bind(bank)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| json(&r.try_get::<String, _>("card")?, "card"))
        .collect()
}

fn bank_view(r: &PgRow, cards: Vec<Card>) -> R<BankView> {
    Ok(BankView {
        name: r.try_get("name")?,
        kind: kind_of(&r.try_get::<String, _>("kind")?)?,
        key: r.try_get("key")?,
        toml: r.try_get("source")?,
        cards,
        edited_by: r.try_get("edited_by")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub async fn banks(pool: &PgPool, group: i64) -> R<Vec<BankSummary>> {
    let rows = sqlx::query(concat!(
        "SELECT b.name, b.kind, b.key, u.email AS edited_by, ",
        ts!("b.updated_at"),
        " AS updated_at, (SELECT count(*) FROM bank_cards c WHERE c.bank_id = b.id) AS cards \
         FROM group_banks b LEFT JOIN users u ON u.id = b.edited_by \
         WHERE b.group_id = $1 ORDER BY b.name"
    ))
    .bind(group)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(BankSummary {
                name: r.try_get("name")?,
                kind: kind_of(&r.try_get::<String, _>("kind")?)?,
                key: r.try_get("key")?,
                cards: r.try_get("cards")?,
                edited_by: r.try_get("edited_by")?,
                updated_at: r.try_get("updated_at")?,
            })
        })
        .collect()
}

async fn bank_in(
    tx: &mut Transaction<'_, Pg>,
    group: i64,
    name: &str,
    lock: bool,
) -> R<Option<(i64, BankView)>> {
    let sql = format!(
        "SELECT {BANK_COLUMNS} FROM group_banks b LEFT JOIN users u ON u.id = b.edited_by \
         WHERE b.group_id = $1 AND b.name = $2{}",
        if lock { " FOR UPDATE OF b" } else { "" }
    );
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(group)
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let cards = bank_cards(tx, id).await?;
    Ok(Some((id, bank_view(&row, cards)?)))
}

pub async fn bank(pool: &PgPool, group: i64, name: &str) -> R<Option<BankView>> {
    let mut tx = pool.begin().await?;
    let b = bank_in(&mut tx, group, name, false).await?;
    tx.commit().await?;
    Ok(b.map(|(_, v)| v))
}

async fn write_bank(
    tx: &mut Transaction<'_, Pg>,
    group: i64,
    editor: i64,
    bank: &ValidBank,
) -> R<Stored> {
    let kind = match bank.kind {
        CardKind::Technical => "technical",
        _ => "behavioural",
    };
    let row = sqlx::query(
        "INSERT INTO group_banks (group_id, name, kind, key, source, edited_by) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (group_id, name) DO UPDATE SET kind = EXCLUDED.kind, key = EXCLUDED.key, \
         source = EXCLUDED.source, edited_by = EXCLUDED.edited_by, updated_at = now() \
         RETURNING id, (xmax = 0) AS created",
    )
    .bind(group)
    .bind(&bank.name)
    .bind(kind)
    .bind(&bank.key)
    .bind(&bank.source)
    .bind(editor)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = row.try_get("id")?;
    sqlx::query("DELETE FROM bank_cards WHERE bank_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let ids: Vec<String> = bank.cards.iter().map(|c| c.id.clone()).collect();
    let positions: Vec<i32> = (0..bank.cards.len() as i32).collect();
    let cards: Vec<String> = bank.cards.iter().map(to_json).collect::<R<_>>()?;
    sqlx::query(
        "INSERT INTO bank_cards (bank_id, card_id, position, card) \
         SELECT $1, i, p, c::jsonb FROM UNNEST($2::text[], $3::int[], $4::text[]) AS t(i, p, c)",
    )
    .bind(id)
    .bind(&ids)
    .bind(&positions)
    .bind(&cards)
    .execute(&mut **tx)
    .await?;
    // A card that left the bank leaves every member's schedule (its reviews stay logged).
    sqlx::query("DELETE FROM drill_states WHERE bank_id = $1 AND NOT (card_id = ANY($2))")
        .bind(id)
        .bind(&ids)
        .execute(&mut **tx)
        .await?;
    Ok(Stored {
        id,
        created: row.try_get("created")?,
    })
}

pub async fn put_bank(pool: &PgPool, group: i64, editor: i64, bank: &ValidBank) -> R<Stored> {
    let mut tx = pool.begin().await?;
    let stored = write_bank(&mut tx, group, editor, bank).await?;
    tx.commit().await?;
    Ok(stored)
}

pub async fn edit_bank(
    pool: &PgPool,
    group: i64,
    editor: i64,
    name: &str,
    edit: BankEdit,
) -> R<Option<BankView>> {
    let mut tx = pool.begin().await?;
    let Some((_, before)) = bank_in(&mut tx, group, name, true).await? else {
        return Ok(None);
    };
    let after = edit(&before)?;
    write_bank(&mut tx, group, editor, &after).await?;
    let view = bank_in(&mut tx, group, name, false).await?.map(|(_, v)| v);
    tx.commit().await?;
    Ok(view)
}

pub async fn group_cards(pool: &PgPool, group: i64) -> R<Vec<Card>> {
    let rows = sqlx::query(
        "SELECT c.card::text AS card FROM bank_cards c JOIN group_banks b ON b.id = c.bank_id \
         WHERE b.group_id = $1 ORDER BY b.name, c.position",
    )
    .bind(group)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| json(&r.try_get::<String, _>("card")?, "card"))
        .collect()
}

const STATE_COLUMNS: &str = "s.card_id, s.stability, s.difficulty, \
     extract(epoch FROM s.due)::bigint AS due, \
     extract(epoch FROM s.last_review)::bigint AS last_review, \
     s.reps, s.lapses, s.interval_days, s.phase, s.step";

fn card_state(r: &PgRow) -> R<CardState> {
    let phase: String = r.try_get("phase")?;
    Ok(CardState {
        card_id: r.try_get("card_id")?,
        stability: r.try_get("stability")?,
        difficulty: r.try_get("difficulty")?,
        due: at(r.try_get("due")?)?,
        last_review: at(r.try_get("last_review")?)?,
        reps: r.try_get::<i32, _>("reps")?.max(0) as u32,
        lapses: r.try_get::<i32, _>("lapses")?.max(0) as u32,
        interval_days: r.try_get::<i32, _>("interval_days")?.max(0) as u32,
        phase: Phase::parse(&phase).ok_or_else(|| decode(format!("phase {phase}")))?,
        step: r
            .try_get::<Option<i32>, _>("step")?
            .map(|s| s.max(0) as u32),
    })
}

pub async fn drill_next(pool: &PgPool, group: i64, user: i64, now: i64) -> R<DrillNext> {
    let mut tx = pool.begin().await?;
    let counts = sqlx::query(
        "SELECT \
         (SELECT count(*) FROM drill_states s JOIN group_banks b ON b.id = s.bank_id \
           WHERE b.group_id = $1 AND s.user_id = $2 AND s.due <= to_timestamp($3)) AS due, \
         (SELECT count(*) FROM bank_cards c JOIN group_banks b ON b.id = c.bank_id \
           WHERE b.group_id = $1 AND NOT EXISTS (SELECT 1 FROM drill_states s \
             WHERE s.user_id = $2 AND s.bank_id = c.bank_id AND s.card_id = c.card_id)) AS new, \
         (SELECT extract(epoch FROM min(s.due))::bigint FROM drill_states s \
           JOIN group_banks b ON b.id = s.bank_id \
           WHERE b.group_id = $1 AND s.user_id = $2 AND s.due > to_timestamp($3)) AS next_due",
    )
    .bind(group)
    .bind(user)
    .bind(now as f64)
    .fetch_one(&mut *tx)
    .await?;
    let due: i64 = counts.try_get("due")?;
    let new: i64 = counts.try_get("new")?;
    let next_due: Option<i64> = counts.try_get("next_due")?;
    let sql = format!(
        "SELECT b.name AS bank, c.card::text AS card, {STATE_COLUMNS} \
         FROM drill_states s JOIN group_banks b ON b.id = s.bank_id \
         JOIN bank_cards c ON c.bank_id = s.bank_id AND c.card_id = s.card_id \
         WHERE b.group_id = $1 AND s.user_id = $2 AND s.due <= to_timestamp($3) \
         ORDER BY s.due, b.name, c.position LIMIT 1"
    );
    let mut card = None;
    if let Some(r) = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(group)
        .bind(user)
        .bind(now as f64)
        .fetch_optional(&mut *tx)
        .await?
    {
        card = Some(DueCard {
            bank: r.try_get("bank")?,
            card: json(&r.try_get::<String, _>("card")?, "card")?,
            state: Some(card_state(&r)?),
        });
    } else if new > 0 {
        let r = sqlx::query(
            "SELECT b.name AS bank, c.card::text AS card FROM bank_cards c \
             JOIN group_banks b ON b.id = c.bank_id WHERE b.group_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM drill_states s WHERE s.user_id = $2 \
               AND s.bank_id = c.bank_id AND s.card_id = c.card_id) \
             ORDER BY b.name, c.position LIMIT 1",
        )
        .bind(group)
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?;
        // None only when a bank was edited since the count (read committed): nothing to show.
        if let Some(r) = r {
            card = Some(DueCard {
                bank: r.try_get("bank")?,
                card: json(&r.try_get::<String, _>("card")?, "card")?,
                state: None,
            });
        }
    }
    tx.commit().await?;
    let next_due = match next_due {
        Some(s) => Some(
            at(s)?
                .format(&time::format_description::well_known::Rfc3339)
                .map_err(|e| decode(format!("time: {e}")))?,
        ),
        None => None,
    };
    Ok(DrillNext {
        card,
        due,
        new,
        next_due,
    })
}

pub async fn review_card(
    pool: &PgPool,
    group: i64,
    user: i64,
    bank: &str,
    card: &str,
    schedule: Schedule,
) -> R<Option<CardState>> {
    let mut tx = pool.begin().await?;
    let Some(bank_id) = sqlx::query(
        "SELECT b.id FROM group_banks b JOIN bank_cards c ON c.bank_id = b.id \
         WHERE b.group_id = $1 AND b.name = $2 AND c.card_id = $3",
    )
    .bind(group)
    .bind(bank)
    .bind(card)
    .fetch_optional(&mut *tx)
    .await?
    .map(|r| r.try_get::<i64, _>("id"))
    .transpose()?
    else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT {STATE_COLUMNS} FROM drill_states s \
         WHERE s.user_id = $1 AND s.bank_id = $2 AND s.card_id = $3 FOR UPDATE"
    );
    let before = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(user)
        .bind(bank_id)
        .bind(card)
        .fetch_optional(&mut *tx)
        .await?
        .as_ref()
        .map(card_state)
        .transpose()?;
    let (state, review) = schedule(before.as_ref())?;
    sqlx::query(
        "INSERT INTO drill_states (user_id, bank_id, card_id, stability, difficulty, due, \
         last_review, reps, lapses, interval_days, phase, step) \
         VALUES ($1, $2, $3, $4, $5, to_timestamp($6), to_timestamp($7), $8, $9, $10, $11, $12) \
         ON CONFLICT (user_id, bank_id, card_id) DO UPDATE SET stability = EXCLUDED.stability, \
         difficulty = EXCLUDED.difficulty, due = EXCLUDED.due, last_review = EXCLUDED.last_review, \
         reps = EXCLUDED.reps, lapses = EXCLUDED.lapses, interval_days = EXCLUDED.interval_days, \
         phase = EXCLUDED.phase, step = EXCLUDED.step",
    )
    .bind(user)
    .bind(bank_id)
    .bind(card)
    .bind(state.stability)
    .bind(state.difficulty)
    .bind(state.due.unix_timestamp() as f64)
    .bind(state.last_review.unix_timestamp() as f64)
    .bind(state.reps as i32)
    .bind(state.lapses as i32)
    .bind(state.interval_days as i32)
    .bind(state.phase.as_str())
    .bind(state.step.map(|s| s as i32))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO drill_reviews (user_id, group_id, bank_id, card_id, rating, reviewed_at) \
         VALUES ($1, $2, $3, $4, $5, to_timestamp($6))",
    )
    .bind(user)
    .bind(group)
    .bind(bank_id)
    .bind(card)
    .bind(review.rating as i16)
    .bind(review.at.unix_timestamp() as f64)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(state))
}

pub async fn member_by_email(pool: &PgPool, group: i64, email: &str) -> R<Option<(User, Role)>> {
    let row = sqlx::query(
        "SELECT u.id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.group_id = $1 AND u.email = $2",
    )
    .bind(group)
    .bind(email)
    .fetch_optional(pool)
    .await?;
    row.map(|r| {
        let role: String = r.try_get("role")?;
        Ok((
            User {
                id: r.try_get("id")?,
                email: r.try_get("email")?,
            },
            Role::parse(&role).ok_or_else(|| decode(format!("role {role}")))?,
        ))
    })
    .transpose()
}

fn story_body(r: &PgRow) -> R<StoryBody> {
    Ok(StoryBody {
        title: r.try_get("title")?,
        situation: r.try_get("situation")?,
        task: r.try_get("task")?,
        action: r.try_get("action")?,
        result: r.try_get("result")?,
        principles: r.try_get("principles")?,
    })
}

pub async fn shares_of(pool: &PgPool, group: i64, owner: i64) -> R<Vec<(i64, StoryBody)>> {
    let rows = sqlx::query(
        "SELECT id, title, situation, task, action, result, principles FROM shares \
         WHERE group_id = $1 AND owner_id = $2 ORDER BY updated_at DESC, id DESC",
    )
    .bind(group)
    .bind(owner)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, story_body(r)?)))
        .collect()
}

pub async fn open_mock(pool: &PgPool, m: &MockToOpen) -> R<i64> {
    let row = sqlx::query(
        "INSERT INTO mocks (group_id, interviewer_id, candidate_id, created_by, principles, \
         questions, scheduled_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, to_timestamp($7)) \
         RETURNING id",
    )
    .bind(m.group)
    .bind(m.interviewer)
    .bind(m.candidate)
    .bind(m.created_by)
    .bind(&m.principles)
    .bind(to_json(&m.questions)?)
    .bind(m.scheduled_at.map(|s| s as f64))
    .fetch_one(pool)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn mock_head(pool: &PgPool, mock: i64) -> R<Option<MockHead>> {
    let row =
        sqlx::query("SELECT id, group_id, interviewer_id, candidate_id FROM mocks WHERE id = $1")
            .bind(mock)
            .fetch_optional(pool)
            .await?;
    row.map(|r| {
        Ok(MockHead {
            id: r.try_get("id")?,
            group: r.try_get("group_id")?,
            interviewer: r.try_get("interviewer_id")?,
            candidate: r.try_get("candidate_id")?,
        })
    })
    .transpose()
}

const MOCK_SELECT: &str = concat!(
    "SELECT m.id, m.group_id, i.email AS interviewer, c.email AS candidate, m.principles, ",
    ts!("m.scheduled_at"),
    " AS scheduled_at, ",
    ts!("m.created_at"),
    " AS created_at, ",
    ts!("m.submitted_at"),
    " AS submitted_at, m.vote, m.summary, \
     COALESCE((SELECT json_agg(json_build_object('principle', a.principle, 'score', a.score, \
       'text', a.body) ORDER BY array_position(m.principles, a.principle)) \
       FROM mock_assessments a WHERE a.mock_id = m.id), '[]')::text AS assessments \
     FROM mocks m JOIN users i ON i.id = m.interviewer_id JOIN users c ON c.id = m.candidate_id"
);

fn mock_view(r: &PgRow) -> R<MockView> {
    let vote: Option<String> = r.try_get("vote")?;
    Ok(MockView {
        id: r.try_get("id")?,
        group: r.try_get("group_id")?,
        interviewer: r.try_get("interviewer")?,
        candidate: r.try_get("candidate")?,
        principles: r.try_get("principles")?,
        scheduled_at: r.try_get("scheduled_at")?,
        created_at: r.try_get("created_at")?,
        submitted_at: r.try_get("submitted_at")?,
        vote: match vote {
            Some(v) => Some(parse_vote(&v).ok_or_else(|| decode(format!("vote {v}")))?),
            None => None,
        },
        summary: r.try_get("summary")?,
        assessments: json::<Vec<PrincipleAssessment>>(
            &r.try_get::<String, _>("assessments")?,
            "assessments",
        )?,
    })
}

async fn mock_in<'e, E: sqlx::PgExecutor<'e>>(ex: E, mock: i64) -> R<Option<MockView>> {
    let sql = format!("{MOCK_SELECT} WHERE m.id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(mock)
        .fetch_optional(ex)
        .await?;
    row.as_ref().map(mock_view).transpose()
}

pub async fn mock(pool: &PgPool, mock: i64) -> R<Option<MockView>> {
    mock_in(pool, mock).await
}

pub async fn mock_questions(pool: &PgPool, mock: i64) -> R<Vec<MockQuestion>> {
    let row = sqlx::query("SELECT questions::text AS q FROM mocks WHERE id = $1")
        .bind(mock)
        .fetch_optional(pool)
        .await?;
    match row {
        Some(r) => json(&r.try_get::<String, _>("q")?, "questions"),
        None => Ok(Vec::new()),
    }
}

pub async fn mocks_in(pool: &PgPool, group: i64, user: Option<i64>) -> R<Vec<MockView>> {
    let sql = format!(
        "{MOCK_SELECT} WHERE m.group_id = $1 AND ($2::bigint IS NULL \
         OR m.interviewer_id = $2 OR m.candidate_id = $2) ORDER BY m.id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(group)
        .bind(user)
        .fetch_all(pool)
        .await?;
    rows.iter().map(mock_view).collect()
}

pub async fn mocks_of_candidate(pool: &PgPool, group: i64, candidate: i64) -> R<Vec<MockView>> {
    let sql = format!("{MOCK_SELECT} WHERE m.group_id = $1 AND m.candidate_id = $2 ORDER BY m.id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(group)
        .bind(candidate)
        .fetch_all(pool)
        .await?;
    rows.iter().map(mock_view).collect()
}

pub async fn submit_assessment(pool: &PgPool, mock: i64, a: &ValidAssessment) -> R<MockView> {
    let mut tx = pool.begin().await?;
    let updated =
        sqlx::query("UPDATE mocks SET vote = $2, summary = $3, submitted_at = now() WHERE id = $1")
            .bind(mock)
            .bind(vote_str(a.vote))
            .bind(&a.summary)
            .execute(&mut *tx)
            .await?;
    if updated.rows_affected() == 0 {
        return Err(DbError::NotFound(format!("mock {mock}")));
    }
    sqlx::query("DELETE FROM mock_assessments WHERE mock_id = $1")
        .bind(mock)
        .execute(&mut *tx)
        .await?;
    let principles: Vec<&str> = a.assessments.iter().map(|x| x.principle.as_str()).collect();
    let scores: Vec<Option<i16>> = a.assessments.iter().map(|x| x.score).collect();
    let texts: Vec<&str> = a.assessments.iter().map(|x| x.text.as_str()).collect();
    sqlx::query(
        "INSERT INTO mock_assessments (mock_id, principle, score, body) \
         SELECT $1, p, s, t FROM UNNEST($2::text[], $3::smallint[], $4::text[]) AS x(p, s, t)",
    )
    .bind(mock)
    .bind(&principles)
    .bind(&scores)
    .bind(&texts)
    .execute(&mut *tx)
    .await?;
    let view = mock_in(&mut *tx, mock)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("mock {mock}")))?;
    tx.commit().await?;
    Ok(view)
}

/// The date of a day number counted from 1970-01-01.
fn day(n: i64) -> R<Date> {
    // 2,440,588 is the Julian day of 1970-01-01.
    i32::try_from(n + 2_440_588)
        .ok()
        .and_then(|j| Date::from_julian_day(j).ok())
        .ok_or_else(|| decode(format!("day {n}")))
}

pub async fn cohort(pool: &PgPool, group: i64) -> R<Vec<CohortMember>> {
    let mut tx = pool.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .execute(&mut *tx)
        .await?;
    let members = sqlx::query(
        "SELECT u.id, u.email, m.role, \
         (SELECT count(*) FROM drill_reviews r WHERE r.group_id = m.group_id AND r.user_id = u.id) AS reviews \
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 ORDER BY u.email",
    )
    .bind(group)
    .fetch_all(&mut *tx)
    .await?;
    let shares = sqlx::query(
        "SELECT owner_id, title, situation, task, action, result, principles FROM shares \
         WHERE group_id = $1 ORDER BY id",
    )
    .bind(group)
    .fetch_all(&mut *tx)
    .await?;
    // Days with a review in the last 400 days (a streak longer than that is counted to 400).
    let days = sqlx::query(
        "SELECT DISTINCT user_id, floor(extract(epoch FROM reviewed_at) / 86400)::bigint AS day \
         FROM drill_reviews WHERE group_id = $1 AND reviewed_at > now() - interval '400 days'",
    )
    .bind(group)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let mut out = Vec::with_capacity(members.len());
    for m in &members {
        let id: i64 = m.try_get("id")?;
        let role: String = m.try_get("role")?;
        let mut mine = Vec::new();
        for s in &shares {
            if s.try_get::<i64, _>("owner_id")? == id {
                mine.push(story_body(s)?);
            }
        }
        let mut review_days = Vec::new();
        for d in &days {
            if d.try_get::<i64, _>("user_id")? == id {
                review_days.push(day(d.try_get("day")?)?);
            }
        }
        out.push(CohortMember {
            email: m.try_get("email")?,
            role: Role::parse(&role).ok_or_else(|| decode(format!("role {role}")))?,
            shares: mine,
            review_days,
            reviews: m.try_get("reviews")?,
        });
    }
    Ok(out)
}
