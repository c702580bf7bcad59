//! loopcoach-web: the workspace in a browser, offline.
//!
//! [`router`] builds the axum app over an [`AppState`]; [`serve`] runs it on a listener until
//! a shutdown future resolves, so tests bind port 0 and drive a real server. Pages are
//! server-rendered from compiled askama templates; htmx (vendored, embedded) makes the
//! partial updates; our own small script adds keyboard shortcuts. No JavaScript build step,
//! nothing fetched from elsewhere.
//!
//! Handlers gather data through the same library calls as the CLI (store, readiness, notes
//! edits, practice, labs) on a blocking thread, and render it; nothing in them decides what
//! the CLI would decide differently. See `docs/web.md`.

pub mod assets;
pub mod backend;
pub mod error;
pub mod pages;
pub mod render;
pub mod security;
pub mod state;
pub mod svg;
pub mod ui;

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

pub use backend::{Backend, LocalWorkspace, Revision};
pub use error::WebError;
pub use state::AppState;

/// The pages in the navigation that this build serves.
pub const ROUTES: &[&str] = &[
    "/",
    "/notes",
    "/stories",
    "/questions",
    "/drill",
    "/mock",
    "/labs",
    "/history",
    "/search",
];

/// The app: every route behind the security middleware.
pub fn router(state: AppState) -> Router {
    use pages::{
        dashboard, drill, history, labs, mock, mock_debrief, notes, questions, recording, stories,
    };
    Router::new()
        .route("/", get(dashboard::show))
        .route("/notes", get(notes::index))
        .route("/notes/{id}", get(notes::show))
        .route("/stories", get(stories::index))
        .route("/stories/{id}", get(stories::show).post(stories::save))
        .route("/stories/{id}/check", post(stories::check))
        .route("/questions", get(questions::index))
        .route("/search", get(questions::search))
        .route("/drill", get(drill::show))
        .route("/drill/answer", post(drill::answer))
        .route("/drill/rate", post(drill::rate))
        .route("/mock", get(mock::show))
        .route("/mock/start", post(mock::start))
        .route("/mock/{id}", get(mock::question))
        .route("/mock/{id}/answer", post(mock::answer))
        .route("/mock/{id}/debrief", get(mock_debrief::show))
        .route(
            "/mock/{id}/{n}/recording",
            get(recording::serve).post(recording::upload),
        )
        .route("/labs", get(labs::index))
        .route("/labs/new", post(labs::create))
        .route("/labs/{id}", get(labs::show))
        .route("/labs/{id}/file", get(labs::file))
        .route("/labs/{id}/check", post(labs::check))
        .route("/history", get(history::show))
        .route("/lang/{code}", get(pages::set_lang))
        .route("/static/{file}", get(assets::serve))
        .fallback(pages::not_found)
        .layer(from_fn_with_state(state.clone(), security::guard))
        .with_state(state)
}

/// Serve `router(state)` on `listener` until `shutdown` resolves (in-flight requests finish).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Whether `addr` may be bound without `--allow-remote`: loopback only (127.0.0.0/8, ::1).
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// A new access token for remote mode: 32 random bytes, hex.
pub fn new_access_token() -> Result<String, WebError> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| WebError::Other(e.to_string()))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_addresses_are_local() {
        for ok in ["127.0.0.1:1", "127.8.9.10:1", "[::1]:1"] {
            assert!(is_loopback(&ok.parse().unwrap_or_else(|_| panic!("{ok}"))));
        }
        for bad in ["0.0.0.0:1", "[::]:1", "192.168.1.2:1", "10.0.0.1:1"] {
            assert!(!is_loopback(
                &bad.parse().unwrap_or_else(|_| panic!("{bad}"))
            ));
        }
    }

    #[test]
    fn access_tokens_are_long_and_distinct() {
        let a = new_access_token().unwrap_or_default();
        let b = new_access_token().unwrap_or_default();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
