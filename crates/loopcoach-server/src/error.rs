//! Errors: what storage reports ([`DbError`]) and what a client is answered ([`ApiError`]).
//! One `IntoResponse` maps every error to its status and a JSON body
//! `{"error": {"code": "...", "message": "..."}}`; nothing a client sends yields a 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::model::Invalid;

/// What the storage layer can fail with.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A named thing (a user, a group) does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The write would break a uniqueness rule (an account that exists already).
    #[error("{0}")]
    Conflict(String),
    /// A value breaks a rule of the domain.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The database could not be reached or answered with an error.
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// Applying the schema's migrations failed.
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl DbError {
    /// True when the database itself is unreachable (a restart, a full pool): the request
    /// may succeed if retried.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            DbError::Sqlx(
                sqlx::Error::PoolTimedOut
                    | sqlx::Error::PoolClosed
                    | sqlx::Error::Io(_)
                    | sqlx::Error::Protocol(_)
                    | sqlx::Error::WorkerCrashed
            )
        ) || matches!(self, DbError::Sqlx(sqlx::Error::Database(e)) if e.code().is_some_and(|c| c.starts_with("57P") || c.starts_with("08")))
    }
}

/// Left on an error response, so a page can show it in its layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorMark {
    pub code: &'static str,
    pub message: String,
}

/// An answer other than success.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No credentials, or credentials that match no one.
    #[error("sign in, or send Authorization: Bearer TOKEN")]
    Unauthorized,
    /// The thing does not exist, or the caller may not know it does.
    #[error("not found")]
    NotFound,
    /// The caller is in the group but their role may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The request is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// Too many attempts; try again later.
    #[error("too many attempts; try again in a minute")]
    TooManyRequests,
    /// The database is down or overloaded.
    #[error("the database is unavailable; try again")]
    Unavailable,
    /// Anything else (logged on the server, not shown).
    #[error("internal error")]
    Internal,
}

impl From<Invalid> for ApiError {
    fn from(e: Invalid) -> Self {
        ApiError::BadRequest(e.to_string())
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound(_) => ApiError::NotFound,
            DbError::Conflict(m) => ApiError::BadRequest(m),
            DbError::Invalid(i) => i.into(),
            other if other.is_unavailable() => {
                eprintln!("loopcoach server: {other}");
                ApiError::Unavailable
            }
            other => {
                eprintln!("loopcoach server: {other}");
                ApiError::Internal
            }
        }
    }
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable, machine-readable name of the error.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthorized => "unauthorized",
            ApiError::NotFound => "not_found",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::BadRequest(_) => "bad_request",
            ApiError::TooManyRequests => "too_many_requests",
            ApiError::Unavailable => "unavailable",
            ApiError::Internal => "internal",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code(), "message": self.to_string()}});
        let mut resp = (self.status(), axum::Json(body)).into_response();
        // For pages, which show the error in the layout and the user's language.
        resp.extensions_mut().insert(ErrorMark {
            code: self.code(),
            message: self.to_string(),
        });
        match self {
            ApiError::Unauthorized => {
                resp.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::Unavailable | ApiError::TooManyRequests => {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        resp
    }
}
