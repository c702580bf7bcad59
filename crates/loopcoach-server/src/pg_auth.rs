//! The PostgreSQL queries of sign-in, sessions, tokens, rate limiting and invitations (the
//! [`crate::Postgres`] implementation of those [`crate::Database`] calls delegates here).

use sqlx::Row;
use sqlx::postgres::PgPool;

use crate::error::DbError;
use crate::invite::{Invitation, InviteRefusal, InviteState, Joined, Joiner};
use crate::limits::{LoginLimits, Throttle};
use crate::model::Role;
use crate::storage::{Session, TokenInfo, User};

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

fn role_of(s: &str) -> Result<Role, DbError> {
    Role::parse(s).ok_or_else(|| DbError::Sqlx(sqlx::Error::Decode(format!("role {s}").into())))
}

pub async fn user_by_token(pool: &PgPool, hash: &[u8]) -> Result<Option<User>, DbError> {
    let row = sqlx::query(
        "SELECT u.id, u.email, t.id AS token_id, \
         (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale \
         FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
    )
    .bind(hash)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    if r.try_get::<bool, _>("stale")? {
        sqlx::query("UPDATE api_tokens SET last_used_at = now() WHERE id = $1")
            .bind(r.try_get::<i64, _>("token_id")?)
            .execute(pool)
            .await?;
    }
    Ok(Some(User {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
    }))
}

pub async fn session(
    pool: &PgPool,
    hash: &[u8],
    idle_secs: i64,
) -> Result<Option<Session>, DbError> {
    let row = sqlx::query(
        "SELECT u.id, u.email, s.csrf_token, \
         (s.last_seen_at < now() - interval '1 minute') AS stale \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id_hash = $1 AND s.expires_at > now() \
         AND s.last_seen_at > now() - make_interval(secs => $2)",
    )
    .bind(hash)
    .bind(idle_secs as f64)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    if r.try_get::<bool, _>("stale")? {
        sqlx::query("UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1")
            .bind(hash)
            .execute(pool)
            .await?;
    }
    Ok(Some(Session {
        user: User {
            id: r.try_get("id")?,
            email: r.try_get("email")?,
        },
        csrf_token: r.try_get("csrf_token")?,
    }))
}

pub async fn tokens_of(pool: &PgPool, user: i64) -> Result<Vec<TokenInfo>, DbError> {
    let rows = sqlx::query(concat!(
        "SELECT id, ",
        ts!("created_at"),
        " AS created_at, ",
        ts!("last_used_at"),
        " AS last_used_at, ",
        ts!("revoked_at"),
        " AS revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id"
    ))
    .bind(user)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TokenInfo {
                id: r.try_get("id")?,
                created_at: r.try_get("created_at")?,
                last_used_at: r.try_get("last_used_at")?,
                revoked_at: r.try_get("revoked_at")?,
            })
        })
        .collect()
}

pub async fn revoke_token(pool: &PgPool, id: i64) -> Result<bool, DbError> {
    let r = sqlx::query(
        "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(id)
    .execute(pool)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn revoke_token_hash(pool: &PgPool, hash: &[u8]) -> Result<bool, DbError> {
    let r = sqlx::query(
        "UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(hash)
    .execute(pool)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Seconds since each attempt counted within the window.
async fn ages(
    tx: &mut sqlx::PgConnection,
    column: &str,
    value: &str,
    window: i64,
) -> Result<Vec<f64>, DbError> {
    let sql = format!(
        "SELECT extract(epoch FROM now() - at)::float8 AS age FROM login_attempts \
         WHERE {column} = $1 AND at > now() - make_interval(secs => $2)"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .bind(window as f64)
        .fetch_all(&mut *tx)
        .await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<f64, _>("age")?))
        .collect()
}

pub async fn login_attempt(
    pool: &PgPool,
    email: &str,
    client: &str,
    limits: &LoginLimits,
) -> Result<Throttle, DbError> {
    let mut tx = pool.begin().await?;
    // Attempts for one email, then for one client, take turns (always in this order, so two
    // transactions never wait on each other's lock).
    for key in [
        format!("login-email:{email}"),
        format!("login-client:{client}"),
    ] {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    let by_email = ages(&mut tx, "email", email, limits.window_secs).await?;
    let by_client = ages(&mut tx, "client", client, limits.window_secs).await?;
    let decision = limits.decide(&by_email, &by_client);
    if decision == Throttle::Allowed {
        sqlx::query("INSERT INTO login_attempts (email, client) VALUES ($1, $2)")
            .bind(email)
            .bind(client)
            .execute(&mut *tx)
            .await?;
        // Rows past the window count for no one (an index on `at` finds them).
        sqlx::query("DELETE FROM login_attempts WHERE at <= now() - make_interval(secs => $1)")
            .bind(limits.window_secs as f64)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(decision)
}

pub async fn login_succeeded(pool: &PgPool, email: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM login_attempts WHERE email = $1")
        .bind(email)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn add_invitation(
    pool: &PgPool,
    group: i64,
    role: Role,
    hash: &[u8],
    created_by: i64,
    lifetime_secs: i64,
) -> Result<String, DbError> {
    let row = sqlx::query(concat!(
        "INSERT INTO invitations (group_id, role, token_hash, created_by, expires_at) \
         VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING ",
        ts!("expires_at"),
        " AS expires_at"
    ))
    .bind(group)
    .bind(role.as_str())
    .bind(hash)
    .bind(created_by)
    .bind(lifetime_secs as f64)
    .fetch_one(pool)
    .await;
    match row {
        Ok(r) => Ok(r.try_get("expires_at")?),
        Err(sqlx::Error::Database(d)) if d.code().as_deref() == Some("23503") => {
            Err(DbError::NotFound(format!("group {group}")))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn invitation(pool: &PgPool, hash: &[u8]) -> Result<Option<Invitation>, DbError> {
    let row = sqlx::query(
        "SELECT i.group_id, g.name, i.role, (i.used_at IS NOT NULL) AS used, \
         (i.expires_at <= now()) AS expired \
         FROM invitations i JOIN groups g ON g.id = i.group_id WHERE i.token_hash = $1",
    )
    .bind(hash)
    .fetch_optional(pool)
    .await?;
    row.map(|r| {
        let state = if r.try_get::<bool, _>("used")? {
            InviteState::Used
        } else if r.try_get::<bool, _>("expired")? {
            InviteState::Expired
        } else {
            InviteState::Open
        };
        Ok(Invitation {
            group: r.try_get("group_id")?,
            group_name: r.try_get("name")?,
            role: role_of(&r.try_get::<String, _>("role")?)?,
            state,
        })
    })
    .transpose()
}

pub async fn accept_invitation(
    pool: &PgPool,
    hash: &[u8],
    joiner: &Joiner,
) -> Result<Result<Joined, InviteRefusal>, DbError> {
    let mut tx = pool.begin().await?;
    let user = match joiner {
        Joiner::Existing(id) => *id,
        Joiner::New {
            email,
            password_hash,
        } => {
            let r = sqlx::query(
                "INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id",
            )
            .bind(email)
            .bind(password_hash)
            .fetch_one(&mut *tx)
            .await;
            match r {
                Ok(row) => row.try_get("id")?,
                Err(sqlx::Error::Database(d)) if d.code().as_deref() == Some("23505") => {
                    return Err(DbError::Conflict(format!(
                        "an account for {email} exists already"
                    )));
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    // The row lock of this UPDATE makes a second, concurrent use wait and then find the
    // invitation used.
    let used = sqlx::query(
        "UPDATE invitations SET used_by = $2, used_at = now() \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() \
         RETURNING group_id, role",
    )
    .bind(hash)
    .bind(user)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = used else {
        tx.rollback().await?;
        let why = match invitation(pool, hash).await?.map(|i| i.state) {
            None => InviteRefusal::Unknown,
            Some(s) => InviteRefusal::of(s).unwrap_or(InviteRefusal::Used),
        };
        return Ok(Err(why));
    };
    let group: i64 = row.try_get("group_id")?;
    let role = role_of(&row.try_get::<String, _>("role")?)?;
    // Joining never lowers a role: an owner stays owner, a coach invited as member stays coach.
    let r = sqlx::query(
        "INSERT INTO memberships (group_id, user_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT (group_id, user_id) DO UPDATE SET role = \
         CASE WHEN memberships.role IN ('owner', 'coach') THEN memberships.role ELSE EXCLUDED.role END \
         RETURNING role",
    )
    .bind(group)
    .bind(user)
    .bind(role.as_str())
    .fetch_one(&mut *tx)
    .await?;
    let role = role_of(&r.try_get::<String, _>("role")?)?;
    tx.commit().await?;
    Ok(Ok(Joined { group, user, role }))
}

pub async fn group_owner(pool: &PgPool, group: i64) -> Result<Option<i64>, DbError> {
    let row = sqlx::query(
        "SELECT user_id FROM memberships WHERE group_id = $1 AND role = 'owner' \
         ORDER BY created_at, user_id LIMIT 1",
    )
    .bind(group)
    .fetch_optional(pool)
    .await?;
    row.map(|r| Ok(r.try_get("user_id")?)).transpose()
}
