//! `/`: the readiness score (the numbers of `loopcoach report --json`), the coverage heatmap
//! (principles × stories) and the next actions. Cached per workspace revision and language:
//! a page that needs the whole readiness analysis is served from memory until the workspace
//! changes.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use loopcoach_core::i18n::Arg;
use loopcoach_core::readiness::{self, FindingKind, Report};
use loopcoach_core::{Document, Framework};

use super::{P, Req, pct, run};
use crate::error::WebError;
use crate::state::AppState;
use crate::svg;
use crate::ui::Ui;

/// The most stories drawn in the heatmap (the page stays small with 10,000 stories); the
/// stories with the strongest links are shown.
pub const HEATMAP_STORIES: usize = 40;

/// Where the CSRF token goes in a cached page (swapped for the request's own).
const TOKEN_SLOT: &str = "\u{E002}csrf\u{E002}";

#[derive(Debug)]
pub struct ActionRow {
    pub text: String,
    pub gain: String,
    pub href: String,
}

#[derive(Debug)]
pub struct PrincipleRow {
    pub name: String,
    pub score: u32,
    pub stories: usize,
    pub covered: bool,
    pub href: String,
}

#[derive(Debug, Template)]
#[template(path = "dashboard.html")]
pub struct Dashboard {
    pub p: P,
    pub empty: bool,
    pub overall: u32,
    pub principles_pct: String,
    pub stories_pct: String,
    pub questions_pct: String,
    pub penalty: String,
    pub counts: String,
    pub actions: Vec<ActionRow>,
    pub heatmap: String,
    pub heat_note: String,
    pub principles: Vec<PrincipleRow>,
}

/// Where a finding's target is shown.
pub fn target_href(kind: FindingKind, target: &str) -> String {
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    match kind {
        FindingKind::UncoveredPrinciple => format!("/stories?principle={}", enc(target)),
        FindingKind::BlankQuestion | FindingKind::UnlabelledDraft => {
            format!("/questions#{}", enc(target))
        }
        FindingKind::OverReliance => "/stories".to_string(),
        _ => format!("/stories/{}", enc(target)),
    }
}

/// The dashboard of `docs` and its readiness `report`.
pub fn build(p: P, docs: &[Document], report: &Report) -> Dashboard {
    let n_stories: usize = docs.iter().map(|d| d.stories.len()).sum();
    let n_questions: usize = docs.iter().map(|d| d.questions.len()).sum();
    let counts = p.t.fmt(
        "web-counts",
        &[
            ("docs", Arg::from(docs.len())),
            ("stories", Arg::from(n_stories)),
            ("questions", Arg::from(n_questions)),
        ],
    );
    let actions = report
        .next_actions
        .iter()
        .map(|a| ActionRow {
            text: a.action.clone(),
            gain: format!("{:.1}", a.gain),
            href: target_href(a.kind, &a.target),
        })
        .collect();
    // Columns: the stories with the strongest links over all principles.
    let mut strength: HashMap<&str, f64> = HashMap::new();
    for pr in &report.principles {
        for l in &pr.links {
            *strength.entry(l.story.as_str()).or_default() += l.fit;
        }
    }
    let mut cols: Vec<&readiness::StoryReport> = report.stories.iter().collect();
    cols.sort_by(|a, b| {
        let sa = strength.get(a.id.as_str()).copied().unwrap_or(0.0);
        let sb = strength.get(b.id.as_str()).copied().unwrap_or(0.0);
        sb.total_cmp(&sa)
    });
    cols.truncate(HEATMAP_STORIES);
    let col_labels: Vec<(String, String)> = cols
        .iter()
        .map(|s| (s.title.clone(), format!("/stories/{}", s.id)))
        .collect();
    let row_labels: Vec<(String, String)> = report
        .principles
        .iter()
        .map(|pr| {
            (
                pr.name.clone(),
                target_href(FindingKind::UncoveredPrinciple, &pr.id),
            )
        })
        .collect();
    let fits: Vec<HashMap<&str, f64>> = report
        .principles
        .iter()
        .map(|pr| pr.links.iter().map(|l| (l.story.as_str(), l.fit)).collect())
        .collect();
    let heatmap = svg::heatmap(&p.t.get("web-heatmap"), &row_labels, &col_labels, |r, c| {
        fits[r].get(cols[c].id.as_str()).copied()
    });
    let heat_note = p.t.fmt(
        "web-heatmap-note",
        &[
            ("shown", Arg::from(cols.len())),
            ("total", Arg::from(report.stories.len())),
        ],
    );
    let principles = report
        .principles
        .iter()
        .map(|pr| PrincipleRow {
            name: pr.name.clone(),
            score: pr.score,
            stories: pr.stories.len(),
            covered: pr.covered,
            href: target_href(FindingKind::UncoveredPrinciple, &pr.id),
        })
        .collect();
    Dashboard {
        p,
        empty: docs.is_empty(),
        overall: report.overall,
        principles_pct: pct(report.components.principles),
        stories_pct: pct(report.components.stories),
        questions_pct: pct(report.components.questions),
        penalty: format!("{:.1}", report.components.over_reliance_penalty),
        counts,
        actions,
        heatmap,
        heat_note,
        principles,
    }
}

fn render(st: &AppState, ui: &Ui) -> Result<Response, WebError> {
    let rev = st.revision()?;
    let html = st.pages().get_or_render("dashboard", ui.lang, rev, || {
        let docs = st.documents(rev)?;
        let report = readiness::report(&docs, &Framework::amazon(), ui.lang);
        let slot = Ui {
            lang: ui.lang,
            csrf: TOKEN_SLOT.to_string(),
        };
        let page = build(
            P::new(&slot, "dashboard", "web-dashboard-title"),
            &docs,
            &report,
        );
        page.render().map_err(|e| WebError::Other(e.to_string()))
    })?;
    Ok(Html(html.replace(TOKEN_SLOT, &ui.csrf)).into_response())
}

/// `GET /`.
pub async fn show(State(st): State<AppState>, req: Req) -> Response {
    run(st, req, render).await
}
