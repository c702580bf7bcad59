//! `/login` (sign in with email and password) and `/logout`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::Extensions;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use loopcoach_core::i18n::Arg;
use loopcoach_web::pages::P;
use serde::Deserialize;

use super::{PageUi, render, render_status, safe_next, see_other, with_cookie};
use crate::error::ApiError;
use crate::limits::LoginLimits;
use crate::login::{SignIn, client_of, sign_in};
use crate::router::{AppState, FormBody};
use crate::session::{self, Authed};
use crate::storage::Database;

#[derive(Debug, Template)]
#[template(path = "server/login.html")]
pub struct LoginPage {
    pub p: P,
    pub next: String,
    pub email: String,
    pub message: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    pub next: String,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub next: String,
}

/// `GET /`: the group list (or the sign-in page, through it).
pub async fn home() -> Response {
    see_other("/groups")
}

/// `GET /login`: the form (a signed-in caller goes straight on).
pub async fn show(
    ui: PageUi,
    authed: Option<Authed>,
    Query(q): Query<NextQuery>,
) -> Result<Response, ApiError> {
    let next = safe_next(&q.next);
    if authed.is_some() {
        return Ok(see_other(&next));
    }
    render(&LoginPage {
        p: ui.p("", "server-sign-in"),
        next,
        email: String::new(),
        message: None,
    })
}

/// `POST /login`: a session cookie and on to `next`; a wrong email or password is a 401
/// page, too many failures a 429 page with `Retry-After`.
pub async fn submit<D: Database>(
    State(st): State<AppState<D>>,
    ui: PageUi,
    ext: Extensions,
    FormBody(f): FormBody<LoginForm>,
) -> Result<Response, ApiError> {
    let client = client_of(&ext);
    let next = safe_next(&f.next);
    let outcome = sign_in(
        &st.db,
        &f.email,
        &f.password,
        &client,
        &LoginLimits::default(),
    )
    .await?;
    if let SignIn::Ok(user) = &outcome {
        let set = session::start(&st, user.id).await?;
        return Ok(with_cookie(see_other(&next), &set));
    }
    // No await from here on: the page context holds the (thread-local) catalogue.
    let p = ui.p("", "server-sign-in");
    let (status, message) = refusal(&p, &outcome);
    let mut r = render_status(
        status,
        &LoginPage {
            p,
            next,
            email: f.email.trim().to_owned(),
            message: Some(message),
        },
    )?;
    retry_after(&mut r, &outcome);
    Ok(r)
}

/// The status and message of a sign-in that did not succeed.
pub fn refusal(p: &P, outcome: &SignIn) -> (StatusCode, String) {
    match outcome {
        SignIn::Wait(secs) => (
            StatusCode::TOO_MANY_REQUESTS,
            p.t.fmt(
                "server-login-wait",
                &[("minutes", Arg::from(secs.div_ceil(60) as usize))],
            ),
        ),
        _ => (StatusCode::UNAUTHORIZED, p.t.get("server-login-wrong")),
    }
}

/// `Retry-After` on a refusal for too many failures.
pub fn retry_after(r: &mut Response, outcome: &SignIn) {
    if let SignIn::Wait(secs) = outcome
        && let Ok(v) = HeaderValue::from_str(&secs.to_string())
    {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
}

/// `POST /logout`: the session ends (on every server copy) and its cookie is deleted.
pub async fn logout<D: Database>(
    State(st): State<AppState<D>>,
    authed: Option<Authed>,
) -> Result<Response, ApiError> {
    let set = session::end(&st, authed.as_ref()).await?;
    Ok(with_cookie(see_other("/login"), &set))
}
