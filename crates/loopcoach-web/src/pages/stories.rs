//! `/stories` (the list, by principle) and `/stories/{id}` (the STAR editor).
//!
//! The editor posts the four parts with the hash of the notes text it was loaded from.
//! Saving goes through `SqliteStore::edit_story`, the code path of `loopcoach story set`:
//! only the changed parts' bytes change in the notes file. If the notes changed since the page
//! was loaded (in another tab, the CLI, or an editor), nothing is written and the page shows
//! the user's edit beside the current version, so neither is lost. Live checks
//! (`/stories/{id}/check`, htmx) run the readiness story checks on the text being typed.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use loopcoach_core::i18n::Arg;
use loopcoach_core::readiness::{Finding, story_findings};
use loopcoach_core::{Document, Framework, PartSpan, Span, StarPart, Story};
use loopcoach_notes::content_hash;
use loopcoach_store::{EditError, StoryEdit};
use serde::Deserialize;

use super::{P, Req, html, run};
use crate::error::WebError;
use crate::state::AppState;
use crate::ui::{Tr, Ui};

/// Stories per page of the list.
pub const PAGE_SIZE: usize = 100;

#[derive(Debug)]
pub struct StoryRow {
    pub id: String,
    pub title: String,
    pub principles: String,
    pub parts: String,
}

#[derive(Debug, Template)]
#[template(path = "stories.html")]
pub struct StoriesPage {
    pub p: P,
    pub heading: String,
    pub rows: Vec<StoryRow>,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    pub principle: Option<String>,
    pub page: Option<usize>,
}

/// The list of `docs`' stories, filtered by principle key, one page.
pub fn list(p: P, docs: &[Document], principle: Option<&str>, page: usize) -> StoriesPage {
    let fw = Framework::shared();
    let lang = p.language;
    let all: Vec<&Story> = docs
        .iter()
        .flat_map(|d| d.stories.iter())
        .filter(|s| principle.is_none_or(|k| s.links.iter().any(|l| l.principle == k)))
        .collect();
    let total = all.len();
    let rows = all
        .iter()
        .skip(page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|s| StoryRow {
            id: s.id.to_string(),
            title: s.title.to_string(),
            principles: s
                .links
                .iter()
                .map(|l| fw.name(&l.principle, lang))
                .collect::<Vec<_>>()
                .join(", "),
            parts: StarPart::ALL
                .iter()
                .map(|q| {
                    if s.part(*q).trim().is_empty() {
                        "·"
                    } else {
                        q.letter()
                    }
                })
                .collect(),
        })
        .collect();
    let base = |n: usize| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(k) = principle {
            q.append_pair("principle", k);
        }
        q.append_pair("page", &n.to_string());
        format!("/stories?{}", q.finish())
    };
    let heading = match principle {
        Some(k) => p.t.s("web-stories-for", &fw.name(k, lang)),
        None => p.t.get("web-nav-stories"),
    };
    StoriesPage {
        heading,
        rows,
        total,
        prev: (page > 0).then(|| base(page - 1)),
        next: ((page + 1) * PAGE_SIZE < total).then(|| base(page + 1)),
        p,
    }
}

/// `GET /stories`.
pub async fn index(State(st): State<AppState>, req: Req, Query(q): Query<ListQuery>) -> Response {
    run(st, req, move |st, ui| {
        let docs = st.documents(st.revision()?)?;
        let page = list(
            P::new(ui, "stories", "web-nav-stories"),
            &docs,
            q.principle.as_deref().filter(|k| !k.is_empty()),
            q.page.unwrap_or(0),
        );
        html(&page)
    })
    .await
}

/// A STAR part in the editor.
#[derive(Debug)]
pub struct PartField {
    pub key: &'static str,
    pub label: String,
    pub text: String,
}

#[derive(Debug)]
pub struct LinkRow {
    pub name: String,
    pub href: String,
    pub kind: String,
}

/// The live checks of the text being edited.
#[derive(Debug, Template)]
#[template(path = "story_checks.html")]
pub struct Checks {
    pub t: Tr,
    pub findings: Vec<Finding>,
    pub seconds: String,
}

#[derive(Debug, Template)]
#[template(path = "story.html")]
pub struct StoryPage {
    pub p: P,
    pub id: String,
    pub title: String,
    pub file: String,
    pub base: String,
    pub parts: Vec<PartField>,
    pub links: Vec<LinkRow>,
    /// The rendered [`Checks`] of the text in the fields.
    pub checks: String,
    /// Set after a save: what was saved.
    pub notice: Option<String>,
    /// A problem with the form (shown at the top; the edit is kept in the fields).
    pub problem: Option<String>,
    /// The notes changed since the page was loaded: the current parts, to compare.
    pub conflict: Option<Vec<PartField>>,
}

/// The story `s` with its parts replaced by `parts` (for the live checks).
pub fn with_parts(s: &Story, parts: &[String; 4]) -> Story {
    let mut s = s.clone();
    for p in StarPart::ALL {
        let text = parts[p.index()].trim();
        let line = s.source.line;
        let slot = &mut s.parts[p.index()];
        match slot {
            Some(ps) => ps.text = text.into(),
            None if !text.is_empty() => {
                *slot = Some(PartSpan {
                    part: p,
                    text: text.into(),
                    span: Span::new(0, 0),
                    value: Span::new(0, 0),
                    continuation_indent: "".into(),
                    line,
                });
            }
            None => {}
        }
    }
    s
}

fn checks(t: Tr, s: &Story) -> Checks {
    let (findings, seconds) = story_findings(s, Framework::shared(), t.messages());
    let seconds = t.fmt(
        "web-speaking-time",
        &[("seconds", Arg::from(seconds.round()))],
    );
    Checks {
        t,
        findings,
        seconds,
    }
}

fn part_fields(t: &Tr, parts: &[String; 4]) -> Vec<PartField> {
    StarPart::ALL
        .iter()
        .map(|p| PartField {
            key: p.as_str(),
            label: loopcoach_core::readiness::part_name(*p, t.messages()),
            text: parts[p.index()].clone(),
        })
        .collect()
}

/// The editor page of story `id` with `parts` in its fields.
pub fn editor(
    p: P,
    doc: &Document,
    text: &str,
    s: &Story,
    parts: &[String; 4],
    base: Option<String>,
) -> StoryPage {
    let fw = Framework::shared();
    let lang = p.language;
    let links = s
        .links
        .iter()
        .map(|l| LinkRow {
            name: fw.name(&l.principle, lang),
            href: format!("/stories?principle={}", l.principle),
            kind: match l.kind {
                loopcoach_core::LinkKind::Explicit => p.t.get("web-link-explicit"),
                loopcoach_core::LinkKind::Inferred => p.t.fmt(
                    "web-link-inferred",
                    &[("confidence", Arg::from((l.confidence * 100.0).round()))],
                ),
            },
        })
        .collect();
    let checks = checks(p.t.clone(), &with_parts(s, parts))
        .render()
        .unwrap_or_default();
    StoryPage {
        id: s.id.to_string(),
        title: s.title.to_string(),
        file: super::notes::file_name(doc),
        base: base.unwrap_or_else(|| content_hash(text)),
        parts: part_fields(&p.t, parts),
        links,
        checks,
        notice: None,
        problem: None,
        conflict: None,
        p,
    }
}

fn current_parts(s: &Story) -> [String; 4] {
    StarPart::ALL.map(|p| s.part(p).to_string())
}

fn load(st: &AppState, ui: &Ui, id: &str) -> Result<(Document, String), WebError> {
    st.backend()
        .store()?
        .document_of(id)?
        .filter(|(d, _)| d.story(id).is_some())
        .ok_or_else(|| WebError::NotFound(ui.tr().s("web-no-story", id)))
}

/// `GET /stories/{id}`.
pub async fn show(State(st): State<AppState>, req: Req, Path(id): Path<String>) -> Response {
    run(st, req, move |st, ui| {
        let (doc, text) = load(st, ui, &id)?;
        let s = doc.story(&id).ok_or(WebError::Internal)?;
        let page = editor(
            P::new(ui, "stories", "web-nav-stories"),
            &doc,
            &text,
            s,
            &current_parts(s),
            None,
        );
        html(&page)
    })
    .await
}

/// The editor's form.
#[derive(Debug, Deserialize)]
pub struct StoryForm {
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub task: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub base: String,
}

impl StoryForm {
    fn parts(&self) -> [String; 4] {
        [
            self.situation.clone(),
            self.task.clone(),
            self.action.clone(),
            self.result.clone(),
        ]
    }
}

/// `POST /stories/{id}/check`: the checks of the text in the form (an htmx fragment).
pub async fn check(
    State(st): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    Form(f): Form<StoryForm>,
) -> Response {
    run(st, req, move |st, ui| {
        let (doc, _) = load(st, ui, &id)?;
        let s = doc.story(&id).ok_or(WebError::Internal)?;
        let c = checks(ui.tr(), &with_parts(s, &f.parts()));
        let body = c.render().map_err(|e| WebError::Other(e.to_string()))?;
        Ok(Html(body).into_response())
    })
    .await
}

/// `POST /stories/{id}`: save the edit (see the module doc).
pub async fn save(
    State(st): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    Form(f): Form<StoryForm>,
) -> Response {
    run(st, req, move |st, ui| save_blocking(st, ui, &id, &f)).await
}

fn save_blocking(st: &AppState, ui: &Ui, id: &str, f: &StoryForm) -> Result<Response, WebError> {
    let t = ui.tr();
    let parts = f.parts();
    let edits: Vec<(StarPart, String)> = StarPart::ALL
        .iter()
        .map(|p| (*p, parts[p.index()].clone()))
        .collect();
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let base = (!f.base.is_empty()).then_some(f.base.as_str());
    let mut store = st.backend().store()?;
    let outcome = store.edit_story(
        t.messages(),
        &StoryEdit {
            id,
            parts: &edits,
            write: true,
            base,
            now: &now,
        },
    );
    drop(store);
    // The page again, from the workspace as it is now.
    let (doc, text) = load(st, ui, id)?;
    let s = doc.story(id).ok_or(WebError::Internal)?;
    let p = P::new(ui, "stories", "web-nav-stories");
    let mut page;
    match outcome {
        Ok(done) => {
            page = editor(p, &doc, &text, s, &current_parts(s), None);
            page.notice = Some(if done.changed.is_empty() {
                t.get("web-story-unchanged")
            } else {
                t.fmt(
                    "web-story-saved",
                    &[
                        ("title", Arg::from(done.title.as_str())),
                        ("path", Arg::from(page.file.as_str())),
                    ],
                )
            });
        }
        Err(EditError::Stale { current, .. }) => {
            // Keep the user's edit in the fields, based on the text now (saving again
            // replaces what is there), and show what is there beside it.
            page = editor(p, &doc, &text, s, &parts, None);
            page.problem = Some(t.get("web-story-conflict"));
            page.conflict = Some(part_fields(
                &t,
                &current.map_or_else(|| current_parts(s), |c| *c),
            ));
        }
        Err(EditError::DiskChanged { disk, path, .. }) => {
            // The file was changed in an editor: its version of the story is read from it.
            let theirs = disk
                .as_deref()
                .and_then(|d| loopcoach_notes::parse_with(&path, d, Some(&doc)).ok())
                .and_then(|d| d.story(id).map(current_parts));
            page = editor(p, &doc, &text, s, &parts, Some(f.base.clone()));
            page.problem = Some(t.s("web-story-disk-changed", &page.file));
            page.conflict = Some(part_fields(&t, &theirs.unwrap_or_default()));
        }
        Err(EditError::NoStory(m)) => return Err(WebError::NotFound(m)),
        Err(EditError::Other(e)) => {
            page = editor(p, &doc, &text, s, &parts, Some(f.base.clone()));
            page.problem = Some(format!("{e:#}"));
        }
    }
    let mut r = html(&page)?;
    if page.problem.is_some() {
        *r.status_mut() = axum::http::StatusCode::CONFLICT;
    }
    Ok(r)
}
