//! Test helpers: a workspace in a temp folder with notes imported through the libraries,
//! the app's router, and requests with the CSRF cookie and field.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, header};
use http_body_util::BodyExt;
use loopcoach_store::SqliteStore;
use loopcoach_web::{AppState, LocalWorkspace};
use tower::ServiceExt;

pub const NOTES: &str = include_str!("../fixtures/notes.md");

#[derive(Debug)]
pub struct Ws {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Ws {
    pub fn new() -> Ws {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ws.db");
        Ws { dir, db }
    }

    /// Write `text` as `name` in the workspace's folder and import it (as `loopcoach import`
    /// does: parse, save with the text's hash as the file's).
    pub fn import(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let path = std::fs::canonicalize(&path).unwrap();
        let shown = path.to_string_lossy().into_owned();
        let doc = loopcoach_notes::parse_text(&shown, text).unwrap();
        let mut store = SqliteStore::open(&self.db).unwrap();
        store
            .transact(|tx| tx.save_document(&doc, text, &doc.hash, "2026-01-01T00:00:00Z"))
            .unwrap();
        path
    }

    pub fn store(&self) -> SqliteStore {
        SqliteStore::open(&self.db).unwrap()
    }

    pub fn app(&self) -> Router {
        self.app_with_token(None)
    }

    pub fn app_with_token(&self, token: Option<&str>) -> Router {
        let backend = LocalWorkspace::open(&self.db).unwrap();
        let state = AppState::new(Arc::new(backend), token.map(str::to_string)).unwrap();
        loopcoach_web::router(state)
    }

    /// The id of the story whose title contains `needle`.
    pub fn story_id(&self, needle: &str) -> String {
        self.store()
            .workspace()
            .unwrap()
            .iter()
            .flat_map(|d| d.stories.iter())
            .find(|s| s.title.contains(needle))
            .map(|s| s.id.to_string())
            .unwrap_or_else(|| panic!("no story like {needle}"))
    }
}

#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

pub async fn send(app: &Router, req: Request<Body>) -> Page {
    let resp: Response<Body> = app.clone().oneshot(req).await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// GET `path` with extra headers.
pub async fn get_with(app: &Router, path: &str, headers: &[(&str, &str)]) -> Page {
    let mut b = Request::get(path);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    send(app, b.body(Body::empty()).unwrap()).await
}

pub async fn get(app: &Router, path: &str) -> Page {
    get_with(app, path, &[("accept-language", "en")]).await
}

/// A CSRF token (cookie value) from a first visit.
pub async fn csrf(app: &Router) -> String {
    let p = get(app, "/").await;
    let c = p
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("lc_csrf="))
        .expect("a csrf cookie");
    c.split(';').next().unwrap().to_string()
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// POST a form (fields as given) with `cookie` as the CSRF cookie (if any).
pub async fn post_form(
    app: &Router,
    path: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
) -> Page {
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect();
    let mut b = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("accept-language", "en");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, format!("lc_csrf={c}"));
    }
    send(app, b.body(Body::from(body.join("&"))).unwrap()).await
}

/// The value of hidden input `name` in `html`.
pub fn hidden(html: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let i = html.find(&key).unwrap_or_else(|| panic!("no field {name}")) + key.len();
    html[i..].split('"').next().unwrap().to_string()
}

/// Whether `html` holds anything a script could run from: a script element that is not one
/// of ours, an event-handler attribute, or a `javascript:` address in a tag (text between
/// tags is escaped and cannot run, so the notes' words may appear there).
pub fn runnable(html: &str) -> Option<String> {
    let lower = html.to_lowercase();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        rest = &after[end..];
        if !tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        if tag.starts_with("script")
            && !(tag.contains("src=\"/static/htmx.min.js\"")
                || tag.contains("src=\"/static/app.js\""))
        {
            return Some(format!("<{tag}>"));
        }
        let b = tag.as_bytes();
        for k in 1..b.len() {
            if b[k - 1].is_ascii_whitespace() && tag[k..].starts_with("on") {
                let name: String = tag[k..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                if name.len() > 2 && tag[k + name.len()..].trim_start().starts_with('=') {
                    return Some(format!("<{tag}>"));
                }
            }
        }
        for attr in ["href", "src"] {
            for (k, _) in tag.match_indices(attr) {
                let v = tag[k + attr.len()..].trim_start();
                if let Some(v) = v.strip_prefix('=') {
                    let v = v.trim_start().trim_start_matches(['"', '\'']).trim_start();
                    if v.starts_with("javascript:") {
                        return Some(format!("<{tag}>"));
                    }
                }
            }
        }
    }
    None
}

pub fn file_text(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}
