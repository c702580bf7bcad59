//! The pages. Each is a function of its data (a struct built from library calls) and the
//! page context [`P`]; handlers only gather the data, in a blocking task, and render.

pub mod dashboard;
pub mod drill;
pub mod history;
pub mod labs;
pub mod mock;
pub mod mock_debrief;
pub mod notes;
pub mod questions;
pub mod recording;
pub mod stories;

use askama::Template;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use loopcoach_core::Lang;

use crate::error::WebError;
use crate::security::Csrf;
use crate::state::AppState;
use crate::ui::{LANG_COOKIE, Tr, Ui, requested_lang};

/// The page context every template gets as `p`.
#[derive(Debug)]
pub struct P {
    pub t: Tr,
    pub lang: &'static str,
    pub language: Lang,
    pub csrf: String,
    /// The key of the navigation entry to mark current.
    pub nav: &'static str,
    pub title: String,
    /// The navigation entries of the site this page belongs to.
    pub menu: &'static [NavEntry],
    /// The signed-in account (the study-group server), shown with a sign-out button.
    pub account: Option<String>,
}

/// One navigation entry: (key, address, message id).
pub type NavEntry = (&'static str, &'static str, &'static str);

/// The navigation entries of the local workspace that this build serves.
static LOCAL_NAV: std::sync::LazyLock<Vec<NavEntry>> = std::sync::LazyLock::new(|| {
    NAV.iter()
        .copied()
        .filter(|(_, href, _)| crate::ROUTES.contains(href))
        .collect()
});

/// The navigation: (key, address, message id).
const NAV: [NavEntry; 9] = [
    ("dashboard", "/", "web-nav-dashboard"),
    ("notes", "/notes", "web-nav-notes"),
    ("stories", "/stories", "web-nav-stories"),
    ("questions", "/questions", "web-nav-questions"),
    ("drill", "/drill", "web-nav-drill"),
    ("mock", "/mock", "web-nav-mock"),
    ("labs", "/labs", "web-nav-labs"),
    ("history", "/history", "web-nav-history"),
    ("search", "/search", "web-nav-search"),
];

impl P {
    pub fn new(ui: &Ui, nav: &'static str, title_id: &str) -> P {
        P::site(ui, &LOCAL_NAV, nav, title_id, None)
    }

    /// A page of another site built on this layout (the study-group server): its own
    /// navigation, and the signed-in account.
    pub fn site(
        ui: &Ui,
        menu: &'static [NavEntry],
        nav: &'static str,
        title_id: &str,
        account: Option<String>,
    ) -> P {
        let t = ui.tr();
        let title = t.get(title_id);
        P {
            t,
            lang: ui.lang.code(),
            language: ui.lang,
            csrf: ui.csrf.clone(),
            nav,
            title,
            menu,
            account,
        }
    }

    /// The navigation entries, labelled.
    pub fn nav_items(&self) -> Vec<(&'static str, &'static str, String)> {
        self.menu
            .iter()
            .map(|(k, h, id)| (*k, *h, self.t.get(id)))
            .collect()
    }
}

/// What a handler learns from the request before touching the workspace.
#[derive(Debug, Clone)]
pub struct Req {
    /// The language asked for (cookie, then `Accept-Language`); none: the notes' language.
    pub lang: Option<Lang>,
    pub csrf: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Req {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Req {
            lang: requested_lang(&parts.headers),
            csrf: parts
                .extensions
                .get::<Csrf>()
                .map(|c| c.0.clone())
                .unwrap_or_default(),
        })
    }
}

/// Run `f` on a blocking thread (SQLite and the analysis are synchronous) with the page
/// context resolved; an error becomes a page in the user's language.
pub async fn run<F>(st: AppState, req: Req, f: F) -> Response
where
    F: FnOnce(&AppState, &Ui) -> Result<Response, WebError> + Send + 'static,
{
    let joined = tokio::task::spawn_blocking(move || {
        let lang = match req.lang {
            Some(l) => l,
            None => st
                .revision()
                .and_then(|r| st.notes_lang(r))
                .unwrap_or_default(),
        };
        let ui = Ui {
            lang,
            csrf: req.csrf,
        };
        match f(&st, &ui) {
            Ok(r) => r,
            Err(e) => error_page(&ui, &e),
        }
    })
    .await;
    joined.unwrap_or_else(|_| WebError::Internal.into_response())
}

/// A template rendered into a response (a template failure is a 500 page).
pub fn html<T: Template>(t: &T) -> Result<Response, WebError> {
    let body = t.render().map_err(|e| WebError::Other(e.to_string()))?;
    Ok(Html(body).into_response())
}

#[derive(Debug, Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    p: P,
    heading: String,
    message: &'a str,
}

/// An error as a page in the layout, with its status.
pub fn error_page(ui: &Ui, e: &WebError) -> Response {
    error_page_in(P::new(ui, "", "web-error-title"), e)
}

/// An error as a page in the layout of `p` (another site's navigation), with its status.
pub fn error_page_in(mut p: P, e: &WebError) -> Response {
    let status = e.status();
    p.title = p.t.get("web-error-title");
    let heading = match status {
        StatusCode::NOT_FOUND => p.t.get("web-error-not-found"),
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => p.t.get("web-error-forbidden"),
        StatusCode::BAD_REQUEST => p.t.get("web-error-bad-request"),
        _ => p.t.get("web-error-title"),
    };
    let message = e.to_string();
    let page = ErrorPage {
        p,
        heading,
        message: &message,
    };
    let body = page.render().unwrap_or(message.clone());
    (status, Html(body)).into_response()
}

/// `GET /lang/{code}`: remember the language and go back where the user was (a same-site
/// page only).
pub async fn set_lang(Path(code): Path<String>, headers: HeaderMap) -> Response {
    let Ok(lang) = code.parse::<Lang>() else {
        return error_page(
            &Ui {
                lang: requested_lang(&headers).unwrap_or_default(),
                csrf: String::new(),
            },
            &WebError::NotFound(code),
        );
    };
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            let host = headers.get(header::HOST)?.to_str().ok()?;
            let rest = r
                .strip_prefix("http://")
                .or_else(|| r.strip_prefix("https://"))?;
            let path = rest.strip_prefix(host)?;
            (path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/lang/"))
                .then(|| path.to_string())
        })
        .unwrap_or_else(|| "/".to_string());
    let mut r = Redirect::to(&back).into_response();
    if let Ok(v) = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Strict",
        lang.code()
    )
    .parse()
    {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// Anything not routed.
pub async fn not_found(req: Req) -> Response {
    let ui = Ui {
        lang: req.lang.unwrap_or_default(),
        csrf: req.csrf,
    };
    let msg = ui.tr().get("web-error-not-found");
    error_page(&ui, &WebError::NotFound(msg))
}

/// A string of a percentage of 0..1, no decimals.
pub fn pct(x: f64) -> String {
    format!("{:.0}", x * 100.0)
}
