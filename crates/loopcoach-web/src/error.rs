//! One error type for every handler and one mapping to HTTP: bad input is a 4xx page that
//! says what was wrong, never a 500; only a failure of the workspace itself is a 500.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use loopcoach_store::StoreError;

/// What a handler can fail with. Messages are already in the user's language.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The request asked for something malformed (a form field, a query).
    #[error("{0}")]
    BadRequest(String),
    /// No such story, question, lab, page.
    #[error("{0}")]
    NotFound(String),
    /// Refused: a missing CSRF token or access token.
    #[error("{0}")]
    Forbidden(String),
    /// An upload over its size limit.
    #[error("{0}")]
    TooLarge(String),
    /// The request contradicts what is stored (a question answered twice).
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Anything else that went wrong on our side (its text is shown).
    #[error("{0}")]
    Other(String),
    /// A lock was poisoned or a worker thread died.
    #[error("internal error")]
    Internal,
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Store(StoreError::NotFound(_)) => StatusCode::NOT_FOUND,
            WebError::Store(_) | WebError::Other(_) | WebError::Internal => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        // Handlers render errors inside the page layout in the user's language
        // (`pages::error_page`); this is the path for errors raised before a page is known.
        crate::pages::error_page(&crate::ui::Ui::fallback(), &self)
    }
}
