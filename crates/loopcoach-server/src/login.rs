//! Signing in with an email and a password: rate-limited in PostgreSQL ([`crate::limits`]),
//! verified with argon2id on a blocking thread, and with the same work for an unknown email
//! (a dummy hash is verified), so the answer's timing does not tell whether an account exists.

use std::net::SocketAddr;
use std::sync::LazyLock;

use axum::extract::ConnectInfo;
use axum::http::Extensions;

use crate::auth::{hash_password, verify_password};
use crate::error::ApiError;
use crate::limits::{LoginLimits, Throttle};
use crate::model;
use crate::storage::{Database, User};

/// Verified for an unknown email: a hash made with the same parameters as real ones.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("loopcoach: no such account, same work").unwrap_or_default());

/// What a sign-in comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    Ok(User),
    /// The email or the password is wrong (which one is not said).
    Wrong,
    /// Too many failures: try again in this many seconds.
    Wait(u64),
}

/// The client's address for rate limiting: the peer of the connection (a load balancer in
/// front should be the only peer, and then limits per address count its address; the limits
/// per email still hold).
pub fn client_of(ext: &Extensions) -> String {
    ext.get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Verify `password` against `hash` (or the dummy hash) on a blocking thread.
async fn verify(password: &str, hash: Option<String>) -> Result<bool, ApiError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let real = hash.is_some();
        let h = hash.unwrap_or_else(|| DUMMY_HASH.clone());
        verify_password(&password, &h) && real
    })
    .await
    .map_err(|_| ApiError::Internal)
}

/// Hash a new password on a blocking thread, after checking the password rules.
pub async fn new_password_hash(password: &str) -> Result<String, ApiError> {
    model::check_password(password)?;
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| ApiError::Internal)?
}

/// Sign in `email` with `password` from `client`.
pub async fn sign_in<D: Database>(
    db: &D,
    email: &str,
    password: &str,
    client: &str,
    limits: &LoginLimits,
) -> Result<SignIn, ApiError> {
    // A malformed address is counted (and refused) like any other.
    let key = model::normalize_email(email).unwrap_or_else(|_| email.trim().to_lowercase());
    let key: String = key.chars().take(254).collect();
    if let Throttle::Wait(s) = db.login_attempt(&key, client, limits).await? {
        return Ok(SignIn::Wait(s));
    }
    let found = db.user_login(&key).await?;
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), Some(h)),
        None => (None, None),
    };
    if verify(password, hash).await?
        && let Some(u) = user
    {
        db.login_succeeded(&key).await?;
        return Ok(SignIn::Ok(u));
    }
    Ok(SignIn::Wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_is_an_argon2id_hash() {
        assert!(DUMMY_HASH.starts_with("$argon2id$"), "{}", *DUMMY_HASH);
    }

    #[test]
    fn without_connection_info_the_client_is_unknown() {
        let mut e = Extensions::new();
        assert_eq!(client_of(&e), "unknown");
        e.insert(ConnectInfo(SocketAddr::from(([10, 1, 2, 3], 5555))));
        assert_eq!(client_of(&e), "10.1.2.3");
    }

    #[tokio::test]
    async fn an_unknown_email_never_verifies() {
        assert!(
            !verify("loopcoach: no such account, same work", None)
                .await
                .unwrap_or(true)
        );
    }
}
