//! `/questions` (the expected questions, with their answer points and stories) and
//! `/search?q=` (the CLI's Korean-aware search over notes and cards).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use loopcoach_practice::search::{EntryKind, Hit, Index};
use serde::Deserialize;

use super::{P, Req, html, run};
use crate::error::WebError;
use crate::state::AppState;

/// Hits shown for a query.
pub const SEARCH_LIMIT: usize = 30;
/// Questions on one page.
pub const QUESTIONS_SHOWN: usize = 100;

#[derive(Debug)]
pub struct QuestionRow {
    pub id: String,
    pub number: String,
    pub title: String,
    pub points: Vec<String>,
    pub stories: Vec<(String, String)>,
}

#[derive(Debug, Template)]
#[template(path = "questions.html")]
pub struct QuestionsPage {
    pub p: P,
    pub rows: Vec<QuestionRow>,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    pub page: Option<usize>,
}

/// `GET /questions`.
pub async fn index(State(st): State<AppState>, req: Req, Query(q): Query<PageQuery>) -> Response {
    run(st, req, move |st, ui| {
        let page = q.page.unwrap_or(0);
        let docs = st.documents(st.revision()?)?;
        let total = docs.iter().map(|d| d.questions.len()).sum();
        let rows = docs
            .iter()
            .flat_map(|d| d.questions.iter().map(move |q| (d, q)))
            .skip(page.saturating_mul(QUESTIONS_SHOWN))
            .take(QUESTIONS_SHOWN)
            .map(|(d, q)| QuestionRow {
                id: q.id.to_string(),
                number: q.number.map(|n| format!("{n}.")).unwrap_or_default(),
                title: q.title.clone(),
                points: q.points.iter().map(|p| p.text.to_string()).collect(),
                stories: q
                    .stories
                    .iter()
                    .filter_map(|id| d.story(id))
                    .map(|s| (s.id.to_string(), s.title.to_string()))
                    .collect(),
            })
            .collect();
        html(&QuestionsPage {
            p: P::new(ui, "questions", "web-nav-questions"),
            rows,
            total,
            prev: (page > 0).then(|| format!("/questions?page={}", page - 1)),
            next: ((page + 1) * QUESTIONS_SHOWN < total)
                .then(|| format!("/questions?page={}", page + 1)),
        })
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: String,
}

/// A hit, its snippet cut into plain and matched pieces (escaped by the template).
#[derive(Debug)]
pub struct HitRow {
    pub kind: String,
    pub title: String,
    pub href: Option<String>,
    pub place: String,
    pub pieces: Vec<(String, bool)>,
}

#[derive(Debug, Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub p: P,
    pub q: String,
    pub kind: String,
    pub hits: Vec<HitRow>,
}

/// The snippet of `h` in pieces: `(text, matched)`.
pub fn pieces(h: &Hit) -> Vec<(String, bool)> {
    let chars: Vec<char> = h.snippet.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    let mut marks = h.highlights.clone();
    marks.sort();
    for [s, e] in marks {
        let (s, e) = (s.min(chars.len()).max(at), e.min(chars.len()));
        if s >= e {
            continue;
        }
        if at < s {
            out.push((chars[at..s].iter().collect(), false));
        }
        out.push((chars[s..e].iter().collect(), true));
        at = e;
    }
    if at < chars.len() {
        out.push((chars[at..].iter().collect(), false));
    }
    out
}

fn kind_of(s: &str) -> Option<EntryKind> {
    match s {
        "question" => Some(EntryKind::Question),
        "story" => Some(EntryKind::Story),
        "card" => Some(EntryKind::Card),
        "note" => Some(EntryKind::Note),
        _ => None,
    }
}

/// `GET /search?q=&kind=`.
pub async fn search(
    State(st): State<AppState>,
    req: Req,
    Query(q): Query<SearchQuery>,
) -> Response {
    run(st, req, move |st, ui| {
        let p = P::new(ui, "search", "web-nav-search");
        let mut hits = Vec::new();
        if !q.q.trim().is_empty() {
            let rev = st.revision()?;
            let index = st.search_index(rev, || {
                let store = st.backend().store()?;
                let docs = store.workspace_with_text()?;
                // The notes are indexed line by line, so the cards drawn from them are left
                // out (as `loopcoach search` does).
                let (cards, _) = loopcoach_practice::deck::all_cards(&store, &[])
                    .map_err(|e| WebError::Other(format!("{e:#}")))?;
                Ok(Index::build(loopcoach_practice::corpus::entries(
                    &docs, &cards,
                )))
            })?;
            for h in index.search(&q.q, kind_of(&q.kind), SEARCH_LIMIT) {
                let kind = serde_json::to_value(h.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                let href = match h.kind {
                    EntryKind::Story => Some(format!("/stories/{}", h.id)),
                    EntryKind::Question => Some(format!("/questions#{}", h.id)),
                    EntryKind::Card => Some(format!("/drill?card={}", h.id)),
                    EntryKind::Note => None,
                };
                let place = match (&h.source, &h.heading) {
                    (Some(src), Some(heading)) => {
                        let file = std::path::Path::new(&src.path)
                            .file_name()
                            .map(|f| f.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        format!("{file}:{} · {}", src.line, heading.join(" › "))
                    }
                    (Some(src), None) => format!("{}:{}", src.path, src.line),
                    _ => String::new(),
                };
                hits.push(HitRow {
                    kind: p.t.s("web-search-kind", &kind),
                    title: h.title.clone(),
                    href,
                    place,
                    pieces: pieces(&h),
                });
            }
        }
        html(&SearchPage {
            p,
            q: q.q.clone(),
            kind: q.kind.clone(),
            hits,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_cut_at_the_highlights_by_character() {
        let h = Hit {
            id: "x".into(),
            kind: EntryKind::Note,
            title: "t".into(),
            snippet: "토큰 만료 JWT".into(),
            highlights: vec![[3, 5], [0, 2], [9, 40]],
            score: 1.0,
            source: None,
            heading: None,
        };
        let p = pieces(&h);
        assert_eq!(
            p,
            vec![
                ("토큰".to_string(), true),
                (" ".to_string(), false),
                ("만료".to_string(), true),
                (" JWT".to_string(), false)
            ]
        );
    }
}
