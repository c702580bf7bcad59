//! The HTTP face (atuin's `router.rs`): [`router`] builds the routes over a state, [`serve`]
//! runs them on a listener until a shutdown signal, so tests bind port 0 and drive a real
//! server. The state is only the storage handle: nothing another copy of the server would need
//! lives in memory, so any number of copies can run behind a load balancer.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::routing::get;
use serde::de::DeserializeOwned;
use tokio::net::TcpListener;

use crate::error::ApiError;
use crate::handlers;
use crate::storage::Database;

/// What every handler gets.
#[derive(Debug, Clone)]
pub struct AppState<D> {
    pub db: D,
    /// The server's public address, for links it writes (invitations).
    pub base_url: String,
}

/// Largest accepted request body.
pub const MAX_BODY: usize = 1 << 20;

/// The routes of the API.
pub fn router<D: Database>(state: AppState<D>) -> Router {
    use handlers::{comments, groups, shares};
    Router::new()
        .route("/api/health", get(groups::health::<D>))
        .route("/api/me", get(groups::me::<D>))
        .route("/api/groups", get(groups::list::<D>))
        .route(
            "/api/groups/{id}/shares",
            get(shares::list::<D>).post(shares::create::<D>),
        )
        .route("/api/groups/{id}/members", get(groups::members::<D>))
        .route(
            "/api/shares/{id}/comments",
            get(comments::list::<D>).post(comments::create::<D>),
        )
        .route(
            "/api/shares/{id}/ratings",
            get(comments::ratings::<D>).post(comments::rate::<D>),
        )
        .merge(study_routes())
        .fallback(|| async { ApiError::NotFound })
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// The routes of studying together (shared banks, drills, peer mocks, the cohort).
fn study_routes<D: Database>() -> Router<AppState<D>> {
    use axum::routing::{post, put};
    use handlers::{banks, cohort, mocks};
    Router::new()
        .route("/api/groups/{id}/banks", get(banks::list::<D>))
        .route(
            "/api/groups/{id}/banks/{name}",
            get(banks::get::<D>).put(banks::put::<D>),
        )
        .route(
            "/api/groups/{id}/banks/{name}/questions",
            get(banks::questions::<D>),
        )
        .route(
            "/api/groups/{id}/banks/{name}/questions/{card}",
            put(banks::put_question::<D>),
        )
        .route("/api/groups/{id}/drill/next", get(banks::next::<D>))
        .route("/api/groups/{id}/drill/reviews", post(banks::review::<D>))
        .route(
            "/api/groups/{id}/mocks",
            get(mocks::list::<D>).post(mocks::create::<D>),
        )
        .route("/api/groups/{id}/assessments", get(mocks::mine::<D>))
        .route("/api/groups/{id}/debrief", get(mocks::debrief::<D>))
        .route("/api/mocks/{id}", get(mocks::get::<D>))
        .route("/api/mocks/{id}/sheet", get(mocks::sheet::<D>))
        .route("/api/mocks/{id}/assessment", put(mocks::assess::<D>))
        .route("/api/groups/{id}/dashboard", get(cohort::show::<D>))
        .route(
            "/api/groups/{id}/dashboard/heatmap.svg",
            get(cohort::heatmap::<D>),
        )
}

/// Serve `app` on `listener` until `shutdown` completes; requests in flight finish first.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Ctrl-C or SIGTERM (what a process manager sends).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    // A moment for the load balancer to notice before the listener closes.
    tokio::time::sleep(Duration::from_millis(10)).await;
}

/// A JSON body; anything unreadable is a 400 with a JSON error (never axum's plain text).
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Body(v)),
            Err(e) => Err(ApiError::BadRequest(json_problem(&e))),
        }
    }
}

fn json_problem(e: &JsonRejection) -> String {
    match e {
        JsonRejection::MissingJsonContentType(_) => {
            "send the body as JSON (Content-Type: application/json)".to_owned()
        }
        other => other.body_text(),
    }
}

/// A numeric id in the path; anything else names nothing, so it is a 404.
#[derive(Debug, Clone, Copy)]
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let r: Result<axum::extract::Path<i64>, PathRejection> =
            axum::extract::Path::from_request_parts(parts, state).await;
        r.map(|p| Id(p.0)).map_err(|_| ApiError::NotFound)
    }
}
