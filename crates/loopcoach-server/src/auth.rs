//! Credentials: argon2id password hashes, random tokens kept only as SHA-256, and the
//! [`Caller`] extractor: the user of a request's `Authorization: Bearer TOKEN` or of its
//! session cookie (resolved once by [`crate::session::authenticate`]).

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::session::Authed;
use crate::storage::User;

/// Prefix of personal API tokens, so a leaked one is recognisable in logs and scanners.
pub const TOKEN_PREFIX: &str = "lct_";

/// A new random secret: 32 bytes from the operating system's generator, as hex, prefixed.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    let mut s = String::with_capacity(TOKEN_PREFIX.len() + 64);
    s.push_str(TOKEN_PREFIX);
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// What is stored of a token: its SHA-256 (a token has 256 random bits, so a fast hash is
/// enough; a slow one would cost every request).
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// An argon2id hash of `password` (PHC string, random salt, the crate's default cost).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let hash: PasswordHash = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|_| ApiError::Internal)?;
    Ok(hash.to_string())
}

/// Whether `password` matches the stored PHC `hash` (false for a malformed hash).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// The bearer token of a request, if it sent one.
pub fn bearer(parts: &Parts) -> Option<&str> {
    let v = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The caller, authenticated by a bearer token or a session cookie (pages and the API alike).
/// Rejects with 401 otherwise (a page turns that into the sign-in page).
#[derive(Debug, Clone)]
pub struct Caller(pub User);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Authed>()
            .map(|a| Caller(a.user.clone()))
            .ok_or(ApiError::Unauthorized)
    }
}

impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for Authed {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Authed>().cloned())
    }
}

/// The caller and how they signed in (to revoke their own token, end their own session).
impl<S: Send + Sync> FromRequestParts<S> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Authed>()
            .cloned()
            .ok_or(ApiError::Unauthorized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hash_to_32_bytes() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 64);
        assert_eq!(token_hash(&a).len(), 32);
        assert_ne!(token_hash(&a), token_hash(&b));
    }

    #[test]
    fn passwords_verify_only_themselves() {
        let h = hash_password("correct horse battery").unwrap_or_default();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterz", &h));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn bearer_reads_the_scheme_case_insensitively() {
        let req = |v: &str| {
            let (parts, ()) = axum::http::Request::builder()
                .header(header::AUTHORIZATION, v)
                .body(())
                .unwrap_or_default()
                .into_parts();
            parts
        };
        assert_eq!(bearer(&req("Bearer abc")), Some("abc"));
        assert_eq!(bearer(&req("bearer  abc ")), Some("abc"));
        assert_eq!(bearer(&req("Basic abc")), None);
        assert_eq!(bearer(&req("Bearer ")), None);
    }
}
