//! The HTTP face (atuin's `router.rs`): [`router`] builds the routes over a state, [`serve`]
//! runs them on a listener until a shutdown signal, so tests bind port 0 and drive a real
//! server. The state is only the storage handle: nothing another copy of the server would need
//! lives in memory, so any number of copies can run behind a load balancer.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodFilter, MethodRouter, on};
use serde::de::DeserializeOwned;
use tokio::net::TcpListener;

use crate::error::ApiError;
use crate::handlers;
use crate::session;
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

/// The HTTP methods the routes use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Delete,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Delete => "DELETE",
        }
    }

    fn filter(self) -> MethodFilter {
        match self {
            Verb::Get => MethodFilter::GET,
            Verb::Post => MethodFilter::POST,
            Verb::Put => MethodFilter::PUT,
            Verb::Delete => MethodFilter::DELETE,
        }
    }

    /// Whether a request with this method changes state (and so needs a CSRF token when it
    /// is made with a session cookie).
    pub fn changes_state(self) -> bool {
        !matches!(self, Verb::Get)
    }
}

/// One route: its method, its path pattern, its handler.
#[derive(Debug)]
pub struct Endpoint<D> {
    pub verb: Verb,
    pub path: &'static str,
    pub handler: MethodRouter<AppState<D>>,
}

fn ep<D, H, T>(verb: Verb, path: &'static str, handler: H) -> Endpoint<D>
where
    D: Database,
    H: Handler<T, AppState<D>>,
    T: 'static,
{
    Endpoint {
        verb,
        path,
        handler: on(verb.filter(), handler),
    }
}

/// Every route of the server, API and pages: the one list [`router`] is built from (and the
/// authorization table test walks, so a route cannot be added without its expectations).
pub fn endpoints<D: Database>() -> Vec<Endpoint<D>> {
    use crate::pages;
    use Verb::{Delete, Get, Post};
    use handlers::{comments, groups, invitations, shares};
    vec![
        // the JSON API
        ep(Get, "/api/health", groups::health::<D>),
        ep(Get, "/api/me", groups::me::<D>),
        ep(Get, "/api/groups", groups::list::<D>),
        ep(Get, "/api/groups/{id}/shares", shares::list::<D>),
        ep(Post, "/api/groups/{id}/shares", shares::create::<D>),
        ep(Get, "/api/groups/{id}/members", groups::members::<D>),
        ep(
            Post,
            "/api/groups/{id}/invitations",
            invitations::create::<D>,
        ),
        ep(Get, "/api/shares/{id}/comments", comments::list::<D>),
        ep(Post, "/api/shares/{id}/comments", comments::create::<D>),
        ep(Get, "/api/shares/{id}/ratings", comments::ratings::<D>),
        ep(Post, "/api/shares/{id}/ratings", comments::rate::<D>),
        ep(
            Delete,
            "/api/tokens/current",
            invitations::revoke_current::<D>,
        ),
        // the browser pages
        ep(Get, "/", pages::login::home),
        ep(Get, "/login", pages::login::show),
        ep(Post, "/login", pages::login::submit::<D>),
        ep(Post, "/logout", pages::login::logout::<D>),
        ep(Get, "/groups", pages::groups::list::<D>),
        ep(Get, "/groups/{id}", pages::groups::show::<D>),
        ep(Post, "/groups/{id}/invitations", pages::groups::invite::<D>),
        ep(Get, "/shares/{id}", pages::shares::show::<D>),
        ep(Post, "/shares/{id}/comments", pages::shares::comment::<D>),
        ep(Post, "/shares/{id}/ratings", pages::shares::rate::<D>),
        ep(Get, "/invite/{token}", pages::invite::show::<D>),
        ep(Post, "/invite/{token}", pages::invite::accept::<D>),
        // the web UI's language switch and assets, reused
        ep(Get, "/lang/{code}", loopcoach_web::pages::set_lang),
        ep(Get, "/static/{file}", loopcoach_web::assets::serve),
    ]
    .into_iter()
    .chain(study_endpoints::<D>())
    .collect()
}

/// The routes of studying together: shared banks, drills, peer mocks, the debrief and the
/// cohort dashboard (`crate::study`), API and pages.
fn study_endpoints<D: Database>() -> Vec<Endpoint<D>> {
    use crate::pages::{study, study_mocks};
    use Verb::{Get, Post, Put};
    use handlers::{banks, cohort, mocks};
    vec![
        // the JSON API
        ep(Get, "/api/groups/{id}/banks", banks::list::<D>),
        ep(Get, "/api/groups/{id}/banks/{name}", banks::get::<D>),
        ep(Put, "/api/groups/{id}/banks/{name}", banks::put::<D>),
        ep(
            Get,
            "/api/groups/{id}/banks/{name}/questions",
            banks::questions::<D>,
        ),
        ep(
            Put,
            "/api/groups/{id}/banks/{name}/questions/{card}",
            banks::put_question::<D>,
        ),
        ep(Get, "/api/groups/{id}/drill/next", banks::next::<D>),
        ep(Post, "/api/groups/{id}/drill/reviews", banks::review::<D>),
        ep(Get, "/api/groups/{id}/mocks", mocks::list::<D>),
        ep(Post, "/api/groups/{id}/mocks", mocks::create::<D>),
        ep(Get, "/api/groups/{id}/assessments", mocks::mine::<D>),
        ep(Get, "/api/groups/{id}/debrief", mocks::debrief::<D>),
        ep(Get, "/api/mocks/{id}", mocks::get::<D>),
        ep(Get, "/api/mocks/{id}/sheet", mocks::sheet::<D>),
        ep(Put, "/api/mocks/{id}/assessment", mocks::assess::<D>),
        ep(Get, "/api/groups/{id}/dashboard", cohort::show::<D>),
        ep(
            Get,
            "/api/groups/{id}/dashboard/heatmap.svg",
            cohort::heatmap::<D>,
        ),
        // the browser pages
        ep(Get, "/groups/{id}/banks", study::banks::<D>),
        ep(Post, "/groups/{id}/banks", study::create_bank::<D>),
        ep(Get, "/groups/{id}/banks/{name}", study::bank::<D>),
        ep(Post, "/groups/{id}/banks/{name}", study::save_bank::<D>),
        ep(Get, "/groups/{id}/drill", study::drill::<D>),
        ep(Post, "/groups/{id}/drill", study::rate::<D>),
        ep(Get, "/groups/{id}/mocks", study_mocks::mocks::<D>),
        ep(Post, "/groups/{id}/mocks", study_mocks::open::<D>),
        ep(Get, "/groups/{id}/debrief", study_mocks::debrief::<D>),
        ep(Get, "/groups/{id}/dashboard", study_mocks::dashboard::<D>),
        ep(Get, "/mocks/{id}", study_mocks::mock::<D>),
        ep(Post, "/mocks/{id}/assessment", study_mocks::assess::<D>),
    ]
}

/// The routes, API and pages, behind the authentication middleware ([`session::authenticate`]).
pub fn router<D: Database>(state: AppState<D>) -> Router {
    let mut r = Router::new();
    for e in endpoints::<D>() {
        r = r.route(e.path, e.handler);
    }
    r.fallback(|| async { ApiError::NotFound })
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(from_fn_with_state(
            state.clone(),
            session::authenticate::<D>,
        ))
        .with_state(state)
}

/// Serve `app` on `listener` until `shutdown` completes; requests in flight finish first.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer's address is kept for the sign-in rate limit per client.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
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

/// A URL-encoded form (the pages'); anything unreadable is a 400, shown as a page.
#[derive(Debug)]
pub struct FormBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for FormBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(FormBody(v)),
            Err(e) => Err(ApiError::BadRequest(e.body_text())),
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
