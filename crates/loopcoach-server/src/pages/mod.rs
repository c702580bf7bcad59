//! The browser pages of the study-group server, on the web UI's layout (`base.html`, its
//! stylesheet, its language switch and security headers: `loopcoach-web` is reused, not
//! copied). Handlers stay thin: [`crate::auth::Caller`] authenticates (cookie or token), the
//! same [`crate::authz`] rules as the API decide, storage answers, a template renders.
//!
//! A handler returns `Result<Response, ApiError>`; [`ErrorContext::finish`] (run by the
//! authentication middleware) turns an error into a page in the user's language, and a
//! missing sign-in into the sign-in page.

pub mod groups;
pub mod invite;
pub mod login;
pub mod shares;
pub mod study;
pub mod study_mocks;

use askama::Template;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use loopcoach_core::Lang;
use loopcoach_web::WebError;
use loopcoach_web::pages::{NavEntry, P, error_page_in};
use loopcoach_web::ui::{Ui, requested_lang};

use crate::error::{ApiError, ErrorMark};
use crate::session::{Authed, CSRF_REFUSED, FormToken};

/// The server's navigation: (key, address, message id).
pub const MENU: &[NavEntry] = &[("groups", "/groups", "server-nav-groups")];

/// What every page needs from the request: the language, the CSRF token its forms carry,
/// and who is signed in.
#[derive(Debug, Clone)]
pub struct PageUi {
    pub ui: Ui,
    pub account: Option<String>,
}

impl PageUi {
    /// The layout's context for a page: the navigation entry `nav` marked, titled `title_id`.
    pub fn p(&self, nav: &'static str, title_id: &str) -> P {
        P::site(&self.ui, MENU, nav, title_id, self.account.clone())
    }

    fn of(parts: &Parts) -> PageUi {
        PageUi {
            ui: Ui {
                lang: requested_lang(&parts.headers).unwrap_or(Lang::Ko),
                csrf: parts
                    .extensions
                    .get::<FormToken>()
                    .map(|t| t.0.clone())
                    .unwrap_or_default(),
            },
            account: parts
                .extensions
                .get::<Authed>()
                .map(|a| a.user.email.clone()),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageUi {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(PageUi::of(parts))
    }
}

/// A template rendered into a page.
pub fn render<T: Template>(t: &T) -> Result<Response, ApiError> {
    let body = t.render().map_err(|e| {
        eprintln!("loopcoach server: template: {e}");
        ApiError::Internal
    })?;
    Ok(Html(body).into_response())
}

/// A page with another status than 200.
pub fn render_status<T: Template>(status: StatusCode, t: &T) -> Result<Response, ApiError> {
    let mut r = render(t)?;
    *r.status_mut() = status;
    Ok(r)
}

/// "See other": where a form goes after it is done.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A same-site path to go on to after signing in (anything else: the group list).
pub fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control);
    if ok && next != "/login" {
        next.to_owned()
    } else {
        "/groups".to_owned()
    }
}

/// What the error page of a request needs, taken before the handler runs.
#[derive(Debug, Clone)]
pub struct ErrorContext {
    lang: Lang,
    path: String,
    get: bool,
}

impl ErrorContext {
    pub fn of(req: &Request) -> ErrorContext {
        ErrorContext {
            lang: requested_lang(req.headers()).unwrap_or(Lang::Ko),
            path: req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/".to_owned()),
            get: req.method() == axum::http::Method::GET,
        }
    }

    /// A page's response, with an error turned into a page in the layout (or, when the
    /// caller is not signed in, a redirect to the sign-in page).
    pub fn finish(
        &self,
        resp: Response,
        authed: Option<&Authed>,
        form: Option<&FormToken>,
    ) -> Response {
        let Some(mark) = resp.extensions().get::<ErrorMark>().cloned() else {
            return resp;
        };
        let status = resp.status();
        if status == StatusCode::UNAUTHORIZED {
            let next = if self.get {
                self.path.as_str()
            } else {
                "/groups"
            };
            let to = format!(
                "/login?{}",
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("next", next)
                    .finish()
            );
            return see_other(&to);
        }
        let ui = PageUi {
            ui: Ui {
                lang: self.lang,
                csrf: form.map(|f| f.0.clone()).unwrap_or_default(),
            },
            account: authed.map(|a| a.user.email.clone()),
        };
        let t = ui.ui.tr();
        let e = match mark.code {
            "not_found" => WebError::NotFound(t.get("web-error-not-found")),
            "forbidden" if mark.message == CSRF_REFUSED => {
                WebError::Forbidden(t.get("web-csrf-refused"))
            }
            "forbidden" => WebError::Forbidden(t.get("server-forbidden")),
            "bad_request" => WebError::BadRequest(t.s("server-bad-request", &mark.message)),
            "too_many_requests" => WebError::Other(t.get("server-too-many")),
            "unavailable" => WebError::Other(t.get("server-unavailable")),
            _ => WebError::Other(t.get("server-internal")),
        };
        let mut page = error_page_in(ui.p("", "web-error-title"), &e);
        *page.status_mut() = status;
        if let Some(v) = resp.headers().get(header::RETRY_AFTER) {
            page.headers_mut().insert(header::RETRY_AFTER, v.clone());
        }
        page
    }
}

/// Put a `Set-Cookie` header on a response.
pub fn with_cookie(mut r: Response, set: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(set) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_site_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/groups/3"), "/groups/3");
        assert_eq!(safe_next("/shares/1?x=2"), "/shares/1?x=2");
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil",
            "",
            "groups",
            "/login",
            "/a\nb",
        ] {
            assert_eq!(safe_next(bad), "/groups", "{bad:?}");
        }
    }
}
