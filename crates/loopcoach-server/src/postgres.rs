//! The PostgreSQL implementation of [`Database`]: a connection pool, the schema's migrations
//! (`migrations/*.sql`, embedded by `sqlx::migrate!` and applied on connect under an advisory
//! lock, so two servers starting together take turns), and one query per call.
//!
//! Queries are checked at run time (`query`/`query_as`), so building needs no database.

use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};
use sqlx::{Executor, Row};

use crate::error::DbError;
use crate::invite::{Invitation, InviteRefusal, Joined, Joiner};
use crate::limits::{LoginLimits, Throttle};
use crate::model::{
    CharSpan, CommentView, GroupView, MemberView, NewShare, Part, RatingView, Role, ShareView,
    StoryBody, ValidComment, ValidRating,
};
use crate::pg_auth;
use crate::postgres_study as study;
use crate::storage::{
    BankEdit, Database, MockToOpen, Schedule, Session, ShareHead, Stored, TokenInfo, User,
};
use crate::study::banks::{BankSummary, BankView, ValidBank};
use crate::study::dashboard::CohortMember;
use crate::study::debrief::{MockHead, MockView};
use crate::study::drill::DrillNext;
use crate::study::mocks::{MockQuestion, ValidAssessment};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Our own advisory lock key around the migrations ("loopcoac" in ASCII): sqlx's migrator
/// takes its own lock only after creating its bookkeeping table, which two servers starting at
/// once could both try to create.
const MIGRATION_LOCK: i64 = 0x6c6f_6f70_636f_6163;

/// How the pool is sized.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolConfig {
    fn default() -> Self {
        PoolConfig {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(5),
        }
    }
}

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct Postgres {
    pool: PgPool,
}

/// A timestamp column as RFC 3339 in UTC.
macro_rules! ts {
    ($col:literal) => {
        concat!(
            "to_char(",
            $col,
            " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        )
    };
}

impl Postgres {
    /// Connect to `url` and bring the schema up to date.
    pub async fn connect(url: &str, cfg: &PoolConfig) -> Result<Postgres, DbError> {
        let pool = PgPoolOptions::new()
            .max_connections(cfg.max_connections)
            .acquire_timeout(cfg.acquire_timeout)
            .connect(url)
            .await?;
        let db = Postgres { pool };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), DbError> {
        let mut conn = self.pool.acquire().await?;
        conn.execute(sqlx::query("SELECT pg_advisory_lock($1)").bind(MIGRATION_LOCK))
            .await?;
        let run = MIGRATOR.run(&mut *conn).await;
        let unlock = conn
            .execute(sqlx::query("SELECT pg_advisory_unlock($1)").bind(MIGRATION_LOCK))
            .await;
        run?;
        unlock?;
        Ok(())
    }

    /// The pool (for tests and the load generator's checks).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

fn role_of(s: &str) -> Result<Role, DbError> {
    Role::parse(s).ok_or_else(|| DbError::Sqlx(sqlx::Error::Decode(format!("role {s}").into())))
}

fn unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.code().as_deref() == Some("23505"))
}

fn share_view(r: &PgRow) -> Result<ShareView, DbError> {
    Ok(ShareView {
        id: r.try_get("id")?,
        group: r.try_get("group_id")?,
        owner: r.try_get("owner")?,
        mine: r.try_get("mine")?,
        local_id: r.try_get("local_id")?,
        story: StoryBody {
            title: r.try_get("title")?,
            situation: r.try_get("situation")?,
            task: r.try_get("task")?,
            action: r.try_get("action")?,
            result: r.try_get("result")?,
            principles: r.try_get("principles")?,
        },
        comments: r.try_get("comments")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

fn comment_view(r: &PgRow) -> Result<CommentView, DbError> {
    let part: String = r.try_get("part")?;
    let start: Option<i32> = r.try_get("span_start")?;
    let end: Option<i32> = r.try_get("span_end")?;
    Ok(CommentView {
        id: r.try_get("id")?,
        share: r.try_get("share_id")?,
        part: Part::parse(&part)
            .ok_or_else(|| DbError::Sqlx(sqlx::Error::Decode(format!("part {part}").into())))?,
        span: match (start, end) {
            (Some(s), Some(e)) => Some(CharSpan {
                start: s.max(0) as u32,
                end: e.max(0) as u32,
            }),
            _ => None,
        },
        text: r.try_get("body")?,
        suggestion: r.try_get("suggestion")?,
        quote: r.try_get("quote")?,
        author: r.try_get("author")?,
        created_at: r.try_get("created_at")?,
    })
}

fn rating_view(r: &PgRow) -> Result<RatingView, DbError> {
    Ok(RatingView {
        share: r.try_get("share_id")?,
        principle: r.try_get("principle")?,
        score: r.try_get("score")?,
        note: r.try_get("note")?,
        rater: r.try_get("rater")?,
        created_at: r.try_get("created_at")?,
    })
}

fn user(r: &PgRow) -> Result<User, DbError> {
    Ok(User {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
    })
}

const SHARE_COLUMNS: &str = concat!(
    "s.id, s.group_id, u.email AS owner, (s.owner_id = $2) AS mine, s.local_id, s.title, ",
    "s.situation, s.task, s.action, s.result, s.principles, ",
    "(SELECT count(*) FROM comments c WHERE c.share_id = s.id) AS comments, ",
    ts!("s.created_at"),
    " AS created_at, ",
    ts!("s.updated_at"),
    " AS updated_at"
);

impl Database for Postgres {
    async fn create_user(&self, email: &str, password_hash: &str) -> Result<i64, DbError> {
        let r =
            sqlx::query("INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id")
                .bind(email)
                .bind(password_hash)
                .fetch_one(&self.pool)
                .await;
        match r {
            Ok(row) => Ok(row.try_get("id")?),
            Err(e) if unique_violation(&e) => Err(DbError::Conflict(format!(
                "an account for {email} exists already"
            ))),
            Err(e) => Err(e.into()),
        }
    }

    async fn user_login(&self, email: &str) -> Result<Option<(User, String)>, DbError> {
        let row = sqlx::query("SELECT id, email, password_hash FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((user(&r)?, r.try_get("password_hash")?)))
            .transpose()
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>, DbError> {
        let row = sqlx::query("SELECT id, email FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user).transpose()
    }

    async fn add_token(&self, user_id: i64, token_hash: &[u8]) -> Result<(), DbError> {
        sqlx::query("INSERT INTO api_tokens (user_id, token_hash) VALUES ($1, $2)")
            .bind(user_id)
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn user_by_token(&self, token_hash: &[u8]) -> Result<Option<User>, DbError> {
        pg_auth::user_by_token(&self.pool, token_hash).await
    }

    async fn add_session(
        &self,
        user_id: i64,
        id_hash: &[u8],
        csrf_token: &str,
        lifetime_secs: i64,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) \
             VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
        )
        .bind(id_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(lifetime_secs as f64)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(&self, id_hash: &[u8], idle_secs: i64) -> Result<Option<Session>, DbError> {
        pg_auth::session(&self.pool, id_hash, idle_secs).await
    }

    async fn end_session(&self, id_hash: &[u8]) -> Result<(), DbError> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1 OR expires_at <= now()")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn tokens_of(&self, user: i64) -> Result<Vec<TokenInfo>, DbError> {
        pg_auth::tokens_of(&self.pool, user).await
    }

    async fn revoke_token(&self, id: i64) -> Result<bool, DbError> {
        pg_auth::revoke_token(&self.pool, id).await
    }

    async fn revoke_token_hash(&self, token_hash: &[u8]) -> Result<bool, DbError> {
        pg_auth::revoke_token_hash(&self.pool, token_hash).await
    }

    async fn login_attempt(
        &self,
        email: &str,
        client: &str,
        limits: &LoginLimits,
    ) -> Result<Throttle, DbError> {
        pg_auth::login_attempt(&self.pool, email, client, limits).await
    }

    async fn login_succeeded(&self, email: &str) -> Result<(), DbError> {
        pg_auth::login_succeeded(&self.pool, email).await
    }

    async fn add_invitation(
        &self,
        group: i64,
        role: Role,
        token_hash: &[u8],
        created_by: i64,
        lifetime_secs: i64,
    ) -> Result<String, DbError> {
        pg_auth::add_invitation(
            &self.pool,
            group,
            role,
            token_hash,
            created_by,
            lifetime_secs,
        )
        .await
    }

    async fn invitation(&self, token_hash: &[u8]) -> Result<Option<Invitation>, DbError> {
        pg_auth::invitation(&self.pool, token_hash).await
    }

    async fn accept_invitation(
        &self,
        token_hash: &[u8],
        joiner: &Joiner,
    ) -> Result<Result<Joined, InviteRefusal>, DbError> {
        pg_auth::accept_invitation(&self.pool, token_hash, joiner).await
    }

    async fn group_owner(&self, group: i64) -> Result<Option<i64>, DbError> {
        pg_auth::group_owner(&self.pool, group).await
    }

    async fn create_group(&self, name: &str, owner: i64) -> Result<i64, DbError> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query("INSERT INTO groups (name) VALUES ($1) RETURNING id")
            .bind(name)
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?;
        sqlx::query("INSERT INTO memberships (group_id, user_id, role) VALUES ($1, $2, 'owner')")
            .bind(id)
            .bind(owner)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn set_member(&self, group: i64, user_id: i64, role: Role) -> Result<(), DbError> {
        let r = sqlx::query(
            "INSERT INTO memberships (group_id, user_id, role) VALUES ($1, $2, $3) \
             ON CONFLICT (group_id, user_id) DO UPDATE SET role = \
             CASE WHEN memberships.role = 'owner' THEN 'owner' ELSE EXCLUDED.role END",
        )
        .bind(group)
        .bind(user_id)
        .bind(role.as_str())
        .execute(&self.pool)
        .await;
        match r {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(d)) if d.code().as_deref() == Some("23503") => {
                Err(DbError::NotFound(format!("group {group}")))
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn group_exists(&self, group: i64) -> Result<bool, DbError> {
        Ok(sqlx::query("SELECT 1 FROM groups WHERE id = $1")
            .bind(group)
            .fetch_optional(&self.pool)
            .await?
            .is_some())
    }

    async fn role_in(&self, group: i64, user_id: i64) -> Result<Option<Role>, DbError> {
        let row = sqlx::query("SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2")
            .bind(group)
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| role_of(&r.try_get::<String, _>("role")?))
            .transpose()
    }

    async fn groups_of(&self, user_id: i64) -> Result<Vec<GroupView>, DbError> {
        let rows = sqlx::query(
            "SELECT g.id, g.name, m.role, \
             (SELECT count(*) FROM memberships x WHERE x.group_id = g.id) AS members \
             FROM memberships m JOIN groups g ON g.id = m.group_id \
             WHERE m.user_id = $1 ORDER BY g.id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(GroupView {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    role: role_of(&r.try_get::<String, _>("role")?)?,
                    members: r.try_get("members")?,
                })
            })
            .collect()
    }

    async fn members(&self, group: i64) -> Result<Vec<MemberView>, DbError> {
        let rows = sqlx::query(
            "SELECT u.email, m.role, \
             (SELECT count(*) FROM shares s WHERE s.group_id = m.group_id AND s.owner_id = u.id) AS shares, \
             (SELECT count(*) FROM comments c JOIN shares s ON s.id = c.share_id \
               WHERE s.group_id = m.group_id AND c.author_id = u.id) AS comments \
             FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.group_id = $1 ORDER BY u.email",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MemberView {
                    email: r.try_get("email")?,
                    role: role_of(&r.try_get::<String, _>("role")?)?,
                    shares: r.try_get("shares")?,
                    comments: r.try_get("comments")?,
                })
            })
            .collect()
    }

    async fn put_share(&self, group: i64, owner: i64, share: &NewShare) -> Result<Stored, DbError> {
        let s = &share.story;
        // `xmax = 0` holds for a row this statement inserted (not one it updated).
        let row = sqlx::query(
            "INSERT INTO shares (group_id, owner_id, local_id, title, situation, task, action, result, principles) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (group_id, owner_id, local_id) DO UPDATE SET \
             title = EXCLUDED.title, situation = EXCLUDED.situation, task = EXCLUDED.task, \
             action = EXCLUDED.action, result = EXCLUDED.result, principles = EXCLUDED.principles, \
             updated_at = now() \
             RETURNING id, (xmax = 0) AS created",
        )
        .bind(group)
        .bind(owner)
        .bind(share.local_id.as_deref())
        .bind(&s.title)
        .bind(&s.situation)
        .bind(&s.task)
        .bind(&s.action)
        .bind(&s.result)
        .bind(&s.principles)
        .fetch_one(&self.pool)
        .await?;
        Ok(Stored {
            id: row.try_get("id")?,
            created: row.try_get("created")?,
        })
    }

    async fn share_head(&self, share: i64) -> Result<Option<ShareHead>, DbError> {
        let row = sqlx::query(
            "SELECT id, group_id, owner_id, title, situation, task, action, result, principles \
             FROM shares WHERE id = $1",
        )
        .bind(share)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(ShareHead {
                id: r.try_get("id")?,
                group: r.try_get("group_id")?,
                owner: r.try_get("owner_id")?,
                story: StoryBody {
                    title: r.try_get("title")?,
                    situation: r.try_get("situation")?,
                    task: r.try_get("task")?,
                    action: r.try_get("action")?,
                    result: r.try_get("result")?,
                    principles: r.try_get("principles")?,
                },
            })
        })
        .transpose()
    }

    async fn shares_in(&self, group: i64, viewer: i64) -> Result<Vec<ShareView>, DbError> {
        let sql = format!(
            "SELECT {SHARE_COLUMNS} FROM shares s JOIN users u ON u.id = s.owner_id \
             WHERE s.group_id = $1 ORDER BY s.id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(group)
            .bind(viewer)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(share_view).collect()
    }

    async fn add_comment(
        &self,
        share: i64,
        author: i64,
        c: &ValidComment,
    ) -> Result<CommentView, DbError> {
        let row = sqlx::query(concat!(
            "WITH c AS (INSERT INTO comments (share_id, author_id, part, span_start, span_end, body, \
                                              suggestion, quote) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *) \
             SELECT c.id, c.share_id, c.part, c.span_start, c.span_end, c.body, c.suggestion, \
                    c.quote, u.email AS author, ",
            ts!("c.created_at"),
            " AS created_at FROM c JOIN users u ON u.id = c.author_id"
        ))
        .bind(share)
        .bind(author)
        .bind(c.part.as_str())
        .bind(c.span.map(|s| s.start as i32))
        .bind(c.span.map(|s| s.end as i32))
        .bind(&c.text)
        .bind(c.suggestion.as_ref().map(|x| x.replacement.as_str()))
        .bind(c.suggestion.as_ref().map(|x| x.quote.as_str()))
        .fetch_one(&self.pool)
        .await?;
        comment_view(&row)
    }

    async fn comments(&self, share: i64) -> Result<Vec<CommentView>, DbError> {
        let rows = sqlx::query(concat!(
            "SELECT c.id, c.share_id, c.part, c.span_start, c.span_end, c.body, c.suggestion, \
                    c.quote, u.email AS author, ",
            ts!("c.created_at"),
            " AS created_at FROM comments c JOIN users u ON u.id = c.author_id \
             WHERE c.share_id = $1 ORDER BY c.id"
        ))
        .bind(share)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(comment_view).collect()
    }

    async fn rate(&self, share: i64, rater: i64, r: &ValidRating) -> Result<RatingView, DbError> {
        let row = sqlx::query(concat!(
            "WITH r AS (INSERT INTO ratings (share_id, rater_id, principle, score, note) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (share_id, rater_id, principle) DO UPDATE \
             SET score = EXCLUDED.score, note = EXCLUDED.note, created_at = now() RETURNING *) \
             SELECT r.share_id, r.principle, r.score, r.note, u.email AS rater, ",
            ts!("r.created_at"),
            " AS created_at FROM r JOIN users u ON u.id = r.rater_id"
        ))
        .bind(share)
        .bind(rater)
        .bind(&r.principle)
        .bind(r.score)
        .bind(&r.note)
        .fetch_one(&self.pool)
        .await?;
        rating_view(&row)
    }

    async fn ratings(&self, share: i64) -> Result<Vec<RatingView>, DbError> {
        let rows = sqlx::query(concat!(
            "SELECT r.share_id, r.principle, r.score, r.note, u.email AS rater, ",
            ts!("r.created_at"),
            " AS created_at FROM ratings r JOIN users u ON u.id = r.rater_id \
             WHERE r.share_id = $1 ORDER BY r.principle, u.email"
        ))
        .bind(share)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(rating_view).collect()
    }

    async fn banks(&self, group: i64) -> Result<Vec<BankSummary>, DbError> {
        study::banks(&self.pool, group).await
    }

    async fn bank(&self, group: i64, name: &str) -> Result<Option<BankView>, DbError> {
        study::bank(&self.pool, group, name).await
    }

    async fn put_bank(&self, group: i64, editor: i64, bank: &ValidBank) -> Result<Stored, DbError> {
        study::put_bank(&self.pool, group, editor, bank).await
    }

    async fn edit_bank(
        &self,
        group: i64,
        editor: i64,
        name: &str,
        edit: BankEdit,
    ) -> Result<Option<BankView>, DbError> {
        study::edit_bank(&self.pool, group, editor, name, edit).await
    }

    async fn group_cards(&self, group: i64) -> Result<Vec<loopcoach_practice::Card>, DbError> {
        study::group_cards(&self.pool, group).await
    }

    async fn drill_next(&self, group: i64, user_id: i64, now: i64) -> Result<DrillNext, DbError> {
        study::drill_next(&self.pool, group, user_id, now).await
    }

    async fn review_card(
        &self,
        group: i64,
        user_id: i64,
        bank: &str,
        card: &str,
        schedule: Schedule,
    ) -> Result<Option<loopcoach_practice::CardState>, DbError> {
        study::review_card(&self.pool, group, user_id, bank, card, schedule).await
    }

    async fn member_by_email(
        &self,
        group: i64,
        email: &str,
    ) -> Result<Option<(User, Role)>, DbError> {
        study::member_by_email(&self.pool, group, email).await
    }

    async fn shares_of(&self, group: i64, owner: i64) -> Result<Vec<(i64, StoryBody)>, DbError> {
        study::shares_of(&self.pool, group, owner).await
    }

    async fn open_mock(&self, mock: &MockToOpen) -> Result<i64, DbError> {
        study::open_mock(&self.pool, mock).await
    }

    async fn mock_head(&self, mock: i64) -> Result<Option<MockHead>, DbError> {
        study::mock_head(&self.pool, mock).await
    }

    async fn mock(&self, mock: i64) -> Result<Option<MockView>, DbError> {
        study::mock(&self.pool, mock).await
    }

    async fn mock_questions(&self, mock: i64) -> Result<Vec<MockQuestion>, DbError> {
        study::mock_questions(&self.pool, mock).await
    }

    async fn mocks_in(&self, group: i64, user_id: Option<i64>) -> Result<Vec<MockView>, DbError> {
        study::mocks_in(&self.pool, group, user_id).await
    }

    async fn mocks_of_candidate(
        &self,
        group: i64,
        candidate: i64,
    ) -> Result<Vec<MockView>, DbError> {
        study::mocks_of_candidate(&self.pool, group, candidate).await
    }

    async fn submit_assessment(&self, mock: i64, a: &ValidAssessment) -> Result<MockView, DbError> {
        study::submit_assessment(&self.pool, mock, a).await
    }

    async fn cohort(&self, group: i64) -> Result<Vec<CohortMember>, DbError> {
        study::cohort(&self.pool, group).await
    }
}
