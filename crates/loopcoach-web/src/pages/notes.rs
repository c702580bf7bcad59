//! `/notes` and `/notes/{id}`: the imported notes rendered (sanitised), each recognised story
//! and question marked with a link to its page.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use loopcoach_core::Document;

use super::{P, Req, html, run};
use crate::error::WebError;
use crate::render::{Anchor, notes_html};
use crate::state::AppState;
use crate::ui::Tr;

/// How much rendered notes `/notes` shows inline before listing the rest as links.
pub const INLINE_BUDGET: usize = 60 * 1024;

#[derive(Debug)]
pub struct Rendered {
    pub id: String,
    pub name: String,
    pub html: String,
}

#[derive(Debug)]
pub struct Listed {
    pub id: String,
    pub name: String,
    pub stories: usize,
    pub questions: usize,
}

#[derive(Debug, Template)]
#[template(path = "notes.html")]
pub struct NotesPage {
    pub p: P,
    pub shown: Vec<Rendered>,
    pub more: Vec<Listed>,
}

/// The file name of a document's path.
pub fn file_name(d: &Document) -> String {
    std::path::Path::new(&d.path)
        .file_name()
        .map_or_else(|| d.path.clone(), |f| f.to_string_lossy().into_owned())
}

/// The links placed in a document's rendered notes.
pub fn anchors(d: &Document, t: &Tr) -> Vec<Anchor> {
    let story = t.get("web-ent-story");
    let question = t.get("web-ent-question");
    let mut v: Vec<Anchor> = d
        .stories
        .iter()
        .map(|s| Anchor {
            start: s.span.start,
            href: format!("/stories/{}", s.id),
            label: story.clone(),
            title: s.title.to_string(),
            class: "ent-story",
        })
        .collect();
    v.extend(d.questions.iter().map(|q| Anchor {
        start: q.span.start,
        href: format!("/questions#{}", q.id),
        label: question.clone(),
        title: q.title.clone(),
        class: "ent-question",
    }));
    v
}

/// The notes page for `docs` (with their texts).
pub fn build(p: P, docs: &[(Document, String)], only: Option<&str>) -> NotesPage {
    let mut shown = Vec::new();
    let mut more = Vec::new();
    let mut used = 0;
    for (d, text) in docs {
        if only.is_some_and(|id| id != d.id) {
            continue;
        }
        if used < INLINE_BUDGET || only.is_some() {
            let html = notes_html(text, &anchors(d, &p.t));
            used += html.len();
            shown.push(Rendered {
                id: d.id.clone(),
                name: file_name(d),
                html,
            });
        } else {
            more.push(Listed {
                id: d.id.clone(),
                name: file_name(d),
                stories: d.stories.len(),
                questions: d.questions.len(),
            });
        }
    }
    NotesPage { p, shown, more }
}

/// `GET /notes`.
pub async fn index(State(st): State<AppState>, req: Req) -> Response {
    run(st, req, |st, ui| {
        let docs = st.backend().store()?.workspace_with_text()?;
        html(&build(P::new(ui, "notes", "web-nav-notes"), &docs, None))
    })
    .await
}

/// `GET /notes/{id}`.
pub async fn show(State(st): State<AppState>, req: Req, Path(id): Path<String>) -> Response {
    run(st, req, move |st, ui| {
        let docs = st.backend().store()?.workspace_with_text()?;
        if !docs.iter().any(|(d, _)| d.id == id) {
            return Err(WebError::NotFound(ui.tr().s("web-no-document", &id)));
        }
        html(&build(
            P::new(ui, "notes", "web-nav-notes"),
            &docs,
            Some(&id),
        ))
    })
    .await
}
