//! Safe by default: every response carries a strict Content-Security-Policy; every
//! state-changing request carries a CSRF token; in remote mode every request carries the
//! access token.
//!
//! The CSRF token is a random nonce and its keyed BLAKE3 MAC under a per-process secret,
//! kept in a `SameSite=Strict` cookie and repeated in each form (hidden field `csrf`) or in
//! the `X-CSRF-Token` header (htmx). A POST, PUT, PATCH or DELETE whose cookie does not verify,
//! or whose form or header does not repeat it, is refused with a 403 page that says why.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::WebError;
use crate::state::AppState;
use crate::ui::{Ui, cookie, requested_lang};

/// The cookie holding the CSRF token.
pub const CSRF_COOKIE: &str = "lc_csrf";
/// The form field repeating it.
pub const CSRF_FIELD: &str = "csrf";
/// The header repeating it (htmx requests).
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The cookie holding the access token in remote mode.
pub const TOKEN_COOKIE: &str = "lc_token";
/// The largest form body read (a story's four parts and a whole notes file to compare).
pub const MAX_FORM_BYTES: usize = 16 * 1024 * 1024;

/// The Content-Security-Policy of every response: nothing inline, nothing from elsewhere.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The CSRF token of this request (from its cookie, or new), for the page's forms.
#[derive(Debug, Clone)]
pub struct Csrf(pub String);

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new token: `nonce.mac`.
pub fn new_token(secret: &[u8; 32]) -> String {
    let mut nonce = [0u8; 16];
    if getrandom::fill(&mut nonce).is_err() {
        // No randomness: a token made from the time still verifies only under our secret.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        nonce = t.to_le_bytes();
    }
    let n = hex(&nonce);
    let mac = blake3::keyed_hash(secret, n.as_bytes());
    format!("{n}.{}", mac.to_hex())
}

/// Whether `token` is one of ours (its MAC verifies; compared in constant time).
pub fn verify_token(secret: &[u8; 32], token: &str) -> bool {
    let Some((n, mac)) = token.split_once('.') else {
        return false;
    };
    let Ok(mac) = blake3::Hash::from_hex(mac) else {
        return false;
    };
    n.len() == 32 && blake3::keyed_hash(secret, n.as_bytes()) == mac
}

/// Two secrets compared without leaking where they differ (their hashes are compared in
/// constant time).
pub fn same_secret(a: &str, b: &str) -> bool {
    blake3::hash(a.as_bytes()) == blake3::hash(b.as_bytes())
}

/// The headers every response gets.
pub fn add_security_headers(h: &mut HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// Why a state-changing request was refused: its headers (for the page's language), the
/// status and the message id.
#[derive(Debug)]
pub struct Refused {
    pub headers: HeaderMap,
    pub status: StatusCode,
    pub message: &'static str,
}

/// The request back when it repeats `expected` in the `X-CSRF-Token` header or in the
/// `csrf` field of a URL-encoded form (the body is read and put back); refused otherwise.
pub async fn carries_token(req: Request, expected: &str) -> Result<Request, Box<Refused>> {
    let by_header = req
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| same_secret(v, expected));
    if by_header {
        return Ok(req);
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(Box::new(Refused {
            headers: req.headers().clone(),
            status: StatusCode::FORBIDDEN,
            message: "web-csrf-refused",
        }));
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
        Ok(b) => b,
        Err(_) => {
            return Err(Box::new(Refused {
                headers: parts.headers,
                status: StatusCode::PAYLOAD_TOO_LARGE,
                message: "web-too-large",
            }));
        }
    };
    let ok =
        form_urlencoded::parse(&bytes).any(|(k, v)| k == CSRF_FIELD && same_secret(&v, expected));
    if !ok {
        return Err(Box::new(Refused {
            headers: parts.headers,
            status: StatusCode::FORBIDDEN,
            message: "web-csrf-refused",
        }));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// The middleware in front of every route.
pub async fn guard(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let mut resp = check(&st, req, next).await;
    add_security_headers(resp.headers_mut());
    resp
}

fn refuse(headers: &HeaderMap, status: StatusCode, id: &str) -> Response {
    let ui = Ui {
        lang: requested_lang(headers).unwrap_or_default(),
        csrf: String::new(),
    };
    let e = WebError::Forbidden(ui.tr().get(id));
    let mut r = crate::pages::error_page(&ui, &e);
    *r.status_mut() = status;
    r
}

async fn check(st: &AppState, req: Request, next: Next) -> Response {
    // Remote mode: the access token, by cookie, header, or once in the query.
    if let Some(token) = st.access_token() {
        let by_cookie = cookie(req.headers(), TOKEN_COOKIE).is_some_and(|c| same_secret(c, token));
        let by_header = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|v| same_secret(v.trim(), token));
        let query = req.uri().query().unwrap_or("");
        let by_query = form_urlencoded::parse(query.as_bytes())
            .any(|(k, v)| k == "token" && same_secret(&v, token));
        if by_query && (req.method() == Method::GET || req.method() == Method::HEAD) {
            // Remembered in a cookie; the token leaves the address bar (and the history).
            let rest: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                .filter(|(k, _)| k != "token")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let mut to = req.uri().path().to_string();
            if !rest.is_empty() {
                to.push('?');
                to.push_str(
                    &form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(rest)
                        .finish(),
                );
            }
            let mut r = Redirect::to(&to).into_response();
            if let Ok(v) = HeaderValue::from_str(&format!(
                "{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
            )) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            return r;
        }
        if !(by_cookie || by_header || by_query) {
            return refuse(req.headers(), StatusCode::UNAUTHORIZED, "web-token-needed");
        }
    }
    let secret = st.secret();
    let from_cookie = cookie(req.headers(), CSRF_COOKIE)
        .filter(|t| verify_token(secret, t))
        .map(str::to_string);
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let (req, token) = if safe {
        (req, from_cookie.clone())
    } else {
        let Some(expected) = from_cookie.clone() else {
            return refuse(req.headers(), StatusCode::FORBIDDEN, "web-csrf-refused");
        };
        match carries_token(req, &expected).await {
            Ok(req) => (req, Some(expected)),
            Err(r) => return refuse(&r.headers, r.status, r.message),
        }
    };
    let (token, fresh) = match token {
        Some(t) => (t, false),
        None => (new_token(secret), true),
    };
    let mut req = req;
    req.extensions_mut().insert(Csrf(token.clone()));
    let mut resp = next.run(req).await;
    if fresh
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
        ))
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_under_its_secret_only() {
        let a = [7u8; 32];
        let b = [8u8; 32];
        let t = new_token(&a);
        assert!(verify_token(&a, &t));
        assert!(!verify_token(&b, &t));
    }

    #[test]
    fn a_forged_or_malformed_token_fails() {
        let s = [1u8; 32];
        let t = new_token(&s);
        let (n, _) = t.split_once('.').unwrap_or_default();
        assert!(!verify_token(&s, &format!("{n}.{}", "0".repeat(64))));
        assert!(!verify_token(&s, "nodot"));
        assert!(!verify_token(&s, "abc.zz"));
        assert!(!verify_token(&s, ""));
    }
}
