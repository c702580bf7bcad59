//! `/notes` and `/notes/{id}`: the imported notes rendered (sanitised), each recognised story
//! and question marked with a link to its page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use loopcoach_core::Document;
use loopcoach_core::i18n::Arg;

use super::{P, Req, html, run};
use crate::error::WebError;
use crate::render::{Anchor, notes_html};
use crate::state::AppState;
use crate::ui::Tr;

/// How much rendered notes `/notes` shows inline before listing the rest as links.
pub const INLINE_BUDGET: usize = 60 * 1024;
/// The most notes text rendered on one page: a longer file is shown in parts of about this
/// many bytes, cut at line ends (every page stays well under 100 KB of HTML).
pub const PART_BYTES: usize = 32 * 1024;

/// The byte ranges of `text` cut into parts of about [`PART_BYTES`], at line ends.
pub fn parts(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + PART_BYTES).min(text.len());
        if end < text.len() {
            end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        }
        out.push((start, end));
        start = end;
    }
    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

#[derive(Debug)]
pub struct Rendered {
    pub id: String,
    pub name: String,
    pub html: String,
    /// "part 2 of 9", when the file is shown in parts.
    pub part: Option<String>,
    pub prev: Option<String>,
    pub next: Option<String>,
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

/// One part of a document's notes, rendered, with links to the parts around it.
fn rendered(d: &Document, text: &str, t: &Tr, part: usize) -> Rendered {
    let ranges = parts(text);
    let n = part.min(ranges.len() - 1);
    let (start, end) = ranges[n];
    let anchors: Vec<Anchor> = anchors(d, t)
        .into_iter()
        .filter(|a| a.start >= start && a.start < end.max(start + 1))
        .map(|mut a| {
            a.start -= start;
            a
        })
        .collect();
    let link = |i: usize| format!("/notes/{}?part={i}", d.id);
    Rendered {
        id: d.id.clone(),
        name: file_name(d),
        html: notes_html(&text[start..end], &anchors),
        part: (ranges.len() > 1).then(|| {
            t.fmt(
                "web-notes-part",
                &[("n", Arg::from(n + 1)), ("total", Arg::from(ranges.len()))],
            )
        }),
        prev: (n > 0).then(|| link(n - 1)),
        next: (n + 1 < ranges.len()).then(|| link(n + 1)),
    }
}

/// The notes page for `docs` (with their texts): every file inline up to a budget (a long
/// file by its first part), the rest listed; with `only`, that file's part `part`.
pub fn build(p: P, docs: &[(Document, String)], only: Option<&str>, part: usize) -> NotesPage {
    let mut shown = Vec::new();
    let mut more = Vec::new();
    let mut used = 0;
    for (d, text) in docs {
        if only.is_some_and(|id| id != d.id) {
            continue;
        }
        if used < INLINE_BUDGET || only.is_some() {
            let r = rendered(d, text, &p.t, if only.is_some() { part } else { 0 });
            used += r.html.len();
            shown.push(r);
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
        html(&build(P::new(ui, "notes", "web-nav-notes"), &docs, None, 0))
    })
    .await
}

#[derive(Debug, serde::Deserialize)]
pub struct PartQuery {
    pub part: Option<usize>,
}

/// `GET /notes/{id}[?part=N]`.
pub async fn show(
    State(st): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    Query(q): Query<PartQuery>,
) -> Response {
    run(st, req, move |st, ui| {
        let docs = st.backend().store()?.workspace_with_text()?;
        if !docs.iter().any(|(d, _)| d.id == id) {
            return Err(WebError::NotFound(ui.tr().s("web-no-document", &id)));
        }
        html(&build(
            P::new(ui, "notes", "web-nav-notes"),
            &docs,
            Some(&id),
            q.part.unwrap_or(0),
        ))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_the_text_at_line_ends() {
        let text = "line of text\n".repeat(10_000);
        let p = parts(&text);
        assert!(p.len() > 3);
        assert_eq!(p[0].0, 0);
        assert_eq!(p.last().map(|x| x.1), Some(text.len()));
        for w in p.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert!(text[..w[0].1].ends_with('\n'));
        }
        assert_eq!(parts(""), vec![(0, 0)]);
        assert_eq!(parts("short"), vec![(0, 5)]);
    }
}
