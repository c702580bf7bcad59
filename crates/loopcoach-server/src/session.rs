//! Browser sessions and the authentication in front of every route.
//!
//! A session cookie holds a random id; the `sessions` table keeps its SHA-256, an absolute
//! expiry ([`LIFETIME_SECS`]) and the last use (idle expiry, [`IDLE_SECS`]). Cookies are
//! `HttpOnly; SameSite=Lax`, and `Secure` with the `__Host-` prefix when the server's base URL
//! is https. Each session has its own CSRF token, which every state-changing request made
//! with the cookie must repeat (form field `csrf` or header `X-CSRF-Token`); a request with a
//! bearer token needs none. Before sign-in, forms (sign-in, an invitation's sign-up) carry a
//! random token that repeats a pre-session cookie (double submit).
//!
//! [`authenticate`] resolves the credentials once per request and leaves an [`Authed`] in the
//! request for [`crate::auth::Caller`], so pages and the API use one extractor. Nothing is
//! kept in memory: every server copy reads the same tables.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use loopcoach_web::security::{add_security_headers, carries_token};
use loopcoach_web::ui::cookie;

use crate::auth::{bearer, token_hash};
use crate::error::ApiError;
use crate::router::AppState;
use crate::storage::{Database, User};

/// A session ends this long after sign-in, used or not: 7 days.
pub const LIFETIME_SECS: i64 = 7 * 24 * 3600;
/// A session unused for this long ends: 12 hours.
pub const IDLE_SECS: i64 = 12 * 3600;

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// `Authorization: Bearer TOKEN` (its hash).
    Token(Vec<u8>),
    /// A session cookie (its id's hash).
    Session(Vec<u8>),
}

/// The authenticated caller of a request, left by [`authenticate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authed {
    pub user: User,
    pub via: Via,
}

/// The CSRF token this request's page forms carry: the session's, or before sign-in the
/// pre-session cookie's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormToken(pub String);

/// The cookies of a server: names and whether they are `Secure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cookies {
    pub session: &'static str,
    pub pre: &'static str,
    pub secure: bool,
}

impl Cookies {
    /// For a server reached at `base_url`: `__Host-` names and `Secure` over https.
    pub fn for_base(base_url: &str) -> Cookies {
        if base_url
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        {
            Cookies {
                session: "__Host-lc_session",
                pre: "__Host-lc_pre",
                secure: true,
            }
        } else {
            Cookies {
                session: "lc_session",
                pre: "lc_pre",
                secure: false,
            }
        }
    }

    /// A `Set-Cookie` value (`max_age` None: until the browser closes; 0: delete it).
    pub fn set(&self, name: &str, value: &str, max_age: Option<i64>) -> String {
        let mut s = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
        if self.secure {
            s.push_str("; Secure");
        }
        if let Some(a) = max_age {
            s.push_str(&format!("; Max-Age={a}"));
        }
        s
    }
}

/// A new random secret (a session id, a CSRF token): 32 random bytes as hex.
pub fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `s` has the shape of [`new_secret`] (anything else is not looked up).
fn secret_shaped(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A new session for `user`: the cookie's value, and the `Set-Cookie` header.
pub async fn start<D: Database>(st: &AppState<D>, user: i64) -> Result<String, ApiError> {
    let id = new_secret();
    let csrf = new_secret();
    st.db
        .add_session(user, &token_hash(&id), &csrf, LIFETIME_SECS)
        .await?;
    let c = Cookies::for_base(&st.base_url);
    Ok(c.set(c.session, &id, Some(LIFETIME_SECS)))
}

/// End the session of this request (if any); the `Set-Cookie` header that deletes it.
pub async fn end<D: Database>(
    st: &AppState<D>,
    authed: Option<&Authed>,
) -> Result<String, ApiError> {
    if let Some(Authed {
        via: Via::Session(h),
        ..
    }) = authed
    {
        st.db.end_session(h).await?;
    }
    let c = Cookies::for_base(&st.base_url);
    Ok(c.set(c.session, "", Some(0)))
}

/// Whether the path is the JSON API's (errors as JSON) rather than a page's.
pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn is_safe(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The middleware in front of every route: credentials, CSRF, security headers, and (for
/// pages) errors shown as pages.
pub async fn authenticate<D: Database>(
    State(st): State<AppState<D>>,
    req: Request,
    next: Next,
) -> Response {
    let api = is_api(req.uri().path());
    let page = crate::pages::ErrorContext::of(&req);
    let mut resp = match resolve(&st, req, api).await {
        Ok((req, pre)) => {
            let authed = req.extensions().get::<Authed>().cloned();
            let form = req.extensions().get::<FormToken>().cloned();
            let mut resp = next.run(req).await;
            if !api {
                resp = page.finish(resp, authed.as_ref(), form.as_ref());
            }
            if let Some(set) = pre
                && let Ok(v) = HeaderValue::from_str(&set)
            {
                resp.headers_mut().append(header::SET_COOKIE, v);
            }
            resp
        }
        Err(e) if api => e.into_response(),
        Err(e) => page.finish(e.into_response(), None, None),
    };
    add_security_headers(resp.headers_mut());
    resp
}

/// Find the caller and check CSRF; the request (its body put back) and a pre-session cookie
/// to set, or the refusal.
async fn resolve<D: Database>(
    st: &AppState<D>,
    mut req: Request,
    api: bool,
) -> Result<(Request, Option<String>), ApiError> {
    if req.uri().path().starts_with("/static/") {
        return Ok((req, None));
    }
    let safe = is_safe(req.method());
    let cookies = Cookies::for_base(&st.base_url);
    let (parts, body) = req.into_parts();
    if let Some(token) = bearer(&parts) {
        // A bearer request is the API's: no cookie is read and no CSRF token is needed.
        let hash = token_hash(token);
        let user = if token.len() <= 200 {
            st.db.user_by_token(&hash).await?
        } else {
            None
        };
        let mut req = Request::from_parts(parts, body);
        if let Some(user) = user {
            req.extensions_mut().insert(Authed {
                user,
                via: Via::Token(hash),
            });
        }
        return Ok((req, None));
    }
    let session_id = cookie(&parts.headers, cookies.session).filter(|s| secret_shaped(s));
    if let Some(id) = session_id {
        let hash = token_hash(id);
        if let Some(s) = st.db.session(&hash, IDLE_SECS).await? {
            req = Request::from_parts(parts, body);
            if !safe {
                req = carries_token(req, &s.csrf_token)
                    .await
                    .map_err(|r| ApiError::Forbidden(csrf_message(r.message)))?;
            }
            req.extensions_mut().insert(FormToken(s.csrf_token));
            req.extensions_mut().insert(Authed {
                user: s.user,
                via: Via::Session(hash),
            });
            return Ok((req, None));
        }
    }
    // No one signed in. Forms before sign-in repeat the pre-session cookie.
    let pre = cookie(&parts.headers, cookies.pre)
        .filter(|s| secret_shaped(s))
        .map(str::to_owned);
    req = Request::from_parts(parts, body);
    if !safe && !api {
        let expected = pre
            .clone()
            .ok_or_else(|| ApiError::Forbidden(csrf_message("web-csrf-refused")))?;
        req = carries_token(req, &expected)
            .await
            .map_err(|r| ApiError::Forbidden(csrf_message(r.message)))?;
    }
    let (token, set) = match pre {
        Some(t) => (t, None),
        None if api => (String::new(), None),
        None => {
            let t = new_secret();
            let set = cookies.set(cookies.pre, &t, None);
            (t, Some(set))
        }
    };
    req.extensions_mut().insert(FormToken(token));
    Ok((req, set))
}

/// The refusal's text for the JSON API (pages show it in the user's language by its code).
fn csrf_message(id: &str) -> String {
    if id == "web-too-large" {
        "the request body is too large".to_owned()
    } else {
        CSRF_REFUSED.to_owned()
    }
}

/// The message of a request refused for a missing or wrong CSRF token.
pub const CSRF_REFUSED: &str = "a request made with a session cookie must repeat the session's CSRF token (form field csrf or header X-CSRF-Token)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_servers_use_host_prefixed_secure_cookies() {
        let c = Cookies::for_base("https://study.example");
        assert_eq!(c.session, "__Host-lc_session");
        let s = c.set(c.session, "abc", Some(60));
        assert_eq!(
            s,
            "__Host-lc_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=60"
        );
        let c = Cookies::for_base("http://127.0.0.1:8080");
        assert_eq!(c.session, "lc_session");
        let s = c.set(c.pre, "x", None);
        assert_eq!(s, "lc_pre=x; Path=/; HttpOnly; SameSite=Lax");
        assert!(!s.contains("Secure"));
    }

    #[test]
    fn secrets_are_random_hex_and_only_that_shape_is_looked_up() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(secret_shaped(&a));
        assert!(!secret_shaped("lct_abc"));
        assert!(!secret_shaped(&"g".repeat(64)));
        assert!(!secret_shaped(""));
    }

    #[test]
    fn api_paths_are_told_from_pages() {
        assert!(is_api("/api/groups"));
        assert!(is_api("/api"));
        assert!(!is_api("/apix"));
        assert!(!is_api("/groups/1"));
    }
}
