//! `/invite/{token}`: an invitation link. A signed-in visitor joins with one button; anyone
//! else signs in or creates an account on the same page, and joins in the same step. A used,
//! expired or unknown link is refused with a page that says which.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{Extensions, StatusCode};
use axum::response::Response;
use loopcoach_core::i18n::Arg;
use loopcoach_web::pages::P;
use serde::Deserialize;

use super::groups::role_label;
use super::login::{refusal, retry_after};
use super::{PageUi, render_status, see_other, with_cookie};
use crate::auth::token_hash;
use crate::error::{ApiError, DbError};
use crate::invite::{Invitation, InviteRefusal, Joiner};
use crate::limits::LoginLimits;
use crate::login::{SignIn, client_of, new_password_hash, sign_in};
use crate::model;
use crate::router::{AppState, FormBody};
use crate::session::{self, Authed};
use crate::storage::Database;

#[derive(Debug, Template)]
#[template(path = "server/invite.html")]
pub struct InvitePage {
    pub p: P,
    pub token: String,
    /// "Join {group} as {role}", or why the link cannot be used.
    pub lead: String,
    pub open: bool,
    pub signed_in: bool,
    pub email: String,
    pub message: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password2: String,
}

/// The invitation of a link token, or why it cannot be used.
async fn lookup<D: Database>(
    db: &D,
    token: &str,
) -> Result<Result<Invitation, InviteRefusal>, ApiError> {
    if !token.starts_with(crate::invite::TOKEN_PREFIX) || token.len() > 200 {
        return Ok(Err(InviteRefusal::Unknown));
    }
    Ok(match db.invitation(&token_hash(token)).await? {
        None => Err(InviteRefusal::Unknown),
        Some(i) => match InviteRefusal::of(i.state) {
            Some(r) => Err(r),
            None => Ok(i),
        },
    })
}

fn refusal_status(r: InviteRefusal) -> StatusCode {
    match r {
        InviteRefusal::Unknown => StatusCode::NOT_FOUND,
        InviteRefusal::Used | InviteRefusal::Expired => StatusCode::GONE,
    }
}

fn page(ui: &PageUi, token: &str, inv: &Result<Invitation, InviteRefusal>) -> InvitePage {
    let p = ui.p("", "server-invite-title");
    let lead = match inv {
        Ok(i) => p.t.fmt(
            "server-invite-lead",
            &[
                ("group", Arg::from(&i.group_name)),
                ("role", Arg::from(role_label(&p, i.role))),
            ],
        ),
        Err(r) => p.t.get(r.message_id()),
    };
    InvitePage {
        open: inv.is_ok(),
        signed_in: ui.account.is_some(),
        p,
        token: token.to_owned(),
        lead,
        email: String::new(),
        message: None,
    }
}

/// `GET /invite/{token}`.
pub async fn show<D: Database>(
    State(st): State<AppState<D>>,
    ui: PageUi,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let inv = lookup(&st.db, &token).await?;
    let status = match &inv {
        Ok(_) => StatusCode::OK,
        Err(r) => refusal_status(*r),
    };
    render_status(status, &page(&ui, &token, &inv))
}

/// What a `POST /invite/{token}` comes to, decided before any page is made.
enum Outcome {
    Joined { group: i64, cookie: Option<String> },
    Refused(InviteRefusal),
    SignInFailed(SignIn),
    Again(StatusCode, &'static str),
}

/// `POST /invite/{token}`: join (signed in), sign in and join, or create an account and join.
pub async fn accept<D: Database>(
    State(st): State<AppState<D>>,
    ui: PageUi,
    authed: Option<Authed>,
    ext: Extensions,
    Path(token): Path<String>,
    FormBody(f): FormBody<InviteForm>,
) -> Result<Response, ApiError> {
    let inv = lookup(&st.db, &token).await?;
    let outcome = match &inv {
        Err(r) => Outcome::Refused(*r),
        Ok(_) => join(&st, authed.as_ref(), &client_of(&ext), &token, &f).await?,
    };
    // No await from here on: the page context holds the (thread-local) catalogue.
    let again = |status: StatusCode, message: String| {
        let mut pg = page(&ui, &token, &inv);
        pg.email = f.email.trim().to_owned();
        pg.message = Some(message);
        render_status(status, &pg)
    };
    match outcome {
        Outcome::Joined { group, cookie } => {
            let to = see_other(&format!("/groups/{group}"));
            Ok(match cookie {
                Some(set) => with_cookie(to, &set),
                None => to,
            })
        }
        Outcome::Refused(r) => render_status(refusal_status(r), &page(&ui, &token, &Err(r))),
        Outcome::SignInFailed(s) => {
            let (status, message) = refusal(&ui.p("", "server-invite-title"), &s);
            let mut r = again(status, message)?;
            retry_after(&mut r, &s);
            Ok(r)
        }
        Outcome::Again(status, id) => {
            let t = ui.ui.tr();
            let message = if id == "server-password-short" {
                t.fmt(id, &[("n", Arg::from(model::MIN_PASSWORD))])
            } else {
                t.get(id)
            };
            again(status, message)
        }
    }
}

/// Who joins (a signed-in caller, one who signs in here, or a new account), and the joining.
async fn join<D: Database>(
    st: &AppState<D>,
    authed: Option<&Authed>,
    client: &str,
    token: &str,
    f: &InviteForm,
) -> Result<Outcome, ApiError> {
    let (joiner, new_session) = match (f.action.as_str(), authed) {
        ("join", Some(a)) => (Joiner::Existing(a.user.id), false),
        ("login", _) => {
            match sign_in(
                &st.db,
                &f.email,
                &f.password,
                client,
                &LoginLimits::default(),
            )
            .await?
            {
                SignIn::Ok(u) => (Joiner::Existing(u.id), true),
                other => return Ok(Outcome::SignInFailed(other)),
            }
        }
        ("register", _) => {
            let Ok(email) = model::normalize_email(&f.email) else {
                return Ok(Outcome::Again(StatusCode::BAD_REQUEST, "server-bad-email"));
            };
            if f.password != f.password2 {
                return Ok(Outcome::Again(
                    StatusCode::BAD_REQUEST,
                    "server-password-mismatch",
                ));
            }
            if model::check_password(&f.password).is_err() {
                return Ok(Outcome::Again(
                    StatusCode::BAD_REQUEST,
                    "server-password-short",
                ));
            }
            let password_hash = new_password_hash(&f.password).await?;
            (
                Joiner::New {
                    email,
                    password_hash,
                },
                true,
            )
        }
        _ => {
            return Err(ApiError::BadRequest(
                "action: join (signed in), login or register".to_owned(),
            ));
        }
    };
    let joined = match st.db.accept_invitation(&token_hash(token), &joiner).await {
        Ok(Ok(j)) => j,
        Ok(Err(r)) => return Ok(Outcome::Refused(r)),
        Err(DbError::Conflict(_)) => {
            return Ok(Outcome::Again(
                StatusCode::CONFLICT,
                "server-account-exists",
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let cookie = if new_session {
        Some(session::start(st, joined.user).await?)
    } else {
        None
    };
    Ok(Outcome::Joined {
        group: joined.group,
        cookie,
    })
}
