//! Administration, as the `loopcoach server admin …` commands call it: accounts, groups,
//! memberships and personal tokens. Each call validates its input through [`crate::model`]
//! and is one storage transaction.

use crate::auth;
use crate::error::{ApiError, DbError};
use crate::invite::{self, Created};
use crate::model::{self, Role};
use crate::storage::{Database, TokenInfo, User};

/// An error of an admin command, for the command line.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Invalid(#[from] model::Invalid),
    #[error("no account for {0}")]
    NoUser(String),
    #[error("no group {0}")]
    NoGroup(String),
    #[error("cannot hash the password")]
    Hash,
    #[error("no live token {0}")]
    NoToken(String),
}

async fn user<D: Database>(db: &D, email: &str) -> Result<User, AdminError> {
    let email = model::normalize_email(email)?;
    db.user_by_email(&email)
        .await?
        .ok_or(AdminError::NoUser(email))
}

/// Create an account; returns its id.
pub async fn create_user<D: Database>(
    db: &D,
    email: &str,
    password: &str,
) -> Result<i64, AdminError> {
    let email = model::normalize_email(email)?;
    model::check_password(password)?;
    let hash = auth::hash_password(password).map_err(|_: ApiError| AdminError::Hash)?;
    Ok(db.create_user(&email, &hash).await?)
}

/// Create a group owned by `owner`; returns its id.
pub async fn create_group<D: Database>(db: &D, name: &str, owner: &str) -> Result<i64, AdminError> {
    let name = model::normalize_group_name(name)?;
    let owner = user(db, owner).await?;
    Ok(db.create_group(&name, owner.id).await?)
}

async fn group_id<D: Database>(db: &D, group: &str) -> Result<i64, AdminError> {
    let id: i64 = group
        .trim()
        .parse()
        .map_err(|_| AdminError::NoGroup(group.to_owned()))?;
    if !db.group_exists(id).await? {
        return Err(AdminError::NoGroup(group.to_owned()));
    }
    Ok(id)
}

/// Add `email` to `group` with `role` (or change their role; an owner stays owner).
pub async fn add_member<D: Database>(
    db: &D,
    group: &str,
    email: &str,
    role: Role,
) -> Result<(), AdminError> {
    let id = group_id(db, group).await?;
    let u = user(db, email).await?;
    db.set_member(id, u.id, role).await?;
    Ok(())
}

/// A new personal API token for `email` (shown once; only its hash is kept).
pub async fn token<D: Database>(db: &D, email: &str) -> Result<String, AdminError> {
    let u = user(db, email).await?;
    let token = auth::new_token();
    db.add_token(u.id, &auth::token_hash(&token)).await?;
    Ok(token)
}

/// A one-time invitation link to `group` with `role` (coach or member), made in the name of
/// the group's owner, on the server reached at `base_url`.
pub async fn invite<D: Database>(
    db: &D,
    base_url: &str,
    group: &str,
    role: Role,
) -> Result<Created, AdminError> {
    let role = invite::invite_role(role.as_str())?;
    let id = group_id(db, group).await?;
    let owner = db
        .group_owner(id)
        .await?
        .ok_or_else(|| AdminError::NoGroup(group.to_owned()))?;
    Ok(invite::create(db, base_url, id, role, owner).await?)
}

/// The personal tokens of `email` (ids and dates; never the tokens).
pub async fn tokens<D: Database>(db: &D, email: &str) -> Result<Vec<TokenInfo>, AdminError> {
    let u = user(db, email).await?;
    Ok(db.tokens_of(u.id).await?)
}

/// Revoke the token with id `id` (`tokens` lists them): refused at once on every server.
pub async fn revoke_token<D: Database>(db: &D, id: &str) -> Result<(), AdminError> {
    let n: i64 = id
        .trim()
        .parse()
        .map_err(|_| AdminError::NoToken(id.to_owned()))?;
    if db.revoke_token(n).await? {
        Ok(())
    } else {
        Err(AdminError::NoToken(id.trim().to_owned()))
    }
}
