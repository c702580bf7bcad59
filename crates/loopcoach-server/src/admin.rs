//! Administration, as the `loopcoach server admin …` commands call it: accounts, groups,
//! memberships and personal tokens. Each call validates its input through [`crate::model`]
//! and is one storage transaction.

use crate::auth;
use crate::error::{ApiError, DbError};
use crate::model::{self, Role};
use crate::storage::{Database, User};

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

/// Add `email` to `group` with `role` (or change their role; an owner stays owner).
pub async fn add_member<D: Database>(
    db: &D,
    group: &str,
    email: &str,
    role: Role,
) -> Result<(), AdminError> {
    let id: i64 = group
        .trim()
        .parse()
        .map_err(|_| AdminError::NoGroup(group.to_owned()))?;
    if !db.group_exists(id).await? {
        return Err(AdminError::NoGroup(group.to_owned()));
    }
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
