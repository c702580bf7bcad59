//! `/labs`: the lab kinds (`loopcoach lab list`), the user's labs, a new lab written beside
//! the workspace, each lab's artifacts to download, a diagnosis to submit (graded by the same
//! claims grader as `loopcoach lab check`) and the past attempts.

use std::path::{Component, Path as FsPath, PathBuf};

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use loopcoach_labs as labs;
use loopcoach_store::LabRow;
use serde::Deserialize;
use time::OffsetDateTime;

use super::{P, Req, html, run};
use crate::error::WebError;
use crate::state::AppState;
use crate::ui::Ui;

/// The largest artifact served (lab files are small; anything larger is not ours).
pub const MAX_ARTIFACT_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug)]
pub struct KindRow {
    pub kind: String,
    pub title: String,
    pub faults: usize,
}

#[derive(Debug)]
pub struct LabListRow {
    pub id: String,
    pub kind: String,
    pub created: String,
}

#[derive(Debug, Template)]
#[template(path = "labs.html")]
pub struct LabsPage {
    pub p: P,
    pub kinds: Vec<KindRow>,
    pub labs: Vec<LabListRow>,
}

#[derive(Debug)]
pub struct AttemptRow {
    pub at: String,
    pub verdict: String,
    pub score: String,
    pub answer: String,
}

#[derive(Debug, Template)]
#[template(path = "lab.html")]
pub struct LabPage {
    pub p: P,
    pub id: String,
    pub kind: String,
    pub ticket: String,
    pub files: Vec<String>,
    pub attempts: Vec<AttemptRow>,
    pub verdict: Option<String>,
    /// The grader's findings after the verdict (what was missing, what was ruled out).
    pub findings: Vec<String>,
    /// Set when the attempt put the lab in the drills (it was not solved).
    pub card_added: bool,
    pub answer: String,
}

fn lab_lang(l: loopcoach_core::Lang) -> labs::Lang {
    match l {
        loopcoach_core::Lang::Ko => labs::Lang::Ko,
        loopcoach_core::Lang::En => labs::Lang::En,
    }
}

/// `GET /labs`.
pub async fn index(State(st): State<AppState>, req: Req) -> Response {
    run(st, req, |st, ui| {
        let lang = lab_lang(ui.lang);
        let kinds = labs::catalog()
            .into_iter()
            .map(|k| KindRow {
                title: k.title.get(lang).to_string(),
                faults: k.faults.len(),
                kind: k.kind,
            })
            .collect();
        let rows = st
            .backend()
            .store()?
            .labs()?
            .into_iter()
            .map(|r| LabListRow {
                id: r.id,
                kind: r.kind,
                created: r.created_at,
            })
            .collect();
        html(&LabsPage {
            p: P::new(ui, "labs", "web-nav-labs"),
            kinds,
            labs: rows,
        })
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct NewForm {
    pub kind: String,
}

/// `POST /labs/new`: a new lab of a kind, written under the workspace's folder.
pub async fn create(State(st): State<AppState>, req: Req, Form(f): Form<NewForm>) -> Response {
    run(st, req, move |st, ui| {
        let t = ui.tr();
        if !labs::catalog().iter().any(|k| k.kind == f.kind) {
            return Err(WebError::BadRequest(t.s("web-lab-unknown-kind", &f.kind)));
        }
        let now = OffsetDateTime::now_utc();
        let seed = (now.unix_timestamp_nanos() as u64) % 1_000_000;
        let lab = labs::generate(&labs::LabRequest {
            kind: f.kind.clone(),
            fault: None,
            seed,
            difficulty: 1,
            lang: lab_lang(ui.lang),
            now,
        })
        .map_err(|e| WebError::Other(e.to_string()))?;
        let dir = st
            .backend()
            .uploads_dir()
            .join("labs")
            .join(format!("lab-{}-{seed}", f.kind));
        let answer =
            serde_json::to_string(&lab.answer).map_err(|e| WebError::Other(e.to_string()))?;
        let created = now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let mut store = st.backend().store()?;
        // The key is stored and the folder written in one transaction (as `lab new` does).
        store.transact(|tx| -> Result<(), WebError> {
            tx.save_lab(&LabRow {
                id: lab.id.clone(),
                kind: lab.kind.clone(),
                answer,
                dir: dir.display().to_string(),
                created_at: created,
            })?;
            labs::write_lab(&dir, &lab).map_err(|e| WebError::Other(e.to_string()))?;
            Ok(())
        })?;
        Ok(Redirect::to(&format!("/labs/{}", lab.id)).into_response())
    })
    .await
}

/// Every file under `dir`, as paths relative to it, sorted.
fn files_of(dir: &FsPath) -> Vec<String> {
    fn walk(base: &FsPath, d: &FsPath, out: &mut Vec<String>) {
        let Ok(rd) = std::fs::read_dir(d) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            match e.file_type() {
                Ok(ft) if ft.is_dir() => walk(base, &p, out),
                Ok(ft) if ft.is_file() => {
                    if let Ok(rel) = p.strip_prefix(base) {
                        out.push(rel.to_string_lossy().into_owned());
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn lab_row(st: &AppState, ui: &Ui, id: &str) -> Result<LabRow, WebError> {
    st.backend()
        .store()?
        .lab(id)?
        .ok_or_else(|| WebError::NotFound(ui.tr().s("web-no-lab", id)))
}

fn lab_page(st: &AppState, ui: &Ui, row: &LabRow) -> Result<LabPage, WebError> {
    let dir = PathBuf::from(&row.dir);
    let ticket = std::fs::read_to_string(dir.join("TICKET.md")).unwrap_or_default();
    let attempts = st
        .backend()
        .store()?
        .lab_attempts(&row.id)?
        .into_iter()
        .map(|a| AttemptRow {
            at: a.at,
            verdict: a.verdict,
            score: format!("{:.0}%", a.score * 100.0),
            answer: a.answer,
        })
        .collect();
    Ok(LabPage {
        p: P::new(ui, "labs", "web-nav-labs"),
        id: row.id.clone(),
        kind: row.kind.clone(),
        ticket: crate::render::markdown(&ticket),
        files: files_of(&dir),
        attempts,
        verdict: None,
        findings: Vec::new(),
        card_added: false,
        answer: String::new(),
    })
}

/// `GET /labs/{id}`.
pub async fn show(State(st): State<AppState>, req: Req, Path(id): Path<String>) -> Response {
    run(st, req, move |st, ui| {
        let row = lab_row(st, ui, &id)?;
        html(&lab_page(st, ui, &row)?)
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct FileQuery {
    pub path: String,
}

/// Whether `rel` is a plain relative path inside a folder (no `..`, not absolute).
fn inside(rel: &str) -> bool {
    let p = FsPath::new(rel);
    !rel.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// `GET /labs/{id}/file?path=…`: one artifact, as a download.
pub async fn file(
    State(st): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    Query(q): Query<FileQuery>,
) -> Response {
    run(st, req, move |st, ui| {
        let row = lab_row(st, ui, &id)?;
        let dir = PathBuf::from(&row.dir);
        if !inside(&q.path) || !files_of(&dir).contains(&q.path) {
            return Err(WebError::NotFound(ui.tr().s("web-no-file", &q.path)));
        }
        let bytes = loopcoach_notes::files::read_limited(&dir.join(&q.path), MAX_ARTIFACT_BYTES)
            .map_err(|_| WebError::NotFound(ui.tr().s("web-no-file", &q.path)))?;
        let name: String = FsPath::new(&q.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            .collect();
        Ok((
            [
                (header::CONTENT_TYPE, "application/octet-stream".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            bytes,
        )
            .into_response())
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct CheckForm {
    #[serde(default)]
    pub answer: String,
}

/// `POST /labs/{id}/check`: grade the diagnosis and keep the attempt.
pub async fn check(
    State(st): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    Form(f): Form<CheckForm>,
) -> Response {
    run(st, req, move |st, ui| {
        let t = ui.tr();
        let row = lab_row(st, ui, &id)?;
        if f.answer.trim().is_empty() {
            let mut page = lab_page(st, ui, &row)?;
            page.verdict = Some(t.get("web-lab-empty"));
            let mut r = html(&page)?;
            *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(r);
        }
        let key: labs::AnswerKey = serde_json::from_str(&row.answer)
            .map_err(|e| WebError::Other(format!("stored answer key is unreadable: {e}")))?;
        let now = OffsetDateTime::now_utc();
        let at = now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let mut store = st.backend().store()?;
        // Graded and kept as `lab check` does: the attempt, and for an unsolved lab its drill
        // card, in one transaction.
        let outcome = store
            .transact(|tx| {
                loopcoach_practice::lab_practice::record_check(
                    tx,
                    &key,
                    &f.answer,
                    FsPath::new(&row.dir),
                    &at,
                    now.unix_timestamp(),
                )
            })
            .map_err(|e| WebError::Other(e.to_string()))?;
        let grade = outcome.grade;
        let mut page = lab_page(st, ui, &row)?;
        let mut lines =
            loopcoach_practice::lab_practice::verdict_lines(&grade, &row.dir, ui.tr().messages());
        page.verdict = Some(lines.remove(0));
        page.findings = lines;
        page.card_added = outcome.card.is_some();
        page.answer = f.answer.clone();
        html(&page)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_inside() {
        assert!(inside("token.txt"));
        assert!(inside("manifests/deployment.yaml"));
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "./a"] {
            assert!(!inside(bad), "{bad}");
        }
    }
}
